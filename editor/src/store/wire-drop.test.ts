import { findNodeType, NODE_CATALOG, type NodeTypeSpec } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { testStore } from './test-store';
import { addNodeOnWire, type LooseWire } from './wire-drop';

const spec = (kind: NodeTypeSpec['kind'], type: string) => {
  const found = findNodeType(kind, type);
  if (!found) throw new Error(`no ${kind} ${type}`);
  return found;
};

function adCounter() {
  const { store } = testStore();
  store.getState().loadTemplate('ad-counter');
  return { store, s: () => store.getState() };
}

describe('a wire dropped on empty canvas', () => {
  it('is taken by a new node at the first input the core accepts', () => {
    const { s } = adCounter();
    const fromFilter: LooseWire = { nodeId: 'adsWithContracts', handleId: 'out', from: 'source' };
    const added = addNodeOnWire(s().doc, spec('operator', 'map'), fromFilter, { x: 5, y: 6 });
    expect(added?.doc.nodes.at(-1)).toMatchObject({ id: added?.id, position: { x: 5, y: 6 } });
    expect(added?.doc.edges.at(-1)).toMatchObject({
      source: 'adsWithContracts',
      sourceHandle: 'out',
      target: added?.id,
      targetHandle: 'in',
    });
  });

  it('is taken at an output when it was dragged from an input', () => {
    const { s } = adCounter();
    // The trigger's input is wired already, and takes one wire only.
    const intoTrigger: LooseWire = { nodeId: 'removeAd', handleId: 'in', from: 'target' };
    expect(addNodeOnWire(s().doc, spec('variable', 'orset'), intoTrigger, { x: 0, y: 0 })).toBe(
      undefined,
    );
    const { store } = testStore();
    store.getState().addNodeOfType('operator', 'filter', { x: 0, y: 0 });
    const doc = store.getState().doc;
    const intoFilter: LooseWire = {
      nodeId: doc.nodes[0]?.id ?? '',
      handleId: 'in',
      from: 'target',
    };
    const added = addNodeOnWire(doc, spec('variable', 'orset'), intoFilter, { x: 0, y: 0 });
    expect(added?.doc.edges).toEqual([
      expect.objectContaining({ source: added?.id, sourceHandle: 'out', targetHandle: 'in' }),
    ]);
  });

  it('is offered only to the types that can take it', () => {
    const { s } = adCounter();
    // A map of counters feeds a threshold, and not (say) a set operator or a second map.
    const fromCounts: LooseWire = { nodeId: 'impressions', handleId: 'out', from: 'source' };
    const takers = NODE_CATALOG.filter((t) =>
      addNodeOnWire(s().doc, t, fromCounts, { x: 0, y: 0 }),
    );
    const types = takers.map((t) => t.type);
    expect(types).toContain('threshold');
    expect(types).not.toContain('union');
    expect(types).not.toContain('map');
  });

  it('adds the node and its edge as one undo step, the node selected', () => {
    const { s } = adCounter();
    const before = s().doc;
    const wire: LooseWire = { nodeId: 'adsWithContracts', handleId: 'out', from: 'source' };
    const id = s().addNodeOnWire('sink', 'log', { x: 0, y: 0 }, wire);
    expect(s().selectedNodeIds).toEqual([id]);
    expect(s().doc.edges).toHaveLength(before.edges.length + 1);
    s().undo();
    expect(s().doc).toBe(before);
    expect(s().addNodeOnWire('variable', 'gcounter', { x: 0, y: 0 }, wire)).toBeUndefined();
    expect(s().doc).toBe(before);
  });
});
