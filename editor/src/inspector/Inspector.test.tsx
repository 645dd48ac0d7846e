// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { adCounterWith, renderInspector } from './render-inspector';

afterEach(cleanup);

describe('the inspector', () => {
  it("shows the graph's name when nothing is selected, and edits it", () => {
    const { store } = renderInspector((s) => s.getState().loadTemplate('leaderboard'));
    const name = screen.getByTestId('graph-name');
    expect(name).toHaveProperty('value', 'Leaderboard');
    fireEvent.change(name, { target: { value: 'Scores' } });
    expect(store.getState().doc.name).toBe('Scores');
  });

  it('shows a CEL error inline at its line and column, with a caret, and clears it when fixed', () => {
    const { node } = renderInspector(adCounterWith('adsWithContracts'));
    const predicate = screen.getByTestId('param-predicate');
    expect(predicate).toHaveProperty('value', 'x[0].id == x[1].id');
    expect(screen.queryByTestId('expr-error-predicate')).toBeNull();

    fireEvent.change(predicate, { target: { value: 'x[0].id ==\n  x[1].id +' } });
    expect(node('adsWithContracts')?.params.predicate).toBe('x[0].id ==\n  x[1].id +');
    const error = screen.getByTestId('expr-error-predicate');
    expect(error.getAttribute('data-line')).toBe('2');
    expect(Number(error.getAttribute('data-column'))).toBeGreaterThan(8);
    expect(error.textContent).toContain('line 2');
    const [line, caret] = (error.querySelector('pre')?.textContent ?? '').split('\n');
    expect(line).toBe('  x[1].id +');
    expect(caret?.indexOf('^')).toBe(Number(error.getAttribute('data-column')) - 1);
    expect(predicate.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(predicate, { target: { value: 'x[0].id == x[1].id' } });
    expect(screen.queryByTestId('expr-error-predicate')).toBeNull();
  });

  it('reports a type error of an expression against its slot', () => {
    renderInspector(adCounterWith('adsWithContracts'));
    fireEvent.change(screen.getByTestId('param-predicate'), { target: { value: '"yes"' } });
    expect(screen.getByTestId('expr-error-predicate').textContent).toMatch(/bool/);
  });

  it('switches a threshold between value and cardinality, keeping n, and edits n as a number', () => {
    const { node } = renderInspector(adCounterWith('removeAd'));
    const n = screen.getByTestId('param-threshold.n');
    expect(n).toHaveProperty('value', '100');
    fireEvent.change(n, { target: { value: '50000' } });
    expect(node('removeAd')?.params.threshold).toEqual({ kind: 'value', n: 50000 });
    fireEvent.change(n, { target: { value: '5e' } });
    expect(screen.getByTestId('param-threshold.n-error').textContent).toContain('not a number');
    expect(node('removeAd')?.params.threshold).toEqual({ kind: 'value', n: 50000 });

    fireEvent.change(screen.getByTestId('param-threshold.kind'), {
      target: { value: 'cardinality' },
    });
    expect(node('removeAd')?.params.threshold).toEqual({ kind: 'cardinality', n: 50000 });
  });

  it('asks for K when a fold becomes top-k, and takes it', () => {
    const { node } = renderInspector((s) => {
      s.getState().addNodeOfType('operator', 'fold', { x: 0, y: 0 });
    });
    fireEvent.change(screen.getByTestId('param-aggregate'), { target: { value: 'topk' } });
    expect(node('fold1')?.params.aggregate).toBe('topk');
    expect(screen.getByTestId('param-k-error').textContent).toContain(
      'required for aggregate topk',
    );
    fireEvent.change(screen.getByTestId('param-k'), { target: { value: '3' } });
    expect(node('fold1')?.params.k).toBe(3);
    expect(screen.queryByTestId('param-k-error')).toBeNull();
  });

  it('edits placement hints, and says when an enforce_once trigger is not trusted-only', () => {
    const { node } = renderInspector(adCounterWith('removeAd'));
    const group = screen.getByTestId('placement') as HTMLDetailsElement;
    const summary = () => screen.getByTestId('placement-summary').textContent;
    expect(group.open).toBe(true);
    expect(summary()).toBe('Placement · trustedOnly');
    fireEvent.click(screen.getByTestId('placement-trustedOnly'));
    expect(node('removeAd')?.placement).toBeUndefined();
    expect(screen.getByTestId('placement-trustedOnly-error').textContent).toContain('enforce_once');
    // Still open, though no hint is left: it must not close under the user.
    expect(group.open).toBe(true);
    expect(summary()).toBe('Placement · no hints · 1 problem');
    fireEvent.click(screen.getByTestId('placement-trustedOnly'));
    expect(node('removeAd')?.placement).toEqual({ trustedOnly: true });

    fireEvent.change(screen.getByTestId('placement-selector'), {
      target: { value: 'role=server, zone=eu' },
    });
    fireEvent.click(screen.getByTestId('placement-each'));
    fireEvent.change(screen.getByTestId('placement-replicas'), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('placement-pin'), { target: { value: 'server-1' } });
    expect(node('removeAd')?.placement).toEqual({
      trustedOnly: true,
      selector: { role: 'server', zone: 'eu' },
      each: true,
      replicas: 2,
      pin: 'server-1',
    });
    fireEvent.change(screen.getByTestId('placement-selector'), { target: { value: 'role' } });
    expect(screen.getByTestId('placement-selector-error').textContent).toContain('label=value');
  });

  it('keeps the placement hints of a node that has none folded away', () => {
    renderInspector(adCounterWith('impressions'));
    expect((screen.getByTestId('placement') as HTMLDetailsElement).open).toBe(false);
    expect(screen.getByTestId('placement-summary').textContent).toBe('Placement · no hints');
  });

  it('edits a nested CRDT type as JSON and shows why it is invalid', () => {
    const { node } = renderInspector(adCounterWith('impressions'));
    const value = screen.getByTestId('param-value');
    expect(value).toHaveProperty('value', '{"name":"gcounter"}');
    fireEvent.change(value, { target: { value: '{"name": "pncounter"' } });
    expect(screen.getByTestId('param-value-error').textContent).toContain('not valid JSON');
    fireEvent.change(value, { target: { value: '{"name": "pncounter"}' } });
    expect(node('impressions')?.params.value).toEqual({ name: 'pncounter' });
  });

  it('renames a node on Enter, rewiring its edges, and refuses a taken or malformed id', () => {
    const { store, node } = renderInspector(adCounterWith('ads'));
    const id = screen.getByTestId('inspector-id');
    fireEvent.change(id, { target: { value: 'contracts' } });
    fireEvent.keyDown(id, { key: 'Enter' });
    expect(screen.getByTestId('inspector-id-error').textContent).toContain('already');
    fireEvent.change(id, { target: { value: '9lives' } });
    fireEvent.keyDown(id, { key: 'Enter' });
    expect(screen.getByTestId('inspector-id-error').textContent).toContain(
      'must start with a letter',
    );
    fireEvent.change(id, { target: { value: 'allAds' } });
    fireEvent.keyDown(id, { key: 'Enter' });
    expect(node('allAds')?.type).toBe('union');
    const edges = store.getState().doc.edges;
    expect(edges.filter((e) => e.target === 'allAds' || e.source === 'allAds')).toHaveLength(3);
    expect(edges.some((e) => e.source === 'ads' || e.target === 'ads')).toBe(false);
  });

  it('counts a box selection as the nodes and edges it shows selected', () => {
    renderInspector((s) => {
      s.getState().loadTemplate('ad-counter');
      const edges = s
        .getState()
        .doc.edges.slice(0, 4)
        .map((e) => e.id);
      s.getState().select(['ads', 'contracts'], edges);
    });
    expect(screen.getByTestId('inspector-multi').textContent).toBe(
      '2 nodes and 4 edges selected. Delete removes them all.',
    );
  });

  it('counts a selection of edges alone as edges', () => {
    renderInspector((s) => {
      s.getState().loadTemplate('ad-counter');
      s.getState().select(
        [],
        s
          .getState()
          .doc.edges.slice(0, 2)
          .map((e) => e.id),
      );
    });
    expect(screen.getByTestId('inspector-multi').textContent).toBe(
      '2 edges selected. Delete removes them all.',
    );
  });

  it("lists the node's problems", () => {
    renderInspector((s) => {
      s.getState().addNodeOfType('operator', 'filter', { x: 0, y: 0 });
    });
    const problems = screen.getByTestId('inspector-problems');
    expect(within(problems).getByText(/input `in` is not connected/)).toBeTruthy();
  });
});
