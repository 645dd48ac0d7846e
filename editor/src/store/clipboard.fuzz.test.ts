import { parseGraphDraftJson } from '@inflow/shared-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fragment } from './clipboard';
import { clipboardTexts, docOf, TEMPLATE_IDS } from './fuzz-documents';
import { exportDocument, importDocument } from './import-document';
import { TEMPLATES } from './templates';
import { testStore } from './test-store';

/** Stands for a new, empty graph, where pasted nodes keep their place. */
const EMPTY = '(empty)';
/** Stands for the text this tab's own Copy put on the clipboard. */
const OWN_COPY = '(this tab’s copy)';

const pasteInput = fc.record({
  open: fc.constantFrom(...TEMPLATE_IDS, EMPTY),
  text: fc.oneof(
    { arbitrary: clipboardTexts, weight: 9 },
    { arbitrary: fc.constant(OWN_COPY), weight: 1 },
  ),
});

/** Import's verdict on text that is an Inflow graph, whatever is wrong with it. */
function graphProblem(text: string): string | undefined {
  const result = importDocument(text);
  const first = result.ok ? undefined : result.problems[0];
  const notAGraph = first?.code === 'invalid-json' || first?.code === 'unsupported-format';
  return notAGraph ? undefined : first?.message;
}

/**
 * A paste into an open graph (with a copy of its own made first) either adds the nodes, with
 * fresh ids where theirs are taken and edges only among existing nodes, as one undo step; or it
 * changes nothing and says why.
 */
function checkPaste({ open, text: input }: { open: string; text: string }): void {
  const { store } = testStore();
  const s = () => store.getState();
  if (open !== EMPTY) s().loadTemplate(open);
  const firstTwo = s().doc.nodes.slice(0, 2);
  s().select(firstTwo.map((n) => n.id));
  const own = s().copySelection();
  const text = input === OWN_COPY ? (own ?? '') : input;
  const expected: Fragment | undefined =
    text === own ? s().clipboard : importDocument(text).ok ? docOf(text) : undefined;
  const [before, history] = [s().doc, s().history];

  if (!s().pasteText(text)) {
    expect(s().doc).toBe(before);
    expect(s().history).toBe(history);
    expect(s().status?.text).toMatch(/^(Nothing to paste|Not pasted): \S/);
    // Nodes that read well are pasted: these graphs are far from the limits.
    expect(expected?.nodes ?? [], 'nodes that read well').toEqual([]);
    const why = graphProblem(text);
    if (why !== undefined) expect(s().status?.text).toContain(why);
    return;
  }
  const after = s().doc;
  after.nodes.slice(0, before.nodes.length).forEach((n, i) => expect(n).toBe(before.nodes[i]));
  after.edges.slice(0, before.edges.length).forEach((e, i) => expect(e).toBe(before.edges[i]));
  const added = after.nodes.slice(before.nodes.length);
  expect(added).toHaveLength(expected?.nodes.length ?? -1);
  expect(after.edges.length - before.edges.length).toBe(expected?.edges.length);
  expect(s().selectedNodeIds).toEqual(added.map((n) => n.id));
  const ids = new Set(after.nodes.map((n) => n.id));
  expect(ids.size).toBe(after.nodes.length);
  expect(new Set(after.edges.map((e) => e.id)).size).toBe(after.edges.length);
  const dangling = after.edges.filter((e) => !ids.has(e.source) || !ids.has(e.target));
  expect(dangling).toEqual([]);
  // The graph is still one the editor can save and open again.
  const again = parseGraphDraftJson(exportDocument(after));
  expect(again.ok ? [] : again.problems).toEqual([]);
  s().undo();
  expect(s().doc).toBe(before);
}

describe('pasting any text into an open graph', () => {
  it('when the clipboard holds anything, then nodes are added without clashes, or nothing changes and the status says why', () => {
    fc.assert(fc.property(pasteInput, checkPaste), { seed: 2201, numRuns: 1500 });
  });
});

describe('what the properties found', () => {
  it('when copied nodes lie at both ends of the number line, then they are pasted at finite places', () => {
    // Shifting them below the graph overflowed to Infinity, which the export wrote as null.
    const far = (x: number, y: number) => ({ x, y });
    const copied = docOf(TEMPLATES.find((t) => t.id === 'ad-counter')?.text ?? '');
    const [a, b] = copied.nodes;
    if (!a || !b) throw new Error('the ad counter has nodes');
    const nodes = [
      { ...a, position: far(0, -Number.MAX_VALUE) },
      { ...b, position: far(Number.MAX_VALUE, Number.MAX_VALUE) },
    ];
    const text = exportDocument({ ...copied, nodes, edges: [] });
    checkPaste({ open: 'ad-counter', text });
    checkPaste({ open: EMPTY, text });
    const { store } = testStore();
    store.getState().loadTemplate('leaderboard');
    expect(store.getState().pasteText(text)).toBe(true);
    const pasted = store
      .getState()
      .doc.nodes.slice(-2)
      .map((n) => n.position);
    expect(pasted.flatMap(({ x, y }) => [x, y]).every(Number.isFinite)).toBe(true);
  });

  it('when the clipboard holds a graph that cannot be read, then the status names its problem', () => {
    // It said "the clipboard holds no nodes" for a graph of a newer Inflow, or one with a bad edge.
    const { store } = testStore();
    const s = () => store.getState();
    s().loadTemplate('ad-counter');
    expect(s().pasteText('{"format": "inflow-graph", "version": 2}')).toBe(false);
    expect(s().status).toEqual({
      kind: 'error',
      text: 'Nothing to paste: the graph on the clipboard cannot be read: this graph is version 2, newer than this Inflow understands (up to 1): upgrade Inflow to open it',
    });
    expect(s().pasteText('just some words')).toBe(false);
    expect(s().status).toEqual({
      kind: 'info',
      text: 'Nothing to paste: the clipboard holds no nodes',
    });
  });

  it('when the nodes would take the graph over its limits, then they are not pasted, and the status says why', () => {
    // The graph took them, and could then be neither saved nor exported and opened again.
    const nodes = Array.from({ length: 4_990 }, (_, i) => ({
      ...{ id: `n${i}`, kind: 'variable', type: 'gset', params: {} },
      position: { x: i, y: 0 },
    }));
    const { store } = testStore();
    const s = () => store.getState();
    s().importText(
      JSON.stringify({ format: 'inflow-graph', version: 1, name: 'Big', nodes, edges: [] }),
    );
    s().select(nodes.slice(0, 20).map((n) => n.id));
    const text = s().copySelection() ?? '';
    const [doc, history] = [s().doc, s().history];
    for (const paste of [
      () => s().pasteText(text),
      () => s().paste(),
      () => s().duplicateSelection(),
    ]) {
      paste();
      expect(s().doc).toBe(doc);
      expect(s().history).toBe(history);
      expect(s().status).toEqual({
        kind: 'error',
        text: 'Not pasted: with these nodes, the graph has 5010 nodes; at most 5000 are allowed',
      });
    }
  });

  it('when nothing has been copied, then Paste says so', () => {
    const { store } = testStore();
    store.getState().paste();
    expect(store.getState().status?.text).toBe('Nothing to paste: no nodes have been copied');
  });
});
