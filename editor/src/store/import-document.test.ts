import { describe, expect, it } from 'vitest';
import { exportDocument, importDocument } from './import-document';
import { testStore } from './test-store';
import { TEMPLATES } from './templates';

const template = (id: string) => TEMPLATES.find((t) => t.id === id)?.text ?? '';

describe('import and export', () => {
  it.each(['ad-counter', 'leaderboard'])(
    'gives back the same %s document after export and import',
    (id) => {
      const first = importDocument(template(id));
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      const again = importDocument(exportDocument(first.doc));
      expect(again).toEqual({ ok: true, doc: first.doc, problems: [] });
      expect(JSON.parse(exportDocument(first.doc))).toEqual(JSON.parse(template(id)));
    },
  );

  it('reports a JSON syntax error with its position', () => {
    const result = importDocument('{"format": "inflow-graph",\n  "version": 1,,}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'invalid-json', position: { line: 2 } });
  });

  it('reports every problem of a well-formed but invalid graph', () => {
    const doc = JSON.parse(template('ad-counter')) as {
      nodes: { id: string; type: string; params: Record<string, unknown> }[];
    };
    const filter = doc.nodes.find((n) => n.id === 'adsWithContracts');
    if (filter) filter.params = { predicate: 'x[0].id ==' };
    const union = doc.nodes.find((n) => n.id === 'ads');
    if (union) union.type = 'unionize';
    const result = importDocument(JSON.stringify(doc));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const codes = result.problems.map((p) => p.code);
    expect(codes).toContain('bad-expression');
    expect(codes).toContain('unknown-type');
  });
});

describe('importing in the store', () => {
  it('opens a good file as a new unsaved graph', () => {
    const { store } = testStore();
    const s = () => store.getState();
    store.setState({ remote: { id: 'g_1', rev: 3 } });
    expect(s().importText(template('leaderboard'))).toBe(true);
    expect(s().doc.name).toBe('Leaderboard');
    expect(s().remote).toBeUndefined();
    expect(s().importProblems).toBeUndefined();
    expect(s().history.past).toHaveLength(0);
  });

  it('opens a draft with what is left to fix, and gives it back unchanged on export', () => {
    const { store } = testStore();
    const s = () => store.getState();
    const draft = JSON.parse(template('ad-counter')) as {
      nodes: { id: string; params: Record<string, unknown> }[];
    };
    const filter = draft.nodes.find((n) => n.id === 'adsWithContracts');
    if (filter) filter.params = { predicate: 'x[0].id ==' };
    expect(s().importText(JSON.stringify(draft))).toBe(true);
    expect(s().importProblems).toBeUndefined();
    expect(s().status).toEqual({
      kind: 'info',
      text: '"Ad counter" opened as a new graph, with 1 problem to fix before it can be deployed (see Problems); Save stores it on the server',
    });
    expect(JSON.parse(exportDocument(s().doc))).toEqual(draft);
  });

  it('refuses a bad file, lists its problems and changes nothing', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().loadTemplate('ad-counter');
    s().addNodeOfType('variable', 'gset', { x: 0, y: 0 });
    const [doc, history, remote] = [s().doc, s().history, s().remote];
    expect(s().importText('{"format": "something-else", "version": 1}')).toBe(false);
    expect(s().doc).toBe(doc);
    expect(s().history).toBe(history);
    expect(s().remote).toBe(remote);
    expect(s().importProblems?.[0]).toMatchObject({ code: 'unsupported-format' });
    expect(s().status?.kind).toBe('error');
  });

  it('asks to discard unsaved changes only for a file that is a graph, and keeps them on no', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().loadTemplate('ad-counter');
    const asked: string[] = [];
    const refuse = () => {
      asked.push(s().doc.name);
      return false;
    };
    expect(s().importText('not json', refuse)).toBe(false);
    expect(asked).toEqual([]);
    expect(s().importText(template('leaderboard'), refuse)).toBe(false);
    expect(asked).toEqual(['Ad counter']);
    expect(s().doc.name).toBe('Ad counter');
    expect(s().importText(template('leaderboard'), () => true)).toBe(true);
    expect(s().doc.name).toBe('Leaderboard');
  });
});
