import {
  isValue,
  parseGraphDraftJson,
  parseGraphJson,
  validateGraphDraft,
  type GraphProblem,
} from '@inflow/shared-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plural } from '../text/count';
import type { EditorState } from './store-types';
import { anyJsonText, anyText, draftText, mutatedDocumentText } from './fuzz-documents';
import { exportDocument } from './import-document';
import { TEMPLATES } from './templates';
import { testStore } from './test-store';
import { documentsEqual, problemsOf } from './validation';

/** What a refused import must leave exactly as it was (compared by identity). */
const KEPT = ['doc', 'history', 'remote', 'saved', 'conflict', 'selectedNodeIds'] as const;
const kept = (s: EditorState) => KEPT.map((key) => s[key]);

/** A graph opened from the server, then edited: an undo step and unsaved changes to lose. */
function editedStore() {
  const { store } = testStore();
  const s = () => store.getState();
  s().loadTemplate('ad-counter');
  store.setState({ remote: { id: 'g_1', rev: 3 }, saved: s().doc });
  s().addNodeOfType('variable', 'gset', { x: 0, y: 0 });
  return store;
}

/** A message that says what is wrong and where, not zod's or the engine's fallback. */
function expectSpecific(problem: GraphProblem): void {
  expect(typeof problem.message).toBe('string');
  expect(problem.message.trim()).not.toBe('');
  expect(problem.message).not.toMatch(/\[object |Invalid input|^undefined|: undefined$|\ba object/);
}

/** A value of the wrong type is blamed once: checks of a string's length say nothing of an array. */
function expectWrongTypesBlamedOnce(problems: readonly GraphProblem[]): void {
  const at = (p: GraphProblem) => JSON.stringify(p.path ?? null);
  const wrongType = new Set(
    problems.filter((p) => /` must be an? [a-z ]+, not /.test(p.message)).map(at),
  );
  for (const path of wrongType) {
    const messages = problems.filter((p) => at(p) === path).map((p) => p.message);
    expect(messages.length, messages.join('\n')).toBe(1);
  }
}

/** The problems validateGraphDraft finds in the text's JSON (a BOM is not part of it). */
function draftProblems(text: string): readonly GraphProblem[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const result = validateGraphDraft(JSON.parse(body));
  expect(result.ok).toBe(true);
  return result.problems;
}

/**
 * The import the toolbar's file button and the paste dialog use, on a store with unsaved work:
 * it opens the graph, round trip stable, or refuses it with every problem and changes nothing.
 */
function checkImport(text: string): boolean {
  const store = editedStore();
  const s = () => store.getState();
  const before = kept(s());
  if (!s().importText(text)) {
    kept(s()).forEach((value, i) => expect(value, KEPT[i]).toBe(before[i]));
    expect(s().importProblems?.length).toBeGreaterThan(0);
    expect(s().importProblems).toEqual(parseGraphDraftJson(text).problems);
    s().importProblems?.forEach(expectSpecific);
    expectWrongTypesBlamedOnce(s().importProblems ?? []);
    expect(s().status?.kind).toBe('error');
    return false;
  }
  const doc = s().doc;
  expect(s().history.past).toHaveLength(0);
  expect(s().remote).toBeUndefined();
  expect(s().importProblems).toBeUndefined();
  // A draft lists in Problems exactly what the core found in the file, and says how many.
  const problems = draftProblems(text);
  expect(problemsOf(doc)).toEqual(problems);
  problems.forEach(expectSpecific);
  expectWrongTypesBlamedOnce(problems);
  const left =
    problems.length === 0 ? 'opened as a new graph;' : plural(problems.length, 'problem');
  expect(s().status?.text).toContain(left);

  // The export is plain JSON data that reads back, through the core and the store, as the same.
  expect(isValue(doc), 'the document holds only JSON data').toBe(true);
  const exported = exportDocument(doc);
  const again = parseGraphDraftJson(exported);
  expect(again.ok).toBe(true);
  if (!again.ok) return true;
  expect(documentsEqual(again.graph, doc)).toBe(true);
  expect(again.problems).toEqual(problems);
  expect(parseGraphJson(exported).ok).toBe(problems.length === 0);
  expect(s().importText(exported)).toBe(true);
  expect(exportDocument(s().doc)).toBe(exported);
  return true;
}

describe('importing any text', () => {
  it('when the text is anything at all, then it opens or is refused with its problems', () => {
    fc.assert(
      fc.property(anyText, (text) => void checkImport(text)),
      { seed: 1101, numRuns: 500 },
    );
  });

  it('when the text is any JSON value, then it opens or is refused with its problems', () => {
    fc.assert(
      fc.property(anyJsonText, (text) => void checkImport(text)),
      { seed: 1102, numRuns: 500 },
    );
  });

  it('when an example graph is damaged at random, then it opens, round trip stable, or is refused whole', () => {
    fc.assert(
      fc.property(mutatedDocumentText, (text) => void checkImport(text)),
      { seed: 1103, numRuns: 1500 },
    );
  });
});

describe('importing drafts', () => {
  it('when a graph has only problems a draft may have, then it opens, with exactly those problems', () => {
    fc.assert(
      fc.property(draftText, (text) => {
        expect(checkImport(text), 'opened').toBe(true);
      }),
      { seed: 1104, numRuns: 300 },
    );
  });
});

describe('what the properties found', () => {
  const adCounter = TEMPLATES.find((t) => t.id === 'ad-counter')?.text ?? '';

  it('when a param is a number too large for a double, then the file is refused, not opened with Infinity', () => {
    // It opened as a draft (the param "must be a number, not Infinity"), and its export wrote null.
    const text = adCounter.replace('"n": 100', '"n": 1e999');
    checkImport(text);
    expect(editedStore().getState().importText(text)).toBe(false);
    expect(validateGraphDraft(JSON.parse(text)).problems).toEqual([
      expect.objectContaining({
        code: 'schema',
        nodeId: 'removeAd',
        path: ['nodes', 9, 'params', 'threshold', 'n'],
        message:
          'node `removeAd`: `params.threshold.n` is Infinity, which JSON cannot store (numbers must be within ±1.8e308)',
      }),
    ]);
  });

  it('when an edge end is an array, then it is blamed once, for not being a string', () => {
    const doc = JSON.parse(adCounter) as { edges: Record<string, unknown>[] };
    const [first] = doc.edges;
    if (first) first.source = [];
    checkImport(JSON.stringify(doc));
    const messages = validateGraphDraft(doc).problems.map((p) => p.message);
    expect(messages).toEqual(['edge rovioToAds: `source` must be a string, not an array']);
  });

  it('when `format` is an object, then the message says "an object"', () => {
    const result = parseGraphDraftJson('{"format": {}, "version": 1}');
    expect(result.problems.map((p) => p.message)).toEqual([
      'not an Inflow graph: `format` must be "inflow-graph", but its format is an object',
    ]);
  });
});
