import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '@inflow/shared-core';
import { layoutPositions, type Size } from './auto-layout';
import { importDocument } from './import-document';
import { testStore } from './test-store';
import { TEMPLATES } from './templates';

const size = { width: 200, height: 90 };
const sized = (doc: GraphDocument) => Object.fromEntries(doc.nodes.map((n) => [n.id, size]));

/** The box around every laid-out node. */
function extent(positions: Record<string, { x: number; y: number }>, s: Size = size) {
  const all = Object.values(positions);
  const width = Math.max(...all.map((p) => p.x + s.width)) - Math.min(...all.map((p) => p.x));
  const height = Math.max(...all.map((p) => p.y + s.height)) - Math.min(...all.map((p) => p.y));
  return { width, height };
}

function expectApart(positions: Record<string, { x: number; y: number }>) {
  const boxes = Object.values(positions);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = Math.abs(a.x - b.x) >= size.width || Math.abs(a.y - b.y) >= size.height;
      expect(apart).toBe(true);
    }
  }
}

/** `count` lone gcounters, and `chains` chains of a gcounter feeding a log sink. */
function scattered(count: number, chains: number): GraphDocument {
  const { store } = testStore();
  const s = () => store.getState();
  for (let i = 0; i < count; i++) s().addNodeOfType('variable', 'gcounter', { x: 0, y: 0 });
  for (let i = 0; i < chains; i++) {
    s().addNodeOfType('variable', 'gcounter', { x: 0, y: 0 });
    const from = s().doc.nodes.at(-1)?.id ?? '';
    s().addNodeOfType('sink', 'log', { x: 0, y: 0 });
    const to = s().doc.nodes.at(-1)?.id ?? '';
    s().connect({ source: from, sourceHandle: 'out', target: to, targetHandle: 'in' });
  }
  return s().doc;
}

describe('auto-layout', () => {
  it('puts every node left of the nodes it feeds, without overlaps', () => {
    const result = importDocument(TEMPLATES.find((t) => t.id === 'leaderboard')?.text ?? '');
    if (!result.ok) throw new Error('template does not import');
    const doc = result.doc;
    const positions = layoutPositions(doc, sized(doc));
    expect(Object.keys(positions).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    for (const e of doc.edges) {
      expect(positions[e.source]?.x ?? 0).toBeLessThan(positions[e.target]?.x ?? 0);
    }
    expectApart(positions);
  });

  it('sets nodes with no edges in rows, not one tall column', () => {
    const doc = scattered(24, 0);
    const positions = layoutPositions(doc, sized(doc));
    expect(Object.keys(positions)).toHaveLength(24);
    expectApart(positions);
    const { width, height } = extent(positions);
    expect(height).toBeLessThanOrEqual(width);
    expect(width).toBeLessThanOrEqual(2 * height);
  });

  it('sets unconnected chains beside each other, each still flowing left to right', () => {
    const doc = scattered(3, 6);
    expect(doc.edges).toHaveLength(6);
    const positions = layoutPositions(doc, sized(doc));
    expectApart(positions);
    for (const e of doc.edges) {
      expect(positions[e.source]?.y).toBe(positions[e.target]?.y);
      expect(positions[e.source]?.x ?? 0).toBeLessThan(positions[e.target]?.x ?? 0);
    }
    const { width, height } = extent(positions);
    expect(height).toBeLessThanOrEqual(2 * width);
  });

  it('is one undo step in the store', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().loadTemplate('ad-counter');
    const before = s().doc;
    s().autoLayout();
    expect(s().doc).not.toBe(before);
    s().undo();
    expect(s().doc).toBe(before);
  });
});
