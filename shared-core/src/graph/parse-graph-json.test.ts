import { describe, expect, it } from 'vitest';
import { graph, operator, variable } from './graph-fixtures.js';
import { parseGraphDraftJson, parseGraphJson } from './parse-graph-json.js';

describe('parseGraphJson', () => {
  it('parses and validates a graph file', () => {
    const doc = graph([variable('a', 'orset')], []);
    expect(parseGraphJson(JSON.stringify(doc))).toEqual({ ok: true, graph: doc });
    expect(parseGraphJson('\uFEFF' + JSON.stringify(doc)).ok).toBe(true);
  });

  it('turns a syntax error into a problem with its line and column', () => {
    expect(parseGraphJson('{"format": "inflow-graph",\n  "nodes": [,]}')).toEqual({
      ok: false,
      problems: [
        {
          code: 'invalid-json',
          message: 'the file is not valid JSON: unexpected "," at line 2, column 13',
          position: { line: 2, column: 13, offset: 39 },
        },
      ],
    });
  });

  it('reports validation problems of well-formed JSON', () => {
    const result = parseGraphJson('{"format": "inflow-graph", "version": 2}');
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['unsupported-version']);
  });

  it('rejects a file over 1 MiB before parsing it', () => {
    const result = parseGraphJson(' '.repeat(1024 * 1024 + 1));
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['too-large']);
  });
});

describe('parseGraphDraftJson', () => {
  it('reads a draft with what is left to fix, which parseGraphJson refuses', () => {
    const text = JSON.stringify(graph([operator('both', 'union')], []));
    const draft = parseGraphDraftJson(text);
    expect(draft.ok).toBe(true);
    expect(draft.problems.map((p) => p.code)).toEqual(['unconnected-input', 'unconnected-input']);
    expect(parseGraphJson(text)).toEqual({ ok: false, problems: draft.problems });
  });

  it('refuses what is not a graph at all', () => {
    expect(parseGraphDraftJson('{"format": "inflow-graph",\n  "nodes": [,]}').ok).toBe(false);
    expect(parseGraphDraftJson('{"format": "inflow-graph", "version": 2}').ok).toBe(false);
  });
});
