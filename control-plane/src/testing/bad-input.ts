import fc from 'fast-check';
import { pino, type Logger } from 'pino';
import { expect } from 'vitest';

/**
 * Helpers for the property-based tests of bad input (api-bad-input.test.ts,
 * socket-bad-input.test.ts): arbitrary JSON, mutations of valid documents, and the checks every
 * answer to bad input must pass.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A server logger that keeps its error-level lines in memory, so a test can check for none. */
export function errorLog(): { logger: Logger; errors: () => string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
  return { logger, errors: () => [...lines] };
}

/** Shallow so that a run stays cheap; the shapes below reach deeper where it matters. */
export const anyJson: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;

/** An object with some of `fields` (each its expected shape or anything) and maybe extra keys. */
export function someOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const shaped = fc.record(
    Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, fc.oneof(a, anyJson)])),
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    {
      weight: 1,
      arbitrary: fc
        .tuple(shaped, fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 2 }))
        .map(([a, b]) => ({ ...b, ...(a as object) })),
    },
    { weight: 1, arbitrary: anyJson },
  );
}

/**
 * What an answer to bad input must be: never a 5xx, and a refusal is JSON with a specific
 * `error`. Returns the status and the parsed body (the raw text when the answer is a success that
 * is not JSON, such as a stored graph).
 */
export async function expectAnswered(
  res: Response,
  what: string,
): Promise<{ status: number; body: unknown; text: string }> {
  const text = await res.text();
  expect(res.status, `${what} answered ${res.status}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) return { status: res.status, body: undefined, text };
  expect(res.headers.get('content-type'), `${what}: ${text.slice(0, 300)}`).toMatch(
    /^application\/json/,
  );
  const body = JSON.parse(text) as { error?: unknown };
  expect(typeof body.error, `${what}: ${text.slice(0, 300)}`).toBe('string');
  expectSpecific(body.error as string, what);
  return { status: res.status, body, text };
}

/**
 * A refusal's message: not empty, and none of zod's phrases that do not say what to fix: a bare
 * "Invalid input" (a union that matched no member), "expected nonoptional" (a required field).
 */
export function expectSpecific(message: string, what: string): void {
  expect(message.trim().length, what).toBeGreaterThan(0);
  expect(message, what).not.toMatch(/(^|: )Invalid input(;|$)|expected nonoptional/);
}

/** A path segment as a client might send it: encoded text, raw percent junk, dots, very long. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent),
  fc.stringMatching(/^[%0-9a-fA-FxzZ._~-]{1,24}$/),
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2F',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    '%',
    '%zz',
    '%C0%AF',
  ),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 200, max: 1500 }))
    .map(([s, n]) => encodeURIComponent(s.repeat(n)).slice(0, 6000)),
);

const nodeLike = someOf({
  id: fc.constantFrom('a', 'b', 'rovioAds'),
  kind: fc.constantFrom('variable', 'operator', 'trigger', 'source', 'sink'),
  type: fc.constantFrom('orset', 'gmap', 'union', 'filter', 'threshold', 'client', 'log'),
  params: fc.dictionary(fc.constantFrom('predicate', 'value', 'dynamic', 'k'), anyJson),
  placement: someOf({ selector: fc.dictionary(fc.string(), fc.string()), each: fc.boolean() }),
});

/** Documents near an `inflow-graph` (the shape right, the contents anything) and beyond it. */
export const graphLike = someOf({
  format: fc.constant('inflow-graph'),
  version: fc.constant(1),
  name: fc.string({ maxLength: 20 }),
  nodes: fc.array(nodeLike, { maxLength: 4 }),
  edges: fc.array(
    someOf({ id: fc.string(), source: fc.constantFrom('a', 'b'), target: fc.constantFrom('a') }),
    { maxLength: 3 },
  ),
});

/** Operations of the ad counter's variables (orset, gmap of gcounters), any values; and others. */
const opLike = fc.oneof(
  { weight: 1, arbitrary: anyJson },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('add', 'remove'), value: anyJson }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom('addAll', 'removeAll'),
      values: fc.array(anyJson, { maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('apply'),
      key: fc.oneof(fc.string({ maxLength: 6 }), anyJson),
      inner: someOf({ op: fc.constant('increment'), by: fc.integer() }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { op: fc.string({ maxLength: 70 }), value: anyJson, key: fc.string({ maxLength: 6 }) },
      { requiredKeys: ['op'] },
    ),
  },
);

/** Bodies of the ops route: one op, a batch, at the hub or at an agent (`agents`), or anything. */
export function opsBody(agents: readonly string[]): fc.Arbitrary<unknown> {
  const agent = fc.constantFrom(...agents, 'nobody', '');
  // At the hub more often than at an agent: that is where the store is written.
  const at = (body: object) =>
    fc.option(agent, { freq: 3 }).map((a) => (a === null ? body : { ...body, agent: a }));
  return fc.oneof(
    { weight: 3, arbitrary: opLike.chain((op) => at({ op })) },
    {
      weight: 2,
      arbitrary: fc.array(opLike, { minLength: 1, maxLength: 3 }).chain((ops) => at({ ops })),
    },
    {
      weight: 1,
      arbitrary: someOf({ op: opLike, ops: fc.array(opLike, { maxLength: 4 }), agent }),
    },
  );
}

/** Text that is not JSON, as a client might send by mistake. */
export const notJson: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
    fc.constantFrom("{'a': 1}", '{"a": 1,}', '[1, 2', 'NaN', '{"a": undefined}', '\u0000', '//'),
  )
  .filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return s.trim() !== '';
    }
  });

/** Content types a JSON route must refuse with a 415. */
export const notJsonType: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/jsonx',
    'application/json-seq',
    'application/merge-patch+json',
    'application/json; charset=latin1',
    'text/json',
    'image/png',
    '',
  ),
  fc.stringMatching(/^[a-z]{1,8}\/[a-z0-9.+-]{1,12}$/).filter((t) => t !== 'application/json'),
);
