import { describe, expect, it } from 'vitest';
import { createFlowDerivation, type FlowInputs } from './flow-elements';
import { importDocument } from './import-document';
import { TEMPLATES } from './templates';
import { moveNodes } from './document-edits';

const adCounter = () => {
  const result = importDocument(TEMPLATES.find((t) => t.id === 'ad-counter')?.text ?? '');
  if (!result.ok) throw new Error('template does not import');
  return result.doc;
};

const inputs = (over: Partial<FlowInputs> = {}): FlowInputs => ({
  doc: adCounter(),
  selectedNodeIds: [],
  selectedEdgeIds: [],
  nodeSizes: {},
  dragPositions: undefined,
  problemNodes: new Map(),
  problemEdges: new Map(),
  ...over,
});

describe('derived React Flow elements', () => {
  it('has one node per document node, typed by kind, at its position', () => {
    const base = inputs({
      selectedNodeIds: ['ads'],
      nodeSizes: { ads: { width: 180, height: 90 } },
    });
    const nodes = createFlowDerivation().nodes(base);
    expect(nodes.map((n) => n.id)).toEqual(base.doc.nodes.map((n) => n.id));
    const ads = nodes.find((n) => n.id === 'ads');
    expect(ads).toMatchObject({
      type: 'operator',
      position: { x: 520, y: 80 },
      selected: true,
      measured: { width: 180, height: 90 },
    });
    expect(ads?.data.node).toBe(base.doc.nodes.find((n) => n.id === 'ads'));
    expect(nodes.find((n) => n.id === 'removeAd')?.type).toBe('trigger');
  });

  it('keeps the identity of unchanged nodes and replaces changed ones', () => {
    const derive = createFlowDerivation();
    const first = inputs();
    const before = derive.nodes(first);
    const doc = moveNodes(first.doc, { ads: { x: 1, y: 2 } });
    const after = derive.nodes({ ...first, doc });
    expect(after.find((n) => n.id === 'rovioAds')).toBe(before.find((n) => n.id === 'rovioAds'));
    expect(after.find((n) => n.id === 'ads')).not.toBe(before.find((n) => n.id === 'ads'));
    expect(after.find((n) => n.id === 'ads')?.position).toEqual({ x: 1, y: 2 });
  });

  it("carries each node's problem count, and a new node object when it changes", () => {
    const derive = createFlowDerivation();
    const base = inputs();
    const clean = derive.nodes(base);
    expect(clean.find((n) => n.id === 'ads')?.data.problems).toBe(0);
    const blamed = derive.nodes({ ...base, problemNodes: new Map([['ads', 2]]) });
    expect(blamed.find((n) => n.id === 'ads')?.data.problems).toBe(2);
    expect(blamed.find((n) => n.id === 'ads')).not.toBe(clean.find((n) => n.id === 'ads'));
    expect(blamed.find((n) => n.id === 'rovioAds')).toBe(clean.find((n) => n.id === 'rovioAds'));
  });

  it('shows a node being dragged at its drag position, not the saved one', () => {
    const nodes = createFlowDerivation().nodes(inputs({ dragPositions: { ads: { x: 5, y: 6 } } }));
    expect(nodes.find((n) => n.id === 'ads')?.position).toEqual({ x: 5, y: 6 });
  });

  it('keeps handles as in the document and marks action and broken edges', () => {
    const base = inputs({ problemEdges: new Map([['rovioToAds', 1]]) });
    const edges = createFlowDerivation().edges(base);
    expect(edges).toHaveLength(base.doc.edges.length);
    const rovio = edges.find((e) => e.id === 'rovioToAds');
    expect(rovio).toMatchObject({
      source: 'rovioAds',
      sourceHandle: 'out',
      target: 'ads',
      targetHandle: 'left',
    });
    expect(rovio?.className).toBe('edge-state edge-problem');
    expect(edges.find((e) => e.id === 'removeFromRovio')?.className).toBe('edge-action');
  });
});
