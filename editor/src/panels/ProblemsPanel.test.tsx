// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorStoreProvider } from '../store/editor-context';
import { testStore } from '../store/test-store';
import { problemsOf } from '../store/validation';
import { ProblemsPanel } from './ProblemsPanel';

afterEach(cleanup);

function setup() {
  const { store } = testStore();
  render(
    <EditorStoreProvider store={store}>
      <ProblemsPanel />
    </EditorStoreProvider>,
  );
  // Store changes made by the test itself reach React inside act(), as events do.
  const change = (f: () => void) => act(f);
  return { store, s: () => store.getState(), change };
}

describe('the problems panel', () => {
  it('says the graph is valid when it is', () => {
    const { s } = setup();
    expect(screen.getByTestId('problems-count').textContent).toContain('valid');
    expect(s().doc.nodes).toHaveLength(0);
  });

  it('follows edits, and a click selects and centres on the blamed node', () => {
    const { s, change } = setup();
    change(() => s().loadTemplate('ad-counter'));
    expect(screen.queryByTestId('problem-0')).toBeNull();
    change(() => {
      s().updateNode('adsWithContracts', (n) => ({ ...n, params: { predicate: 'x[0].id ==' } }));
      s().clearSelection();
    });
    expect(screen.getByTestId('problems-count').textContent).toBe('1');
    const problem = screen.getByTestId('problem-0');
    expect(problem.getAttribute('data-code')).toBe('bad-expression');
    const seq = s().focus?.seq ?? 0;
    fireEvent.click(problem);
    expect(s().selectedNodeIds).toEqual(['adsWithContracts']);
    expect(s().focus).toEqual({ seq: seq + 1, nodeIds: ['adsWithContracts'] });
  });

  it('keeps one box for the list whatever the count, and folded names the first problem', () => {
    const { s, change } = setup();
    // The box (of fixed height in CSS) is there before any problem, so none can grow the panel.
    const box = screen.getByTestId('problems-list');
    change(() => s().addNodeOfType('operator', 'filter', { x: 0, y: 0 }));
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(screen.getByTestId('problems-list')).toBe(box);
    expect(screen.queryByTestId('problems-first')).toBeNull();
    fireEvent.click(screen.getByTestId('problems-toggle'));
    expect(screen.queryByTestId('problems-list')).toBeNull();
    const first = screen.getByTestId('problems-first');
    expect(first.textContent).toContain(problemsOf(s().doc)[0]?.message ?? '?');
    change(() => s().clearSelection());
    fireEvent.click(first);
    expect(s().selectedNodeIds).toEqual(['filter1']);
  });

  it('selects every node of a cycle', () => {
    const { s, store, change } = setup();
    change(() => s().loadTemplate('ad-counter'));
    // The canvas would refuse this edge, so it is put into the document directly.
    change(() =>
      store.setState({
        doc: {
          ...s().doc,
          edges: [
            ...s().doc.edges,
            {
              id: 'back',
              source: 'ads',
              sourceHandle: 'out',
              target: 'rovioAds',
              targetHandle: 'in',
            },
          ],
        },
      }),
    );
    const cycle = screen
      .getAllByRole('button')
      .find((b) => b.getAttribute('data-code') === 'cycle');
    if (!cycle) throw new Error('no cycle problem listed');
    fireEvent.click(cycle);
    expect([...s().selectedNodeIds].sort()).toEqual(['ads', 'rovioAds']);
  });

  it('selects the edge of an edge problem and centres on its ends', () => {
    const { s, store, change } = setup();
    change(() => {
      s().addNodeOfType('variable', 'gcounter', { x: 0, y: 0 });
      s().addNodeOfType('operator', 'filter', { x: 0, y: 0 });
    });
    change(() =>
      store.setState({
        doc: {
          ...s().doc,
          edges: [
            {
              id: 'bad',
              source: 'gcounter1',
              sourceHandle: 'out',
              target: 'filter1',
              targetHandle: 'in',
            },
          ],
        },
      }),
    );
    const mismatch = screen
      .getAllByRole('button')
      .find((b) => b.getAttribute('data-code') === 'type-mismatch');
    if (!mismatch) throw new Error('no type-mismatch problem listed');
    fireEvent.click(mismatch);
    expect(s().selectedEdgeIds).toEqual(['bad']);
    expect(s().selectedNodeIds).toEqual([]);
    expect(s().focus?.nodeIds).toEqual(['gcounter1', 'filter1']);
  });
});
