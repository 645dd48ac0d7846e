import { validateGraphDraft } from '@inflow/shared-core';
import { mutatedGraphText } from '@inflow/shared-core/testing/graph-mutations';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  errorLog,
  expectAnswered,
  notJson,
  notJsonType,
  pathSegment,
  type Json,
} from '../testing/bad-input.js';
import {
  bodyPaths,
  bodyRoutes,
  idRoutes,
  variableOps,
  type Fixture,
  type Request,
} from '../testing/bad-input-routes.js';
import {
  readExample,
  startTestServer,
  testSocket,
  withAdminToken,
  type TestServer,
} from '../testing/test-server.js';
import { connectWireAgent } from '../testing/wire-agent.js';

// Property-based tests of bad input to a real control plane: whatever a client sends, the answer
// is never a 5xx, a refusal is a 4xx with a specific JSON `error`, and a refusal writes nothing.
// Seeds are fixed so CI sees the same inputs on every run.

const log = errorLog();
let t: TestServer;
const sockets: Socket[] = [];
let adCounter: Json;
let leaderboard: Json;
const f: Fixture = {
  deploymentId: '',
  draftId: '',
  witnessId: '',
  agents: ['fuzz-client', 'fuzz-server'],
};
/** The witness graph's two revisions and its listing, as stored before the fuzzing. */
const witness = { revs: [] as string[], summary: undefined as unknown };

/** How many error lines were logged before the current test: each test checks only its own. */
let logged = 0;
beforeEach(() => {
  logged = log.errors().length;
});

const json = async <T>(res: Promise<Response>): Promise<T> => (await (await res).json()) as T;

beforeAll(async () => {
  t = await startTestServer({ ...withAdminToken, logger: log.logger });
  adCounter = (await readExample('ad-counter.json')) as Json;
  leaderboard = (await readExample('leaderboard.json')) as Json;
  const suite = {
    server: t,
    open: (namespace: '/agent' | '/editor' | '/', auth: Record<string, unknown>) => {
      const socket = testSocket(t.url, namespace, auth);
      sockets.push(socket);
      return socket;
    },
  };
  const [client = '', server = ''] = f.agents;
  const agents = await Promise.all([
    connectWireAgent(suite, client, 'client'),
    connectWireAgent(suite, server, 'server', true),
  ]);
  // Operations sent with `"agent"` reach the agent; answer them as a real agent would.
  for (const agent of agents) {
    agent.socket.on('apply', (_request: unknown, reply: (r: unknown) => void) =>
      reply({ ok: true, value: null }),
    );
  }
  const deployed = await t.send('POST', '/api/deployments', adCounter);
  expect(deployed.status).toBe(202);
  f.deploymentId = (await json<{ deploymentId: string }>(Promise.resolve(deployed))).deploymentId;

  f.witnessId = (await json<{ id: string }>(t.send('POST', '/api/graphs', adCounter))).id;
  const put = await t.send('PUT', `/api/graphs/${f.witnessId}`, { rev: 1, graph: leaderboard });
  expect(put.status).toBe(200);
  for (const rev of [1, 2]) {
    witness.revs.push(await (await t.api(`/api/graphs/${f.witnessId}?rev=${rev}`)).text());
  }
  witness.summary = await graphSummary(f.witnessId);

  const draft = structuredClone(adCounter) as { edges: { target: string }[] };
  draft.edges = draft.edges.filter((e) => e.target !== 'adsWithContracts');
  f.draftId = (await json<{ id: string }>(t.send('POST', '/api/graphs', draft))).id;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t?.dispose();
});

async function graphSummary(id: string): Promise<unknown> {
  return (await json<{ id: string }[]>(t.api('/api/graphs'))).find((g) => g.id === id);
}

/** Everything a refused request could have written to. */
async function stored(): Promise<string> {
  const paths = ['/api/graphs', '/api/deployments', '/api/agent-tokens'];
  const lists = await Promise.all(paths.map((p) => json<unknown>(t.api(p))));
  const view = await json<{ variables: Record<string, { value: unknown }> }>(
    t.api(`/api/deployments/${f.deploymentId}`),
  );
  const values = Object.entries(view.variables).map(([k, v]) => [k, v.value]);
  return JSON.stringify([lists, values]);
}

