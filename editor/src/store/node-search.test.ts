import type { GraphDocument } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { searchNodes } from './node-search';
import { testStore } from './test-store';

function adCounter(): GraphDocument {
  const { store } = testStore();
  store.getState().loadTemplate('ad-counter');
  return store.getState().doc;
}

const ids = (doc: GraphDocument, query: string) =>
  searchNodes(doc, query).matches.map((m) => m.nodeId);

describe('searchNodes', () => {
  const doc = adCounter();

  it('lists every node, in the document order, for an empty query', () => {
    const { matches, total } = searchNodes(doc, '  ');
    expect(total).toBe(doc.nodes.length);
    expect(matches.map((m) => m.nodeId)).toEqual(doc.nodes.map((n) => n.id));
  });

  it('ranks the node named by the query first, then names starting with it, then the rest', () => {
    // `ads` is an id; `adsContracts` and `adsWithContracts` start with it; `rovioAds` and
    // `riotAds` hold it, and so do the other nodes' labels ("Displayable ads").
    expect(ids(doc, 'ads').slice(0, 5)).toEqual([
      'ads',
      'adsContracts',
      'adsWithContracts',
      'adsLog',
      'rovioAds',
    ]);
    expect(ids(doc, 'ADS')[0]).toBe('ads');
  });

  it('finds a node by its label, type or kind, ignoring case', () => {
    expect(ids(doc, 'displayable')).toEqual(['adsLog']);
    expect(ids(doc, 'gmap')).toEqual(['impressions']);
    expect(ids(doc, 'TRIGGER')).toEqual(['removeAd']);
  });

  it('finds a node by a parameter or a placement hint, and says where it matched', () => {
    const [byPredicate] = searchNodes(doc, 'x[0].id').matches;
    expect(byPredicate).toEqual({
      nodeId: 'adsWithContracts',
      label: 'Ads with a contract',
      kind: 'operator',
      type: 'filter',
      excerpt: 'predicate: x[0].id == x[1].id',
    });
    expect(searchNodes(doc, 'enforce_once').matches[0]?.excerpt).toBe('mode: enforce_once');
    expect(searchNodes(doc, 'perkey').matches[0]?.excerpt).toBe('perKey: true');
    // The label says 100 too, and the row shows the label.
    expect(searchNodes(doc, '100').matches[0]).toMatchObject({ nodeId: 'removeAd' });
    expect(searchNodes(doc, '100').matches[0]?.excerpt).toBeUndefined();
    expect(searchNodes(doc, 'client').matches.map((m) => [m.nodeId, m.excerpt])).toEqual([
      ['gameClients', undefined],
    ]);
    expect(searchNodes(doc, 'role').matches[0]?.excerpt).toBe('placement.selector.role: client');
    expect(searchNodes(doc, 'trusted').matches[0]).toMatchObject({
      nodeId: 'removeAd',
      excerpt: 'placement.trustedOnly: true',
    });
  });

  it('needs every word to match, each anywhere in the node', () => {
    expect(ids(doc, 'threshold remove')).toEqual(['removeAd']);
    expect(ids(doc, 'orset riot')).toEqual(['riotAds']);
    expect(ids(doc, 'orset nowhere')).toEqual([]);
  });

  it('returns at most the limit, and counts every match', () => {
    const { matches, total } = searchNodes(doc, 'a', 3);
    expect(matches).toHaveLength(3);
    expect(total).toBeGreaterThan(3);
  });
});
