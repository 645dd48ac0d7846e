import { GRAPH_LIMITS, utf8Length, type GraphDocument } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { checkConnection } from './connection-check';
import { emptyDocument } from './document-edits';
import { testStore } from './test-store';

// A graph over the core's limits can be neither saved nor exported and opened again, so no edit
// may take it there; each says why instead.
describe('an edit that would take the graph over the core limits', () => {
  const atNodeLimit = (): GraphDocument => ({
    ...emptyDocument('Full'),
    nodes: Array.from({ length: GRAPH_LIMITS.maxNodes }, (_, i) => ({
      ...{ id: `n${i}`, kind: 'variable' as const, type: 'gset', params: {} },
      position: { x: i, y: 0 },
    })),
  });

  it('when the graph holds 5,000 nodes, then a node from the palette is not added, and the status says why', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().resetDocument(atNodeLimit());
    const [doc, history] = [s().doc, s().history];
    expect(s().addNodeOfType('variable', 'gcounter', { x: 0, y: 0 })).toBeUndefined();
    expect(s().doc).toBe(doc);
    expect(s().history).toBe(history);
    expect(s().status).toEqual({
      kind: 'error',
      text: 'Not added: with a new gcounter, the graph has 5001 nodes; at most 5000 are allowed',
    });
  });

  it('when the graph holds 5,000 nodes, then a node for a dropped wire is not added either', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().resetDocument(atNodeLimit());
    const doc = s().doc;
    const wire = { nodeId: 'n0', handleId: 'out', from: 'source' } as const;
    expect(s().addNodeOnWire('operator', 'map', { x: 0, y: 0 }, wire)).toBeUndefined();
    expect(s().doc).toBe(doc);
    expect(s().status?.text).toMatch(/^Not added: with a new map, the graph has 5001 nodes/);
  });

  it('when one node fewer is there, then the node is added', () => {
    const { store } = testStore();
    const s = () => store.getState();
    const full = atNodeLimit();
    s().resetDocument({ ...full, nodes: full.nodes.slice(1) });
    expect(s().addNodeOfType('variable', 'gcounter', { x: 0, y: 0 })).toMatch(/^gcounter/);
    expect(s().doc.nodes).toHaveLength(GRAPH_LIMITS.maxNodes);
    expect(s().status).toBeUndefined();
  });

  it('when the document is just under 1 MiB, then a connection that would take it over is refused with the limit as its reason', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'gset', { x: 0, y: 0 });
    s().addNodeOfType('operator', 'map', { x: 200, y: 0 });
    const size = utf8Length(JSON.stringify(s().doc));
    const room = 40; // less than one edge takes
    s().resetDocument({
      ...s().doc,
      description: 'x'.repeat(GRAPH_LIMITS.maxDocumentBytes - size - room),
    });
    const doc = s().doc;
    const ends = { source: 'gset', sourceHandle: 'out', target: 'map', targetHandle: 'in' };
    const reason = 'the document is 1025 KiB of JSON; a graph may be at most 1024 KiB (1 MiB)';
    expect(checkConnection(doc, ends)).toEqual({ ok: false, reason });
    expect(s().connect(ends)).toEqual({ ok: false, reason });
    expect(s().doc).toBe(doc);
    expect(s().connectionError).toBe(reason);
  });
});