/** Sends `body` and checks the answer; a refusal must leave the store as it was. */
async function sendChecked(method: string, path: string, body: unknown) {
  const before = await stored();
  const answer = await expectAnswered(await t.send(method, path, body), `${method} ${path}`);
  if (answer.status >= 400) expect(await stored(), `${method} ${path} wrote`).toBe(before);
  return answer;
}

describe('any JSON body on a route that takes one', () => {
  for (const { route, seed, numRuns = 40, request, examples } of bodyRoutes) {
    it(`when ${route} gets it, then the answer is below 500, a refusal names its error and writes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(request(f), async ({ method, path, body }) => {
          await sendChecked(method, path, body);
        }),
        { seed, numRuns, examples: examples?.(f).map((r) => [r] as [Request]) ?? [] },
      );
      expect(log.errors().slice(logged)).toEqual([]);
    });
  }
});

describe('a batch of operations with one bad operation', () => {
  it('when it is posted, then 422 names the bad one and none of the batch is applied', async () => {
    const batch = fc.constantFrom('rovioAds', 'impressions').chain((variable) => {
      const { good, bad } = variableOps[variable]!;
      const ops = fc.tuple(fc.array(good, { maxLength: 4 }), bad, fc.nat());
      return ops.map(([valid, wrong, at]) => {
        const i = at % (valid.length + 1);
        return { variable, i, ops: [...valid.slice(0, i), wrong, ...valid.slice(i)] };
      });
    });
    await fc.assert(
      fc.asyncProperty(batch, async ({ variable, i, ops }) => {
        const path = `/api/deployments/${f.deploymentId}/variables/${variable}/ops`;
        const { status, body } = await sendChecked('POST', path, { ops });
        expect(status).toBe(422);
        expect((body as { error: string }).error).toMatch(new RegExp(`^ops\\[${i}\\] is not`));
      }),
      { seed: 108, numRuns: 40 },
    );
    expect(log.errors().slice(logged)).toEqual([]);
  });
});

/** An example with one to four random changes, as the object a client sends. */
const mutatedExample = mutatedGraphText(
  fc
    .constantFrom('ad-counter', 'leaderboard')
    .map((name) => JSON.stringify(name === 'ad-counter' ? adCounter : leaderboard)),
).map((text) => JSON.parse(text) as Json);

/** A key that could reach a prototype, anywhere in `x` (API.md: refused in any body). */
function forbiddenKey(x: Json): string | undefined {
  if (x === null || typeof x !== 'object') return undefined;
  for (const [key, value] of Object.entries(x)) {
    if (['__proto__', 'constructor', 'prototype'].includes(key)) return key;
    const inner = forbiddenKey(value);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** True when `doc` holds such a key, after checking that the answer is the 400 naming it. */
function expectForbiddenKeyRefused(answer: { status: number; text: string }, doc: Json): boolean {
  if (forbiddenKey(doc) === undefined) return false;
  expect(answer.status).toBe(400);
  expect(answer.text).toMatch(/the key \\"(__proto__|constructor|prototype)\\" is not allowed/);
  return true;
}

/**
 * What API.md says a save answers and stores: the validated document (defaults filled in), which
 * reads back byte for byte and imports again to the same bytes; or a 422 when it is not a graph.
 */
async function expectSaved(answer: { status: number; text: string }, doc: Json, rev: number) {
  if (expectForbiddenKeyRefused(answer, doc)) return;
  const draft = validateGraphDraft(JSON.parse(JSON.stringify(doc)));
  if (!draft.ok) {
    expect(answer.status).toBe(422);
    return;
  }
  const { id, problems, ...rest } = JSON.parse(answer.text) as { id: string; problems: unknown };
  expect(rest).toEqual({ rev });
  expect(problems).toEqual(draft.problems);
  const res = await t.api(`/api/graphs/${id}`);
  expect(res.headers.get('inflow-rev')).toBe(String(rev));
  const text = await res.text();
  expect(text).toBe(JSON.stringify(draft.graph));
  const again = await t.send('POST', '/api/graphs', JSON.parse(text));
  const { id: copy } = (await again.json()) as { id: string };
  expect(await (await t.api(`/api/graphs/${copy}`)).text()).toBe(text);
}

describe('mutated example graphs', () => {
  it('when one is posted, then it is stored and reads back exactly, or refused with a 4xx that writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedExample, async (doc) => {
        await expectSaved(await sendChecked('POST', '/api/graphs', doc), doc, 1);
      }),
      { seed: 201, numRuns: 60 },
    );
    expect(log.errors().slice(logged)).toEqual([]);
  });

  it('when one replaces a stored graph, then it is a new revision and the old one is kept, or refused and the graph is unchanged', async () => {
    const { id } = await json<{ id: string }>(t.send('POST', '/api/graphs', adCounter));
    let rev = 1;
    await fc.assert(
      fc.asyncProperty(mutatedExample, async (doc) => {
        const old = await (await t.api(`/api/graphs/${id}`)).text();
        const answer = await sendChecked('PUT', `/api/graphs/${id}`, { rev, graph: doc });
        await expectSaved(answer, doc, answer.status === 200 ? (rev += 1) : rev);
        // The revision it replaced is kept as it was; a refused one replaced nothing.
        const kept = answer.status === 200 ? `?rev=${rev - 1}` : '';
        expect(await (await t.api(`/api/graphs/${id}${kept}`)).text()).toBe(old);
      }),
      { seed: 202, numRuns: 50 },
    );
    expect(log.errors().slice(logged)).toEqual([]);
  });

  it('when one is deployed in one request, then it runs, or is refused with a 4xx that stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedExample, async (doc) => {
        const answer = await sendChecked('POST', '/api/deployments', doc);
        if (expectForbiddenKeyRefused(answer, doc)) return;
        if (answer.status !== 202) {
          expect(answer.status).toBe(422);
          return;
        }
        const { deploymentId: id, graphId } = JSON.parse(answer.text) as Record<string, string>;
        expect((await graphSummary(graphId as string)) ?? 'not stored').toMatchObject({ rev: 1 });
        // Stopped again so that the deployments do not pile up on the two agents.
        expect((await t.api(`/api/deployments/${id}`, { method: 'DELETE' })).status).toBe(204);
      }),
      { seed: 203, numRuns: 30 },
    );
    expect(log.errors().slice(logged)).toEqual([]);
  });
});

describe('arbitrary path parameters', () => {
  it('when a route with ids gets unicode, dots, percent junk or a very long id, then it is refused with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: idRoutes(f).length - 1 }),
        pathSegment,
        pathSegment,
        async (i, a, b) => {
          const [method, path, body] = idRoutes(f)[i] ?? idRoutes(f)[0]!;
          const url = path(a, b);
          const before = await stored();
          const res =
            body === undefined ? await t.api(url, { method }) : await t.send(method, url, body);
          const answer = await expectAnswered(res, `${method} ${url.slice(0, 200)}`);
          if (answer.status >= 400) expect(await stored()).toBe(before);
          // Only a list (an empty id) or a rev that reads as a number can succeed.
          else expect(method === 'GET').toBe(true);
        },
      ),
      { seed: 301, numRuns: 150 },
    );
    expect(log.errors().slice(logged)).toEqual([]);
  });
});

describe('bodies that are not JSON', () => {
  it('when the text is not JSON, then 400 says so and nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodyPaths(f)), notJson, async ([method, path], text) => {
        const before = await stored();
        const res = await t.api(path, {
          method,
          body: text,
          headers: { 'content-type': 'application/json' },
        });
        const { status, body } = await expectAnswered(res, `${method} ${path} ${text}`);
        expect(status).toBe(400);
        expect((body as { error: string }).error).toMatch(
          /^the body (is not valid JSON: .+|must be a JSON object or array)$/,
        );
        expect(await stored()).toBe(before);
      }),
      { seed: 401, numRuns: 80 },
    );
    expect(log.errors().slice(logged)).toEqual([]);
  });

  it("when the content type or encoding is not the body's, then 415 or 400 names it and nothing is written", async () => {
    const encodings = fc.constantFrom('gzip', 'deflate', 'br', 'x-junk', 'compress', 'gzip, br');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bodyPaths(f)),
        fc.option(notJsonType, { freq: 3 }),
        fc.option(encodings, { freq: 2 }),
        async ([method, path], type, encoding) => {
          fc.pre(type !== null || encoding !== null);
          const headers: Record<string, string> = { 'content-type': type ?? 'application/json' };
          if (encoding !== null) headers['content-encoding'] = encoding;
          const before = await stored();
          const res = await t.api(path, { method, body: JSON.stringify({ rev: 1 }), headers });
          const what = `${method} ${path} as ${type} in ${encoding}`;
          const { status, body } = await expectAnswered(res, what);
          const { error } = body as { error: string };
          const charset = type === null ? undefined : /charset=(.*)$/.exec(type)?.[1];
          if (type !== null) {
            expect(status).toBe(415);
            expect(error).toContain(
              charset === undefined
                ? `got ${type || 'no Content-Type'}`
                : `unsupported charset "${charset.toUpperCase()}"`,
            );
          } else {
            expect(status).toBe(['gzip', 'deflate', 'br'].includes(encoding ?? '') ? 400 : 415);
            expect(error).toContain(`"${encoding}"`);
          }
          expect(await stored()).toBe(before);
        },
      ),
      {
        seed: 402,
        numRuns: 80,
        // An empty type was named as "got " and a body that is not gzip as "incorrect header check".
        examples: [
          [['POST', '/api/graphs'], '', null],
          [['POST', '/api/graphs'], null, 'gzip'],
        ],
      },
    );
    expect(log.errors().slice(logged)).toEqual([]);
  });

  it('when a value is nested very deeply, then it is refused with a 4xx (validate: not ok)', async () => {
    for (const depth of [1_000, 100_000]) {
      const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const node = `{"id": "a", "kind": "variable", "type": "orset", "params": {"x": ${deep}}}`;
      const graph = `{"format": "inflow-graph", "version": 1, "name": "deep", "nodes": [${node}], "edges": []}`;
      const bodies = [graph, graph, `{"rev": 1, "graph": ${graph}}`, `{"rev": ${deep}}`, graph];
      bodies.push(`{"op": {"op": "add", "value": ${deep}}}`, `{"labels": ${deep}}`);
      for (const [i, [method, path]] of bodyPaths(f).entries()) {
        const before = await stored();
        const res = await t.api(path, {
          method,
          body: bodies[i]!,
          headers: { 'content-type': 'application/json' },
        });
        const { status, text } = await expectAnswered(res, `${method} ${path} ${depth} deep`);
        if (depth > 1_000)
          expect(JSON.parse(text)).toEqual({ error: 'the body is nested too deeply' });
        else if (path === '/api/graphs/validate')
          expect(JSON.parse(text)).toMatchObject({ ok: false });
        else expect(status).toBeGreaterThanOrEqual(400);
        if (path.endsWith('/ops')) expect(text).toMatch(/deep/);
        expect(await stored()).toBe(before);
      }
    }
    expect(log.errors().slice(logged)).toEqual([]);
  });
});

describe('after all of the above', () => {
  it('the graph stored before reads back unchanged, the server is healthy and logged no error', async () => {
    for (const [i, text] of witness.revs.entries()) {
      const res = await t.api(`/api/graphs/${f.witnessId}?rev=${i + 1}`);
      expect(await res.text()).toBe(text);
    }
    expect(await (await t.api(`/api/graphs/${f.witnessId}`)).text()).toBe(witness.revs[1]);
    expect(await graphSummary(f.witnessId)).toEqual(witness.summary);
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ ok: true });
    expect(await json(t.api(`/api/deployments/${f.deploymentId}`))).toMatchObject({
      status: 'running',
    });
    expect(log.errors()).toEqual([]);
  });
});
