import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readExample,
  startTestServer,
  withAdminToken,
  type TestServer,
} from '../../testing/test-server.js';

let t: TestServer;
let adCounter: { name: string; nodes: { type: string }[]; edges: object[] };

beforeAll(async () => {
  t = await startTestServer(withAdminToken);
  adCounter = (await readExample('ad-counter.json')) as typeof adCounter;
});
afterAll(() => t.dispose());

const post = (graph: unknown) => t.send('POST', '/api/graphs', graph);
const list = async () => (await t.api('/api/graphs')).json();

/** The ad counter half drawn: the filter's input is not wired yet, and its predicate is cut off. */
function draftGraph() {
  const draft = structuredClone(adCounter) as {
    nodes: { type: string; params?: Record<string, unknown> }[];
    edges: { target?: string }[];
  };
  draft.edges = draft.edges.filter((e) => e.target !== 'adsWithContracts');
  const filter = draft.nodes.find((n) => n.type === 'filter');
  if (filter) filter.params = { predicate: 'x[0].id ==' };
  return draft;
}

/** A copy of the ad counter with an unknown node type and an edge to a node that is not there. */
function brokenGraph() {
  const bad = structuredClone(adCounter);
  bad.nodes[0]!.type = 'nosuchtype';
  bad.edges.push({ ...bad.edges[0], id: 'e-dangling', target: 'ghost' });
  return bad;
}

describe('POST /api/graphs', () => {
  it('when a valid graph is posted, then it is stored at rev 1 and reads back exactly', async () => {
    const res = await post(adCounter);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; rev: number };
    expect(body).toEqual({ id: expect.stringMatching(/^g_/), rev: 1, problems: [] });
    expect(res.headers.get('location')).toBe(`/api/graphs/${body.id}`);
    const stored = await t.api(`/api/graphs/${body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.headers.get('inflow-rev')).toBe('1');
    expect(await stored.text()).toBe(JSON.stringify(adCounter));
  });

  it('when the graph is invalid, then 422 lists every problem with its node or edge, and nothing is stored', async () => {
    const before = await list();
    const res = await post(brokenGraph());
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; problems: object[] };
    expect(body.error).toMatch(/^the graph is invalid: node `rovioAds`.*\(and 1 more\)$/);
    expect(body.problems).toEqual([
      expect.objectContaining({ code: 'unknown-type', nodeId: 'rovioAds' }),
      expect.objectContaining({ code: 'dangling-edge', edgeId: 'e-dangling' }),
    ]);
    expect(await list()).toEqual(before);
  });

  it('when the graph is a draft, then it is stored with what is left to fix, and reads back exactly', async () => {
    const draft = draftGraph();
    const res = await post(draft);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; problems: { code: string }[] };
    expect(body.problems.map((p) => p.code).sort()).toEqual([
      'bad-expression',
      'unconnected-input',
    ]);
    expect(await (await t.api(`/api/graphs/${body.id}`)).json()).toEqual(draft);
  });

  it('when the body is not an object at all, then 422 says what a graph needs', async () => {
    const res = await post([1, 2]);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
  });
});

describe('GET /api/graphs', () => {
  it('when graphs exist, then each is listed with id, name, rev and update time', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    const graphs = (await list()) as { id: string }[];
    expect(graphs.find((g) => g.id === id)).toEqual({
      id,
      name: adCounter.name,
      rev: 1,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});

describe('GET /api/graphs/:id', () => {
  it('when the id is unknown, then 404 names it', async () => {
    const res = await t.api('/api/graphs/g_nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no graph with id "g_nope"' });
  });

  it('when an old rev is asked for, then that revision is returned', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    const renamed = { ...adCounter, name: 'Renamed' };
    expect((await t.send('PUT', `/api/graphs/${id}`, { rev: 1, graph: renamed })).status).toBe(200);
    const old = await t.api(`/api/graphs/${id}?rev=1`);
    expect(old.headers.get('inflow-rev')).toBe('1');
    expect(await old.json()).toEqual(adCounter);
    const missing = await t.api(`/api/graphs/${id}?rev=9`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe(`graph "${id}" has no rev 9`);
  });

  it('when the rev asked for is not one positive whole number, then 400 says what it must be', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    const cases = [
      ['rev=first', 'rev must be a positive whole number, not "first"'],
      ['rev=abc', 'rev must be a positive whole number, not "abc"'],
      ['rev=0', 'rev must be a positive whole number, not "0"'],
      ['rev=1.5', 'rev must be a positive whole number, not "1.5"'],
      ['rev=-1', 'rev must be a positive whole number, not "-1"'],
      [
        'rev=99999999999999999999',
        'rev must be a positive whole number, not "99999999999999999999"',
      ],
      ['rev=1&rev=2', 'rev must be given once, not 2 times'],
      ['rev=', 'rev must not be empty'],
    ];
    for (const [query, error] of cases) {
      const res = await t.api(`/api/graphs/${id}?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(await res.json()).toEqual({ error });
    }
  });
});

