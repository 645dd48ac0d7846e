import { describe, expect, it } from 'vitest';
import { GRAPH_VERSION, migrateGraph } from './graph-version.js';

const problemOf = (doc: unknown) => {
  const result = migrateGraph(doc);
  return result.ok ? undefined : result.problem;
};

describe('migrateGraph', () => {
  it('passes a current document through unchanged', () => {
    const doc = { format: 'inflow-graph', version: GRAPH_VERSION, name: 'x', nodes: [], edges: [] };
    expect(migrateGraph(doc)).toEqual({ ok: true, doc });
  });

  it('rejects a newer version and says to upgrade', () => {
    expect(problemOf({ format: 'inflow-graph', version: 2 })).toEqual({
      code: 'unsupported-version',
      message:
        'this graph is version 2, newer than this Inflow understands (up to 1): upgrade Inflow to open it',
      path: ['version'],
    });
  });

  it('rejects a missing or malformed version', () => {
    expect(problemOf({ format: 'inflow-graph' })?.message).toMatch(/`version` .* missing/);
    expect(problemOf({ format: 'inflow-graph', version: '1' })?.code).toBe('unsupported-version');
    expect(problemOf({ format: 'inflow-graph', version: 0.5 })?.code).toBe('unsupported-version');
  });

  it('rejects other formats and non-objects', () => {
    expect(problemOf({ format: 'node-red', version: 1 })?.message).toBe(
      'not an Inflow graph: `format` must be "inflow-graph", but its format is "node-red"',
    );
    expect(problemOf({ version: 1 })?.message).toMatch(/it has no `format`/);
    expect(problemOf([])?.message).toBe('a graph document must be a JSON object, not an array');
    expect(problemOf(null)?.code).toBe('unsupported-format');
  });
});
