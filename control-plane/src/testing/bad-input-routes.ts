import fc from 'fast-check';
import { anyJson, graphLike, opsBody, someOf } from './bad-input.js';

/**
 * The REST routes api-bad-input.test.ts sends bad input to, with what it sends each. `Fixture`
 * names what the test stored first, so that requests reach past "no such id" to the checks
 * behind it.
 */
export interface Fixture {
  /** A running deployment of the ad counter. */
  deploymentId: string;
  /** A stored draft graph (not deployable). */
  draftId: string;
  /** A stored graph that must read back unchanged. */
  witnessId: string;
  /** The names of the connected agents. */
  agents: readonly string[];
}

export interface Request {
  method: string;
  path: string;
  body: unknown;
}

export interface BodyRoute {
  route: string;
  seed: number;
  numRuns?: number;
  request: (f: Fixture) => fc.Arbitrary<Request>;
  /** Inputs that once found a bug, tried first on every run. */
  examples?: (f: Fixture) => Request[];
}

/** Mostly the ad counter's variables, sometimes its other nodes or any name. */
const nodeId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('rovioAds', 'contracts', 'impressions') },
  { weight: 1, arbitrary: fc.constantFrom('ads', 'removeAd', 'gameClients') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

const post = (path: string) => (body: unknown) => ({ method: 'POST', path, body });

/** Each route that takes a body, with bodies near its expected shape as well as any JSON. */
export const bodyRoutes: BodyRoute[] = [
  {
    route: 'POST /api/graphs',
    seed: 101,
    request: () => graphLike.map(post('/api/graphs')),
  },
  {
    route: 'POST /api/graphs/validate',
    seed: 102,
    request: () => graphLike.map(post('/api/graphs/validate')),
  },
  {
    route: 'PUT /api/graphs/:id',
    seed: 103,
    // A missing graph was refused as "graph: Invalid input: expected nonoptional, …".
    examples: (f) => [{ method: 'PUT', path: `/api/graphs/${f.draftId}`, body: { rev: 1 } }],
    request: (f) =>
      someOf({ rev: fc.integer({ min: 0, max: 3 }), graph: graphLike }).map((body) => ({
        method: 'PUT',
        path: `/api/graphs/${f.draftId}`,
        body,
      })),
  },
  {
    route: 'POST /api/graphs/:id/deploy',
    seed: 104,
    request: (f) =>
      fc
        .tuple(
          fc.constantFrom(f.draftId, 'g_missing'),
          someOf({
            rev: fc.integer({ min: 0, max: 3 }),
            replaces: fc.oneof(fc.constant(f.deploymentId), fc.string({ maxLength: 140 })),
          }),
        )
        .map(([id, body]) => post(`/api/graphs/${id}/deploy`)(body)),
  },
  {
    route: 'POST /api/deployments',
    seed: 105,
    request: () => graphLike.map(post('/api/deployments')),
  },
  {
    route: 'POST /api/deployments/:id/variables/:nodeId/ops',
    seed: 106,
    numRuns: 80,
    // Refused as "invalid operation: Invalid input", a z.union's message that names nothing.
    examples: (f) =>
      [{ op: null }, { ops: ['', { op: '' }] }, [true]].map(
        post(`/api/deployments/${f.deploymentId}/variables/rovioAds/ops`),
      ),
    request: (f) =>
      fc
        .tuple(nodeId, opsBody(f.agents))
        .map(([variable, body]) =>
          post(`/api/deployments/${f.deploymentId}/variables/${encodeURIComponent(variable)}/ops`)(
            body,
          ),
        ),
  },
  {
    route: 'POST /api/agent-tokens',
    seed: 107,
    request: (f) =>
      someOf({
        name: fc.oneof(fc.constantFrom(...f.agents, ''), fc.string({ maxLength: 70 })),
        labels: fc.dictionary(fc.string({ maxLength: 70 }), fc.string({ maxLength: 300 })),
        trusted: fc.boolean(),
      }).map(post('/api/agent-tokens')),
  },
];

/** One path of each route that takes a body. */
export const bodyPaths = (f: Fixture): Array<[string, string]> => [
  ['POST', '/api/graphs'],
  ['POST', '/api/graphs/validate'],
  ['PUT', `/api/graphs/${f.draftId}`],
  ['POST', `/api/graphs/${f.draftId}/deploy`],
  ['POST', '/api/deployments'],
  ['POST', `/api/deployments/${f.deploymentId}/variables/rovioAds/ops`],
  ['POST', '/api/agent-tokens'],
];

/** Routes with ids in their path, each with a body that passes its checks when one is needed. */
export const idRoutes = (
  f: Fixture,
): Array<[string, (a: string, b: string) => string, unknown?]> => [
  ['GET', (a) => `/api/graphs/${a}`],
  ['GET', (_a, b) => `/api/graphs/${f.witnessId}?rev=${b}`],
  ['PUT', (a) => `/api/graphs/${a}`, { rev: 1, graph: { format: 'inflow-graph', version: 1 } }],
  ['DELETE', (a) => `/api/graphs/${a}`],
  ['POST', (a) => `/api/graphs/${a}/deploy`, { rev: 1 }],
  ['GET', (a) => `/api/deployments/${a}`],
  ['DELETE', (a) => `/api/deployments/${a}`],
  ['POST', (a, b) => `/api/deployments/${a}/variables/${b}/ops`, { op: { op: 'add', value: 1 } }],
  ['POST', (a) => `/api/deployments/${f.deploymentId}/variables/${a}/ops`, { ops: [{ op: 'x' }] }],
  ['DELETE', (a) => `/api/agent-tokens/${a}`],
];

/** Operations each ad counter variable takes, and some it does not (named by `bad`). */
export const variableOps: Record<
  string,
  { good: fc.Arbitrary<object>; bad: fc.Arbitrary<object> }
> = {
  rovioAds: {
    good: fc.oneof(
      fc.record({ op: fc.constantFrom('add', 'remove'), value: anyJson }),
      fc.record({ op: fc.constantFrom('addAll', 'removeAll'), values: fc.array(anyJson) }),
    ),
    bad: fc.oneof(
      fc.record({ op: fc.constantFrom('add', 'addAll', 'apply', 'clear') }),
      fc.record({
        op: fc.constant('addAll'),
        values: fc.oneof(fc.string(), fc.dictionary(fc.string(), anyJson)),
      }),
    ),
  },
  impressions: {
    good: fc.record(
      {
        op: fc.constant('apply'),
        key: fc.string({ maxLength: 8 }),
        inner: fc.record(
          { op: fc.constant('increment'), by: fc.integer({ min: 1, max: 1000 }) },
          { requiredKeys: ['op'] },
        ),
      },
      { requiredKeys: ['op', 'key', 'inner'] },
    ),
    bad: fc.oneof(
      fc.record({
        op: fc.constant('apply'),
        key: fc.string(),
        inner: fc.constant({ op: 'decrement' }),
      }),
      fc.record({
        op: fc.constant('apply'),
        key: fc.integer(),
        inner: fc.constant({ op: 'increment' }),
      }),
      fc.record({
        op: fc.constant('apply'),
        key: fc.string(),
        inner: fc.record({ op: fc.constant('increment'), by: fc.integer({ max: 0 }) }),
      }),
      fc.record({ op: fc.constantFrom('add', 'increment') }),
    ),
  },
};
