import fc from 'fast-check';
import { anyJson } from './bad-input.js';

/**
 * What socket-bad-input.test.ts sends: socket.io calls (an event name, its arguments, an ack or
 * not) with payloads shaped like the protocol's messages, with real names and real deltas
 * changed a little, as well as anything else.
 */

/** What the payloads refer to, only known once the server runs. */
export interface SocketContext {
  deploymentId: string;
  /** Deltas the hub sent, to change and send back. */
  deltas: readonly Uint8Array[];
}

/** Stands for a value taken from the context when the call is sent. */
class Later {
  constructor(
    readonly what: string,
    readonly of: (ctx: SocketContext) => unknown,
  ) {}
  toString(): string {
    return this.what;
  }
}

/** Replaces every `Later` in `value` with what it stands for. */
export function resolve(value: unknown, ctx: SocketContext): unknown {
  if (value instanceof Later) return value.of(ctx);
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => resolve(v, ctx));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, ctx)]));
}

/** Socket.io calls one socket makes: the ack, if any, goes last. */
export interface Call {
  event: string;
  args: unknown[];
  ack: boolean;
}

/** Names socket.io uses itself: the client library refuses to send them, a raw client may. */
export const RESERVED = [
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'error',
];

const VARIABLES = ['rovioAds', 'riotAds', 'contracts', 'impressions', 'ads', 'adsWithContracts'];
const deployment = new Later('<deployment>', (ctx) => ctx.deploymentId);
const bytes = fc.uint8Array({ maxLength: 64 });
/** A delta the hub sent, with some bytes changed, maybe cut short. */
const changedDelta = fc
  .record({
    pick: fc.nat(),
    flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    cut: fc.option(fc.nat()),
  })
  .map(
    ({ pick, flips, cut }) =>
      new Later(`<delta ${pick} ${JSON.stringify(flips)} cut ${cut}>`, (ctx) => {
        const copy = (
          ctx.deltas[pick % Math.max(ctx.deltas.length, 1)] ?? new Uint8Array()
        ).slice();
        for (const [at, byte] of flips) if (copy.length > 0) copy[at % copy.length] = byte;
        return cut === null ? copy : copy.slice(0, cut % (copy.length + 1));
      }),
  );
const binary = fc.oneof(bytes, changedDelta);

const deploymentId = fc.oneof(
  { weight: 3, arbitrary: fc.constant(deployment) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
);
const variable = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VARIABLES) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) },
);
const claim = fc.record({
  deployment: deploymentId,
  node: fc.oneof(fc.constantFrom('removeAd', 'gameClients'), fc.string({ maxLength: 8 })),
  key: fc.string({ maxLength: 8 }),
});

/** Per event, a payload of the shape its schema asks for (the contents may still be wrong). */
const wellFormed: Record<string, fc.Arbitrary<unknown>> = {
  delta: fc.record({ deployment: deploymentId, variable, seq: fc.nat(), delta: binary }),
  digest: fc.record({ deployment: deploymentId, variable, digest: binary }),
  ack: fc.record({ deployment: deploymentId, variable, seq: fc.nat() }),
  metrics: fc.record(
    {
      deployment: deploymentId,
      opsPerSecond: fc.nat(),
      deltasSent: fc.nat(),
      bytesSent: fc.nat(),
      unacked: fc.nat(),
      local: fc.dictionary(variable, fc.oneof(fc.record({ value: anyJson }), anyJson)),
      issues: fc.array(
        fc.record({
          where: fc.string({ minLength: 1, maxLength: 8 }),
          message: fc.string({ minLength: 1, maxLength: 20 }),
          count: fc.integer({ min: 1, max: 5 }),
        }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ['deployment', 'opsPerSecond', 'deltasSent', 'bytesSent', 'unacked'] },
  ),
  claimEffect: claim,
  completeEffect: claim,
  watch: deploymentId,
  unwatch: deploymentId,
};

/** Anything: JSON, binary, an object with the protocol's field names holding any values. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: anyJson },
  { weight: 1, arbitrary: binary },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        deployment: fc.oneof(deploymentId, anyJson),
        variable: fc.oneof(variable, anyJson),
        seq: fc.oneof(fc.integer(), anyJson),
        delta: fc.oneof(binary, anyJson),
        digest: fc.oneof(binary, anyJson),
        node: anyJson,
        key: anyJson,
        opsPerSecond: fc.oneof(fc.double(), anyJson),
        issues: anyJson,
      },
      { requiredKeys: [] },
    ),
  },
);

/** The right arguments, one too many, or anything at all. */
const argsFor = (event: string): fc.Arbitrary<unknown[]> => {
  const right = wellFormed[event] ?? anything;
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(right) },
    { weight: 1, arbitrary: fc.tuple(right, anything) },
    { weight: 2, arbitrary: fc.array(anything, { maxLength: 3 }) },
  );
};

const unknownEvent = fc
  .oneof(fc.string({ maxLength: 12 }), fc.constantFrom('assign', 'apply', 'snapshot', 'history'))
  .filter((e) => !RESERVED.includes(e) && e !== 'removeListener');

/** Calls of the `known` events mostly, and of unknown and reserved ones. */
export function calls(known: readonly string[]): fc.Arbitrary<Call> {
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: unknownEvent },
      { weight: 1, arbitrary: fc.constantFrom(...RESERVED) },
    )
    .chain((event) =>
      fc.record({ event: fc.constant(event), args: argsFor(event), ack: fc.boolean() }),
    );
}
