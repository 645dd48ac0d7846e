import { findNodeType, type GraphDocument, type NodeKind } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { checkConnection, sameSideReason } from './connection-check';
import { addEdge, addNode, emptyDocument, type EdgeEnds } from './document-edits';
import { testStore } from './test-store';

function build(nodes: [NodeKind, string][], edges: EdgeEnds[] = []): GraphDocument {
  let doc = emptyDocument('t');
  for (const [kind, type] of nodes) {
    const spec = findNodeType(kind, type);
    if (!spec) throw new Error(`no ${kind}/${type}`);
    doc = addNode(doc, spec, { x: 0, y: 0 }).doc;
  }
  for (const e of edges) doc = addEdge(doc, e).doc;
  return doc;
}

const edge = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({
  source,
  sourceHandle,
  target,
  targetHandle,
});

describe('checkConnection', () => {
  it('accepts a set into a set operator', () => {
    const doc = build([
      ['variable', 'orset'],
      ['operator', 'filter'],
    ]);
    expect(checkConnection(doc, edge('orset1', 'out', 'filter1', 'in'))).toEqual({
      ok: true,
      warnings: [],
    });
  });

  it("refuses a port type the core refuses, with the core's reason", () => {
    const doc = build([
      ['variable', 'gcounter'],
      ['operator', 'union'],
    ]);
    const verdict = checkConnection(doc, edge('gcounter1', 'out', 'union1', 'left'));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.reason).toContain('gcounter');
      expect(verdict.reason).toContain('a set (orset or awset)');
      expect(verdict.reason).not.toMatch(/^edge /);
    }
  });

  it('refuses actions into a set operator', () => {
    const doc = build([
      ['source', 'client'],
      ['operator', 'map'],
    ]);
    const verdict = checkConnection(doc, edge('client1', 'action', 'map1', 'in'));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain('actions');
  });

  it('accepts actions into a variable', () => {
    const doc = build([
      ['source', 'client'],
      ['variable', 'orset'],
    ]);
    expect(checkConnection(doc, edge('client1', 'action', 'orset1', 'in')).ok).toBe(true);
  });

  it('refuses an edge that closes a cycle of states', () => {
    const doc = build(
      [
        ['variable', 'orset'],
        ['operator', 'filter'],
      ],
      [edge('orset1', 'out', 'filter1', 'in')],
    );
    const verdict = checkConnection(doc, edge('filter1', 'out', 'orset1', 'in'));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain('cycle');
  });

  it('refuses the same connection twice', () => {
    const doc = build(
      [
        ['source', 'client'],
        ['variable', 'orset'],
      ],
      [edge('client1', 'action', 'orset1', 'in')],
    );
    const verdict = checkConnection(doc, edge('client1', 'action', 'orset1', 'in'));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain('already connected');
  });

  it('refuses a second edge into a single input', () => {
    const doc = build(
      [
        ['variable', 'orset'],
        ['variable', 'awset'],
        ['operator', 'filter'],
      ],
      [edge('orset1', 'out', 'filter1', 'in')],
    );
    const verdict = checkConnection(doc, edge('awset1', 'out', 'filter1', 'in'));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain('single edge');
  });

  it('connects a trigger whose op does not fit yet, and says what to fix', () => {
    const doc = build([
      ['trigger', 'threshold'],
      ['variable', 'orset'],
    ]);
    const verdict = checkConnection(doc, edge('threshold1', 'action', 'orset1', 'in'));
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.warnings.join()).toContain('enable');
  });
});

describe('a wire between two handles of one side', () => {
  it('is refused for what it is, before a port is looked up', () => {
    const out = (nodeId: string) => ({ nodeId, id: 'out', type: 'source' as const });
    expect(sameSideReason(out('a'), out('f'))).toBe(
      '`a.out` and `f.out` are both outputs: a wire goes from an output (right) to an input (left)',
    );
    expect(sameSideReason(out('a'), { nodeId: 'f', id: 'in', type: 'target' })).toBeUndefined();
  });
});

describe('connect in the store', () => {
  it('adds an accepted edge in the core format and records a refusal', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'gcounter', { x: 0, y: 0 });
    s().addNodeOfType('operator', 'union', { x: 200, y: 0 });
    s().addNodeOfType('variable', 'orset', { x: 0, y: 100 });
    expect(s().connect(edge('gcounter1', 'out', 'union1', 'left')).ok).toBe(false);
    expect(s().doc.edges).toHaveLength(0);
    expect(s().connectionError).toContain('gcounter');
    expect(s().connect(edge('orset1', 'out', 'union1', 'left')).ok).toBe(true);
    expect(s().doc.edges).toEqual([
      {
        id: 'orset1-union1',
        source: 'orset1',
        sourceHandle: 'out',
        target: 'union1',
        targetHandle: 'left',
      },
    ]);
    expect(s().connectionError).toBeUndefined();
  });

  it('forgets a refusal once the graph is edited, since its reason names the graph as it was', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'gcounter', { x: 0, y: 0 });
    s().addNodeOfType('operator', 'union', { x: 200, y: 0 });
    expect(s().connect(edge('gcounter1', 'out', 'union1', 'left')).ok).toBe(false);
    expect(s().renameNodeId('union1', 'both')).toBeUndefined();
    expect(s().connectionError).toBeUndefined();
  });
});
