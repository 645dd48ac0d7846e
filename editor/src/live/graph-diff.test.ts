import type { GraphDocument } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../store/import-document';
import { TEMPLATES } from '../store/templates';
import { describeChange, diffDocuments, undeployedChanges } from './graph-diff';

function adCounter(): GraphDocument {
  const result = importDocument(TEMPLATES.find((t) => t.id === 'ad-counter')?.text ?? '');
  if (!result.ok) throw new Error('the ad counter template does not import');
  return result.doc;
}

const withNode = (
  doc: GraphDocument,
  id: string,
  change: (n: GraphDocument['nodes'][number]) => GraphDocument['nodes'][number],
) => ({
  ...doc,
  nodes: doc.nodes.map((n) => (n.id === id ? change(n) : n)),
});

describe('undeployed changes', () => {
  it('finds none between a document and a copy of it with every node moved', () => {
    const deployed = adCounter();
    const moved = {
      ...deployed,
      nodes: deployed.nodes.map((n) => ({ ...n, position: { x: 9999, y: -1 } })),
    };
    expect(diffDocuments(deployed, moved)).toEqual([]);
  });

  it('names a changed param of a node, and nothing else', () => {
    const deployed = adCounter();
    const current = withNode(deployed, 'adsWithContracts', (n) => ({
      ...n,
      params: { ...n.params, predicate: 'true' },
    }));
    const changes = diffDocuments(deployed, current);
    expect(changes).toEqual([
      { element: 'node', change: 'changed', id: 'adsWithContracts', fields: ['params.predicate'] },
    ]);
    expect(describeChange(changes[0]!)).toBe('node adsWithContracts changed (params.predicate)');
  });

  it('sees a placement hint, a label and a param removed as changes of that node', () => {
    const deployed = adCounter();
    const current = withNode(deployed, 'removeAd', ({ placement: _p, label: _l, ...n }) => ({
      ...n,
      params: { ...n.params, perKey: undefined },
    }));
    expect(diffDocuments(deployed, current)).toEqual([
      {
        element: 'node',
        change: 'changed',
        id: 'removeAd',
        fields: ['label', 'placement', 'params.perKey'],
      },
    ]);
  });

  it('lists added and removed nodes and edges; a redrawn edge with a new id is no change', () => {
    const deployed = adCounter();
    const current: GraphDocument = {
      ...deployed,
      nodes: [
        ...deployed.nodes.filter((n) => n.id !== 'adsLog'),
        { id: 'extra', kind: 'variable', type: 'gcounter', params: {}, position: { x: 0, y: 0 } },
      ],
      edges: deployed.edges
        .filter((e) => e.target !== 'adsLog')
        .map((e) => (e.id === 'rovioToAds' ? { ...e, id: 'renamedEdge' } : e)),
    };
    const changes = diffDocuments(deployed, current).map(describeChange);
    expect(changes).toEqual([
      'node extra added',
      'node adsLog removed',
      'edge adsWithContracts.out → adsLog.in removed',
    ]);
  });

  it("counts the graph's name but not a param set to the same value in another key order", () => {
    const deployed = adCounter();
    const renamed = { ...deployed, name: 'Other' };
    expect(diffDocuments(deployed, renamed).map(describeChange)).toEqual(['graph name changed']);
    const reordered = withNode(deployed, 'removeAd', (n) => ({
      ...n,
      params: Object.fromEntries(Object.entries(n.params).reverse()),
    }));
    expect(diffDocuments(deployed, reordered)).toEqual([]);
  });

  it('answers the same array for the same pair of documents, and a new one for another', () => {
    const deployed = adCounter();
    const current = { ...deployed, name: 'x' };
    const first = undeployedChanges(deployed, current);
    expect(undeployedChanges(deployed, current)).toBe(first);
    expect(undeployedChanges(deployed, deployed)).toEqual([]);
  });
});
