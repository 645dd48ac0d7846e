import { describe, expect, it } from 'vitest';
import { exportDocument } from './import-document';
import { selectDirty } from './remote-slice';
import { TOKEN_KEY } from './session-slice';
import { fakeGraphsServer as fakeServer, TOKEN } from './fake-graphs-server';
import { memoryStorage, testStore } from './test-store';

describe('sign-in', () => {
  it('says clearly that a wrong token is wrong, and keeps nothing', async () => {
    const storage = memoryStorage();
    const { store } = testStore({ respond: fakeServer().respond, storage });
    expect(await store.getState().signIn('not-the-token')).toBe(false);
    expect(store.getState().token).toBeUndefined();
    expect(store.getState().signInError).toContain('not the admin token');
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
  });

  it('keeps a working token in session storage, sends it as a bearer, and forgets it on sign-out', async () => {
    const storage = memoryStorage();
    const { store, requests } = testStore({ respond: fakeServer().respond, storage });
    expect(await store.getState().signIn(`  ${TOKEN} `)).toBe(true);
    expect(storage.data.get(TOKEN_KEY)).toBe(TOKEN);
    await store.getState().refreshGraphs();
    expect(requests.at(-1)?.headers.Authorization).toBe(`Bearer ${TOKEN}`);
    store.getState().signOut();
    expect(store.getState().token).toBeUndefined();
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
  });

  it('starts signed in when the tab already holds a token', () => {
    const { store } = testStore({ storage: memoryStorage({ [TOKEN_KEY]: TOKEN }) });
    expect(store.getState().token).toBe(TOKEN);
  });
});

