import type { GraphProblem } from '@inflow/shared-core';
import { useState } from 'react';
import { useEditor, useEditorStore } from '../store/editor-context';
import { problemsOf } from '../store/validation';

/** The elements a problem blames: its node, the nodes of a cycle, or its edge. */
function blamed(p: GraphProblem): { nodeIds: string[]; edgeIds: string[] } {
  const nodeIds = p.nodeIds ?? (p.nodeId === undefined ? [] : [p.nodeId]);
  const edgeIds = p.edgeId === undefined ? [] : [p.edgeId];
  return { nodeIds, edgeIds };
}

/**
 * Every problem the core's validator finds in the document, as it is edited. Clicking one
 * selects what it blames and centres the canvas on it. Its height never follows the count: open,
 * the list scrolls in a box of fixed height; folded, the header names the first problem. A panel
 * that grew as problems appeared would shrink the canvas under the pointer mid-drag.
 */
export function ProblemsPanel() {
  const store = useEditorStore();
  const problems = useEditor((s) => problemsOf(s.doc));
  const [open, setOpen] = useState(true);
  const n = problems.length;
  const first = problems[0];

  const show = (p: GraphProblem) => {
    const { nodeIds, edgeIds } = blamed(p);
    const s = store.getState();
    // A problem of an edge (a wrong port type) selects the edge, whose ends get centred.
    s.select(nodeIds.length > 0 ? nodeIds : [], nodeIds.length > 0 ? [] : edgeIds);
    const edges = s.doc.edges.filter((e) => edgeIds.includes(e.id));
    const focus = nodeIds.length > 0 ? nodeIds : edges.flatMap((e) => [e.source, e.target]);
    if (focus.length > 0) s.focusNodes(focus);
  };

  return (
    <section
      className={`problems${n > 0 ? ' has-problems' : ''}`}
      aria-label="Problems"
      data-testid="problems"
    >
      <header>
        <button
          type="button"
          aria-expanded={open}
          data-testid="problems-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'} Problems
        </button>
        <span className="count" data-testid="problems-count" aria-live="polite">
          {n === 0 ? 'none: the graph is valid' : `${n}`}
        </span>
        {!open && first && (
          <button
            type="button"
            className="problem problems-first"
            data-testid="problems-first"
            onClick={() => show(first)}
            title={first.message}
          >
            <span className="problem-code">{first.code}</span> {first.message}
          </button>
        )}
      </header>
      {open && (
        <div className="problems-list" data-testid="problems-list">
          {n > 0 && (
            <ol>
              {problems.map((p, i) => (
                <li key={`${i}:${p.message}`}>
                  <button
                    type="button"
                    className={`problem problem-${p.code}`}
                    data-testid={`problem-${i}`}
                    data-code={p.code}
                    onClick={() => show(p)}
                    title="Select what this problem is about"
                  >
                    <span className="problem-code">{p.code}</span> {p.message}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