describe('PUT /api/graphs/:id', () => {
  it('when based on the current rev, then a new rev is stored and served', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    const next = { ...adCounter, description: 'second edition' };
    const res = await t.send('PUT', `/api/graphs/${id}`, { rev: 1, graph: next });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, rev: 2, problems: [] });
    const stored = await t.api(`/api/graphs/${id}`);
    expect(stored.headers.get('inflow-rev')).toBe('2');
    expect(await stored.json()).toEqual(next);
  });

  it('when the rev is stale, then 409 gives the current rev and the stored graph is unchanged', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    const second = { ...adCounter, name: 'Second' };
    await t.send('PUT', `/api/graphs/${id}`, { rev: 1, graph: second });
    const res = await t.send('PUT', `/api/graphs/${id}`, {
      rev: 1,
      graph: { ...adCounter, name: 'Lost update' },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: string; currentRev: number };
    expect(body.currentRev).toBe(2);
    expect(body.error).toMatch(/is at rev 2, but the update was based on rev 1/);
    expect(await (await t.api(`/api/graphs/${id}`)).json()).toEqual(second);
    expect((await t.api(`/api/graphs/${id}?rev=3`)).status).toBe(404);
  });

  it('when the graph is invalid, then 422 and the stored graph is unchanged', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    const res = await t.send('PUT', `/api/graphs/${id}`, { rev: 1, graph: brokenGraph() });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { problems: unknown[] }).problems).toHaveLength(2);
    const stored = await t.api(`/api/graphs/${id}`);
    expect(stored.headers.get('inflow-rev')).toBe('1');
    expect(await stored.json()).toEqual(adCounter);
  });

  it('when the graph is a draft, then it is stored as the next rev, with its problems', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    const res = await t.send('PUT', `/api/graphs/${id}`, { rev: 1, graph: draftGraph() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rev: number; problems: unknown[] };
    expect(body.rev).toBe(2);
    expect(body.problems).toHaveLength(2);
    expect(await (await t.api(`/api/graphs/${id}`)).json()).toEqual(draftGraph());
  });

  it('when the id is unknown, then 404', async () => {
    const res = await t.send('PUT', '/api/graphs/g_nope', { rev: 1, graph: adCounter });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no graph with id "g_nope"' });
  });

  it('when rev is missing or not a positive integer, then 400 names the field', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    for (const body of [{ graph: adCounter }, { rev: 0, graph: adCounter }, { rev: '1' }]) {
      const res = await t.send('PUT', `/api/graphs/${id}`, body);
      expect(res.status).toBe(400);
      const error = (await res.json()) as { error: string; issues: { path: string }[] };
      expect(error.error).toMatch(/^invalid graph update: rev: /);
      expect(error.issues[0]?.path).toBe('rev');
    }
  });

  it('when the body has unknown fields, then 400 names them', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    const res = await t.send('PUT', `/api/graphs/${id}`, { rev: 1, graph: adCounter, force: 1 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/force/);
  });
});

describe('POST /api/graphs/validate', () => {
  it('when the graph is valid, then ok with no problems', async () => {
    const res = await t.send('POST', '/api/graphs/validate', adCounter);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, problems: [] });
  });

  it('when the graph is invalid, then 200 with every problem, and nothing is stored', async () => {
    const before = await list();
    const res = await t.send('POST', '/api/graphs/validate', brokenGraph());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; problems: object[] };
    expect(body.ok).toBe(false);
    expect(body.problems).toEqual([
      expect.objectContaining({ nodeId: 'rovioAds', path: ['nodes', 0, 'type'] }),
      expect.objectContaining({ edgeId: 'e-dangling' }),
    ]);
    expect(await list()).toEqual(before);
  });
});

describe('DELETE /api/graphs/:id', () => {
  it('when the graph has no running deployment, then it goes with its revisions', async () => {
    const { id } = (await (await post(adCounter)).json()) as { id: string };
    expect((await t.send('PUT', `/api/graphs/${id}`, { rev: 1, graph: adCounter })).status).toBe(
      200,
    );
    expect((await t.api(`/api/graphs/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/api/graphs/${id}?rev=1`)).status).toBe(404);
    expect(((await list()) as { id: string }[]).map((g) => g.id)).not.toContain(id);
    const again = await t.api(`/api/graphs/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: `no graph with id "${id}"` });
  });
});