describe('graphs on the control plane', () => {
  const signedIn = () => {
    const server = fakeServer();
    const t = testStore({
      respond: server.respond,
      storage: memoryStorage({ [TOKEN_KEY]: TOKEN }),
    });
    return { ...t, server, s: () => t.store.getState() };
  };

  it('creates, saves with the base rev, and reopens the same document', async () => {
    const { s, requests, server } = signedIn();
    s().loadTemplate('ad-counter');
    expect(selectDirty(s())).toBe(true);
    expect(await s().save()).toBe(true);
    expect(requests.find((r) => r.method === 'POST')?.url).toBe('/api/graphs');
    expect(s().remote).toEqual({ id: 'g_1', rev: 1 });
    expect(selectDirty(s())).toBe(false);

    s().updateNode('ads', (n) => ({ ...n, label: 'Every ad' }));
    expect(selectDirty(s())).toBe(true);
    expect(await s().save()).toBe(true);
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe('/api/graphs/g_1');
    expect((put?.body as { rev: number }).rev).toBe(1);
    expect(s().remote?.rev).toBe(2);

    const saved = s().doc;
    s().newGraph();
    expect(await s().openGraph('g_1')).toBe('opened');
    expect(s().doc).toEqual(saved);
    expect(s().remote).toEqual({ id: 'g_1', rev: 2 });
    expect(server.graphs.get('g_1')?.rev).toBe(2);
  });

  it('shows a conflict on 409 and does not overwrite', async () => {
    const { s, server } = signedIn();
    s().loadTemplate('leaderboard');
    await s().save();
    // Someone else saves rev 2 in between.
    const stored = server.graphs.get('g_1');
    if (!stored) throw new Error('not stored');
    server.graphs.set('g_1', { rev: 2, text: stored.text });
    s().updateNode('scores', (n) => ({ ...n, label: 'mine' }));
    expect(await s().save()).toBe(false);
    expect(s().conflict?.currentRev).toBe(2);
    // The banner says it: the status line neither repeats it nor still says "Saved".
    expect(s().status).toBeUndefined();
    expect(s().remote?.rev).toBe(1);
    expect(server.graphs.get('g_1')?.text).toBe(stored.text);
    expect(selectDirty(s())).toBe(true);

    expect(await s().saveAsNew()).toBe(true);
    expect(s().remote).toEqual({ id: 'g_2', rev: 1 });
    expect(s().conflict).toBeUndefined();
  });

  it('offers to save a graph deleted elsewhere as a new one, with what was drawn', async () => {
    const { s, server } = signedIn();
    s().loadTemplate('leaderboard');
    await s().save();
    server.graphs.delete('g_1'); // in another tab
    s().updateNode('scores', (n) => ({ ...n, label: 'mine' }));
    expect(await s().save()).toBe(false);
    expect(s().conflict).toMatchObject({ cause: 'gone', currentRev: undefined });
    // The banner says it: the status line neither repeats it nor still says "Saved".
    expect(s().status).toBeUndefined();
    expect(s().remote?.id).toBe('g_1');

    const drawn = s().doc;
    expect(await s().saveAsNew()).toBe(true);
    expect(s().remote).toEqual({ id: 'g_2', rev: 1 });
    expect(s().conflict).toBeUndefined();
    expect(JSON.parse(server.graphs.get('g_2')?.text ?? '{}')).toEqual(drawn);
    expect(selectDirty(s())).toBe(false);
  });

  it('takes a 404 for another graph than the open one as no reason to leave it', async () => {
    const { s } = signedIn();
    s().loadTemplate('leaderboard');
    await s().save();
    expect(await s().openGraph('g_9')).toBe('missing');
    expect(s().conflict).toBeUndefined();
    expect(s().remote?.id).toBe('g_1');
  });

  it('saves a draft, and says what is left to fix before it can be deployed', async () => {
    const { s, server } = signedIn();
    s().addNodeOfType('operator', 'filter', { x: 0, y: 0 });
    expect(await s().save()).toBe(true);
    expect(JSON.parse(server.graphs.get('g_1')?.text ?? '{}')).toEqual(s().doc);
    expect(s().status).toEqual({
      kind: 'info',
      text: 'Saved "Untitled graph" as rev 1; 1 problem to fix before it can be deployed',
    });
  });

  it('refuses to save what the server could not read, without asking it', async () => {
    const { s, requests } = signedIn();
    s().loadTemplate('ad-counter');
    s().edit((doc) => ({ ...doc, nodes: doc.nodes.map((n) => ({ ...n, type: 'nosuchtype' })) }));
    expect(await s().save()).toBe(false);
    expect(requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(s().status?.text).toMatch(/^Not saved: \d+ problems \(see Problems\)$/);
  });

  it('renames the open graph on the server and locally, keeping local edits unsaved', async () => {
    const { s, server } = signedIn();
    s().loadTemplate('ad-counter');
    await s().save();
    s().updateNode('ads', (n) => ({ ...n, label: 'local edit' }));
    expect(await s().renameGraph('g_1', 'Renamed')).toBe(true);
    expect(JSON.parse(server.graphs.get('g_1')?.text ?? '{}')).toMatchObject({ name: 'Renamed' });
    expect(s().doc.name).toBe('Renamed');
    expect(s().remote?.rev).toBe(2);
    expect(selectDirty(s())).toBe(true);
    expect(s().graphs.map((g) => g.name)).toEqual(['Renamed']);
  });

  it('keeps a rename made from the graph list through undo and redo, so Save cannot take it back', async () => {
    const { s } = signedIn();
    s().loadTemplate('ad-counter');
    await s().save();
    s().addNodeOfType('variable', 'gcounter', { x: 0, y: 0 });
    expect(await s().renameGraph('g_1', 'Renamed')).toBe(true);
    s().undo();
    expect(s().doc.name).toBe('Renamed');
    expect(selectDirty(s())).toBe(false);
    s().redo();
    expect(s().doc.name).toBe('Renamed');
  });

  it('replaces an error in the status line once a later create or rename works', async () => {
    const { s } = signedIn();
    expect(await s().renameGraph('g_0', ' ')).toBe(false);
    expect(s().status?.kind).toBe('error');
    expect(await s().createGraph('Mine')).toBe(true);
    expect(s().status).toEqual({ kind: 'info', text: 'Created "Mine"' });
    expect(await s().renameGraph('g_1', ' ')).toBe(false);
    expect(s().status?.kind).toBe('error');
    expect(await s().renameGraph('g_1', 'Ours')).toBe(true);
    expect(s().status).toEqual({ kind: 'info', text: 'Renamed "Mine" to "Ours"' });
  });

  it('moves on to a newer revision deployed elsewhere when nothing is unsaved, and asks when something is', async () => {
    const { s, server } = signedIn();
    s().loadTemplate('ad-counter');
    await s().save();
    const theirs = { ...s().doc, description: 'theirs' };
    server.graphs.set('g_1', { rev: 2, text: JSON.stringify(theirs) });
    await s().newerRevision(2);
    expect(s().remote).toEqual({ id: 'g_1', rev: 2 });
    expect(s().doc).toEqual(theirs);
    expect(selectDirty(s())).toBe(false);
    expect(s().conflict).toBeUndefined();
    expect(s().status?.text).toMatch(/^Now showing rev 2, saved and deployed from another editor/);

    s().updateNode('ads', (n) => ({ ...n, label: 'mine' }));
    const mine = s().doc;
    server.graphs.set('g_1', { rev: 3, text: JSON.stringify(theirs) });
    await s().newerRevision(3);
    expect(s().doc).toBe(mine);
    expect(s().remote?.rev).toBe(2);
    expect(s().conflict).toMatchObject({ cause: 'newer', currentRev: 3 });
    // The rev shown already, or an older one, is no news.
    s().dismissConflict();
    await s().newerRevision(2);
    expect(s().conflict).toBeUndefined();
  });

  it('deletes a graph and closes it when it was open', async () => {
    const { s, server } = signedIn();
    s().loadTemplate('ad-counter');
    await s().save();
    expect(await s().deleteGraph('g_1')).toBe(true);
    expect(server.graphs.size).toBe(0);
    expect(s().remote).toBeUndefined();
    expect(s().doc.nodes).toEqual([]);
    expect(s().status?.text).toBe('Deleted "Ad counter"');
  });

  it('signs out when the token stops working', async () => {
    const { s, store } = signedIn();
    store.setState({ token: 'revoked' });
    await s().refreshGraphs();
    expect(s().token).toBeUndefined();
    expect(s().signInError).toContain('sign in again');
  });

  it('exports what it would save', async () => {
    const { s, server } = signedIn();
    s().loadTemplate('leaderboard');
    await s().save();
    expect(JSON.parse(exportDocument(s().doc))).toEqual(
      JSON.parse(server.graphs.get('g_1')?.text ?? ''),
    );
  });
});
