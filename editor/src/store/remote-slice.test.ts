import { describe, expect, it } from 'vitest';
import { exportDocument } from './import-document';
import { selectDirty } from './remote-slice';
import { TOKEN_KEY } from './session-slice';
import { json, memoryStorage, testStore, type RecordedRequest } from './test-store';

const TOKEN = 'admin-token-0123456789';

/** A tiny control plane: graphs with revisions, 401 for a wrong token, 409 for a stale rev. */
function fakeServer() {
  const graphs = new Map<string, { rev: number; text: string }>();
  let next = 1;
  const respond = (req: RecordedRequest): Response => {
    if (req.headers.Authorization !== `Bearer ${TOKEN}`) {
      return json(401, { error: 'the bearer token is not the admin token' });
    }
    const match = /^\/api\/graphs(?:\/([^/?]+))?$/.exec(req.url);
    const id = match?.[1];
    if (!match) return json(404, { error: 'no route' });
    if (req.method === 'GET' && id === undefined) {
      return json(
        200,
        [...graphs].map(([gid, g]) => ({
          id: gid,
          name: (JSON.parse(g.text) as { name: string }).name,
          rev: g.rev,
          updatedAt: new Date(0).toISOString(),
        })),
      );
    }
    if (req.method === 'POST' && id === undefined) {
      const gid = `g_${next++}`;
      graphs.set(gid, { rev: 1, text: JSON.stringify(req.body) });
      return json(201, { id: gid, rev: 1 });
    }
    const stored = id === undefined ? undefined : graphs.get(id);
    if (!stored || id === undefined) return json(404, { error: `no graph ${id}` });
    if (req.method === 'GET') {
      return new Response(stored.text, {
        status: 200,
        headers: { 'Inflow-Rev': String(stored.rev) },
      });
    }
    if (req.method === 'PUT') {
      const { rev, graph } = req.body as { rev: number; graph: unknown };
      if (rev !== stored.rev) {
        return json(409, {
          error: `graph "${id}" is at rev ${stored.rev}`,
          currentRev: stored.rev,
        });
      }
      graphs.set(id, { rev: rev + 1, text: JSON.stringify(graph) });
      return json(200, { id, rev: rev + 1 });
    }
    if (req.method === 'DELETE') {
      graphs.delete(id);
      return new Response(null, { status: 204 });
    }
    return json(404, { error: 'no route' });
  };
  return { graphs, respond };
}

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
    expect(await s().openGraph('g_1')).toBe(true);
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
    expect(s().remote?.rev).toBe(1);
    expect(server.graphs.get('g_1')?.text).toBe(stored.text);
    expect(selectDirty(s())).toBe(true);

    expect(await s().saveAsNew()).toBe(true);
    expect(s().remote).toEqual({ id: 'g_2', rev: 1 });
    expect(s().conflict).toBeUndefined();
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

  it('deletes a graph and detaches the open document from it', async () => {
    const { s, server } = signedIn();
    s().loadTemplate('ad-counter');
    await s().save();
    expect(await s().deleteGraph('g_1')).toBe(true);
    expect(server.graphs.size).toBe(0);
    expect(s().remote).toBeUndefined();
    expect(s().doc.name).toBe('Ad counter');
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
