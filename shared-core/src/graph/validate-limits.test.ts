import { describe, expect, it } from 'vitest';
import { expectOnly, graph, variable } from './graph-fixtures.js';

describe('size limits', () => {
  it('refuses more than 5,000 nodes', () => {
    const nodes = Array.from({ length: 5001 }, (_, i) => variable(`v${i}`, 'gcounter'));
    expect(expectOnly(graph(nodes, []), { code: 'too-large' }).message).toBe(
      'the graph has 5001 nodes; at most 5000 are allowed',
    );
  });

  it('refuses more than 20,000 edges', () => {
    const edges = Array.from({ length: 20_001 }, (_, i) => ({ id: `e${i}` }));
    expectOnly(graph([], edges), { code: 'too-large' });
  });

  it('refuses a document over 1 MiB', () => {
    const doc = { ...graph([], []), description: 'x'.repeat(1024 * 1024) };
    // 1.0 MiB would hide how far over it is.
    expect(expectOnly(doc, { code: 'too-large' }).message).toBe(
      'the document is 1025 KiB of JSON; a graph may be at most 1024 KiB (1 MiB)',
    );
  });

  it('accepts a graph at the node limit', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => variable(`v${i}`, 'gcounter'));
    expect(expectOnly({ ...graph(nodes, []), name: '' }, { code: 'schema' }).path).toEqual([
      'name',
    ]);
  });
});
