import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, withAdminToken, type TestServer } from '../testing/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(withAdminToken);
});
afterAll(() => t.dispose());

async function expectError(res: Response, status: number, error: string | RegExp) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: string };
  if (typeof error === 'string') expect(body.error).toBe(error);
  else expect(body.error).toMatch(error);
}

describe('errors raised by express itself', () => {
  it('when an id in the URL is not valid percent-encoding, then 400, not 500', async () => {
    await expectError(
      await t.api('/api/graphs/%E0%A4%A'),
      400,
      "the URL is not correctly percent-encoded: Failed to decode param '%E0%A4%A'",
    );
    await expectError(
      await t.api('/api/agent-tokens/%zz', { method: 'DELETE' }),
      400,
      /^the URL is not correctly percent-encoded/,
    );
  });

  it('when the JSON body is a bare string or number, then 400 says an object or array is needed', async () => {
    for (const body of ['"just a string"', '42', ' true']) {
      await expectError(
        await t.api('/api/graphs', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
        400,
        'the body must be a JSON object or array',
      );
    }
  });

  it('when the charset or the content encoding is unsupported, then 415 names it', async () => {
    const post = (headers: Record<string, string>) =>
      t.api('/api/graphs', { method: 'POST', headers, body: '{}' });
    await expectError(
      await post({ 'content-type': 'application/json; charset=latin1' }),
      415,
      'unsupported charset "LATIN1"',
    );
    await expectError(
      await post({ 'content-type': 'application/json', 'content-encoding': 'br2' }),
      415,
      'unsupported content encoding "br2"',
    );
  });

  it('when an API route does not exist, then 404 names the method and path', async () => {
    await expectError(
      await t.api('/api/nothing-here', { method: 'DELETE' }),
      404,
      'no route for DELETE /api/nothing-here',
    );
  });

  it('when an API route does not exist and there is no token, then 401 (nothing is revealed)', async () => {
    expect((await fetch(`${t.url}/api/nothing-here`)).status).toBe(401);
  });
});

/** Writes `request` on a fresh connection and reads until the server closes it. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(t.server.port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests that Node refuses before express sees them', () => {
  it('when the URL is over the header limit, then 431 says why, as JSON', async () => {
    await expectError(
      await t.api(`/api/graphs/${'x'.repeat(20_000)}`),
      431,
      'the URL and headers are too large (at most 16 KiB in all)',
    );
  });

  it('when the request is not HTTP at all, then 400 says so, as JSON', async () => {
    const answer = await rawExchange('HELLO THERE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toMatch(/content-type: application\/json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: string };
    expect(body.error).toMatch(/^the request is not valid HTTP \(HPE_/);
  });
});
