import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, withAdminToken, type TestServer } from '../testing/test-server.js';

let t: TestServer;
const LIMIT = 64 * 1024;

beforeAll(async () => {
  t = await startTestServer({ ...withAdminToken, bodyLimitBytes: LIMIT });
});
afterAll(() => t.dispose());

/** Everything a bad request could have written to. */
async function snapshot() {
  const [graphs, tokens] = await Promise.all([
    t.api('/api/graphs').then((r) => r.json()),
    t.api('/api/agent-tokens').then((r) => r.json()),
  ]);
  return { graphs, tokens };
}

const routes: [string, string][] = [
  ['POST', '/api/graphs'],
  ['POST', '/api/graphs/validate'],
  ['PUT', '/api/graphs/g_any'],
  ['POST', '/api/agent-tokens'],
];

async function expectRejected(
  init: {
    method: string;
    path: string;
    body?: RequestInit['body'];
    headers?: Record<string, string>;
  },
  status: number,
  message: RegExp,
) {
  const before = await snapshot();
  const res = await t.api(init.path, {
    method: init.method,
    body: init.body,
    headers: init.headers,
  });
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: string };
  expect(body.error).toMatch(message);
  expect(await snapshot()).toEqual(before);
  expect((await t.api('/healthz')).status).toBe(200);
}

describe('request bodies on every route that takes one', () => {
  for (const [method, path] of routes) {
    describe(`${method} ${path}`, () => {
      it('when the JSON is malformed, then 400 says it is not valid JSON', async () => {
        await expectRejected(
          { method, path, body: '{"name": ', headers: { 'content-type': 'application/json' } },
          400,
          /^the body is not valid JSON: /,
        );
      });

      it('when the content type is not JSON, then 415 names what was sent', async () => {
        await expectRejected(
          { method, path, body: 'name=x', headers: { 'content-type': 'text/plain' } },
          415,
          /^expected a body of type application\/json, got text\/plain$/,
        );
      });

      it('when the body is over the limit, then 413 gives the limit', async () => {
        const big = JSON.stringify({ name: 'x'.repeat(LIMIT + 10) });
        await expectRejected(
          { method, path, body: big, headers: { 'content-type': 'application/json' } },
          413,
          new RegExp(`over the limit of ${LIMIT} bytes$`),
        );
      });

      it('when a key could reach a prototype, then 400 names the key', async () => {
        await expectRejected(
          {
            method,
            path,
            body: '{"labels": {"__proto__": {"polluted": "yes"}}}',
            headers: { 'content-type': 'application/json' },
          },
          400,
          /the key "__proto__" is not allowed/,
        );
      });
    });
  }

  it('when a graph route gets no body at all, then 400 says a JSON body is needed', async () => {
    for (const [method, path] of routes.slice(0, 3)) {
      await expectRejected({ method, path }, 400, /needs a JSON body/);
    }
  });

  it('when the body is sent without a length (chunked) and is too large, then 413', async () => {
    const chunk = new TextEncoder().encode(`"${'y'.repeat(16 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await t.api('/api/graphs', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than the limit/);
  });
});
