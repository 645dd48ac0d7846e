import {
  ackMessageSchema,
  agentMetricsSchema,
  deltaMessageSchema,
  digestMessageSchema,
  effectClaimSchema,
  type AgentToServerEvents,
  type DeploymentSnapshot,
  type EditorToServerEvents,
} from '@inflow/shared-core';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { anyJson, errorLog, expectSpecific } from '../testing/bad-input.js';
import {
  calls,
  RESERVED,
  resolve,
  type Call,
  type SocketContext,
} from '../testing/socket-payloads.js';
import {
  agentHello,
  connected,
  readExample,
  startTestServer,
  testSocket,
  withAdminToken,
  within,
  type TestServer,
} from '../testing/test-server.js';
import { connectWireAgent, until, type WireAgent } from '../testing/wire-agent.js';

// Property-based tests of bad input on the sockets of a real control plane: every event the
// protocol declares, and others, with any payloads and arities, with and without acks. The
// server stays up, answers every ack the protocol promises an answer to, refuses each malformed
// agent message, logs no error and loses nothing it stored. Seeds are fixed for CI.

/** Every event a client may send, with the schema its payload must pass (none for editors). */
const EDITOR_EVENTS = ['watch', 'unwatch'] as const;
const AGENT_EVENTS: Record<keyof AgentToServerEvents, z.ZodType> = {
  delta: deltaMessageSchema,
  ack: ackMessageSchema,
  digest: digestMessageSchema,
  metrics: agentMetricsSchema,
  claimEffect: effectClaimSchema,
  completeEffect: effectClaimSchema,
};
// Fails to compile when an editor event is added to the protocol and not fuzzed here.
const allEditorEvents: Exclude<
  keyof EditorToServerEvents,
  (typeof EDITOR_EVENTS)[number]
> extends never
  ? true
  : false = true;
/**
 * The events whose declaration takes a reply: an ack given to them must be answered. So must an
 * ack given to a reserved name, refused as one a client may not send.
 */
const REPLIED = new Set(['watch', 'claimEffect']);
const answered = ({ event, ack }: Call) => ack && (REPLIED.has(event) || RESERVED.includes(event));

const log = errorLog();
let t: TestServer;
const sockets: Socket[] = [];
let deploymentId = '';
const ctx: SocketContext = { deploymentId: '', deltas: [] };
let members: WireAgent[] = [];
/** A graph stored before the fuzzing: it must read back unchanged. */
const witness = { id: '', text: '' };

const open = (namespace: '/agent' | '/editor' | '/', auth: Record<string, unknown>) => {
  const socket = testSocket(t.url, namespace, auth);
  sockets.push(socket);
  return socket;
};

beforeAll(async () => {
  // The hellos below fail authentication by the dozen: let them all reach the checks.
  t = await startTestServer({
    ...withAdminToken,
    logger: log.logger,
    authFailuresPerMinute: 1_000_000,
  });
  const suite = { server: t, open };
  members = await Promise.all([
    connectWireAgent(suite, 'sock-client', 'client'),
    connectWireAgent(suite, 'sock-server', 'server', true),
  ]);
  const adCounter = await readExample('ad-counter.json');
  const deployed = await t.send('POST', '/api/deployments', adCounter);
  deploymentId = ((await deployed.json()) as { deploymentId: string }).deploymentId;
  await until(() => members.every((m) => m.assignments.length === 1), 'both shares');
  // Real deltas for the fuzzing to change and send back.
  const ops = `/api/deployments/${deploymentId}/variables`;
  await t.send('POST', `${ops}/rovioAds/ops`, { op: { op: 'add', value: { id: 'rovio-1' } } });
  await t.send('POST', `${ops}/impressions/ops`, {
    op: { op: 'apply', key: 'rovio-1', inner: { op: 'increment' } },
  });
  await until(() => members.some((m) => m.deltas.length > 0), 'a delta');
  Object.assign(ctx, {
    deploymentId,
    deltas: members.flatMap((m) => m.deltas.map((d) => d.delta)),
  });
  witness.id = (
    (await (await t.send('POST', '/api/graphs', adCounter)).json()) as { id: string }
  ).id;
  witness.text = await (await t.api(`/api/graphs/${witness.id}`)).text();
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t?.dispose();
});

let logged = 0;
beforeEach(() => {
  logged = log.errors().length;
});

/**
 * Sends a call. Reserved names go out as a raw packet, as a client without the library's check
 * would send them. Resolves with the reply when the protocol promises one to an ack.
 */
async function send(socket: Socket, { event, args, ack }: Call): Promise<unknown> {
  if (RESERVED.includes(event)) {
    // socket.io-client's internals: the one way to put any event (and its ack) on the wire.
    const raw = socket as unknown as {
      packet(p: object): void;
      ids: number;
      acks: Record<number, (reply: unknown) => void>;
    };
    if (!ack) return raw.packet({ type: 2, data: [event, ...args] });
    const id = raw.ids++;
    const reply = new Promise((resolve) => (raw.acks[id] = resolve));
    raw.packet({ type: 2, data: [event, ...args], id });
    return within(reply, 3000, `the reply to ${event}`);
  }
  if (!ack) {
    socket.emit(event, ...args);
    return undefined;
  }
  if (!REPLIED.has(event)) {
    socket.emit(event, ...args, () => {});
    return undefined;
  }
  return within(socket.emitWithAck(event, ...args), 3000, `the reply to ${event}`);
}

/** A reply through an ack: `{ok: true, value}` or `{ok: false, error}` with a message. */
function expectReply(reply: unknown, what: string): { ok: boolean; value?: unknown } {
  const r = reply as { ok?: unknown; error?: unknown; value?: unknown };
  expect(typeof r.ok, what).toBe('boolean');
  if (r.ok === false) expectSpecific(String(r.error), what);
  return r as { ok: boolean; value?: unknown };
}

/** Watches the deployment from a fresh editor: the server is up and serves its snapshot. */
async function expectServing(): Promise<DeploymentSnapshot> {
  const editor = open('/editor', { token: t.adminToken });
  await within(connected(editor), 3000, 'a fresh editor to connect');
  const reply = await within(editor.emitWithAck('watch', deploymentId), 3000, 'the snapshot');
  editor.disconnect();
  expect(reply).toMatchObject({ ok: true, value: { deployment: deploymentId, status: 'running' } });
  return (reply as { value: DeploymentSnapshot }).value;
}

/** The server is up, nothing it stored is lost, and every member agent is still online. */
async function expectIntact(): Promise<void> {
  const snapshot = await expectServing();
  expect(snapshot.agents.map((a) => [a.name, a.online])).toEqual([
    ['sock-client', true],
    ['sock-server', true],
  ]);
  const agents = (await (await t.api('/api/agents')).json()) as { name: string; online: boolean }[];
  for (const m of ['sock-client', 'sock-server']) {
    expect(agents.find((a) => a.name === m)?.online, `${m} online`).toBe(true);
  }
  expect(await (await t.api(`/api/graphs/${witness.id}`)).text()).toBe(witness.text);
  expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ ok: true });
  expect(log.errors().slice(logged)).toEqual([]);
}

describe('the /editor namespace', () => {
  it('when any event comes with any payloads, then every promised ack is answered and the server stays up', async () => {
    expect(allEditorEvents).toBe(true);
    const editor = open('/editor', { token: t.adminToken });
    await connected(editor);
    await fc.assert(
      fc.asyncProperty(calls(EDITOR_EVENTS), async (generated) => {
        const call = { ...generated, args: resolve(generated.args, ctx) as unknown[] };
        const reply = await send(editor, call);
        if (answered(call)) {
          const { ok } = expectReply(reply, JSON.stringify(call).slice(0, 300));
          expect(ok).toBe(call.event === 'watch' && call.args[0] === deploymentId);
        }
        // Handled in order: once this is answered, so is everything sent before it.
        const ping = await within(editor.emitWithAck('watch', ''), 3000, 'the ping');
        expect(ping).toMatchObject({ ok: false });
      }),
      {
        seed: 501,
        numRuns: 150,
        // An ack given with no argument or one too many was never answered.
        examples: [
          [{ event: 'watch', args: [], ack: true }],
          [{ event: 'watch', args: ['x', 'y'], ack: true }],
        ],
      },
    );
    expect(editor.connected).toBe(true);
    await expectIntact();
  });
});

const zeroMetrics = { deployment: 'd', opsPerSecond: 0, deltasSent: 0, bytesSent: 0, unacked: 0 };

/** Sends calls from `agent`, each followed by a sentinel so its refusals can be told apart. */
async function fuzzAgent(agent: WireAgent, seed: number, numRuns: number, examples: Call[] = []) {
  let sentinel = 0;
  await fc.assert(
    fc.asyncProperty(calls(Object.keys(AGENT_EVENTS)), async (generated) => {
      const call = { ...generated, args: resolve(generated.args, ctx) as unknown[] };
      const from = agent.refusals.length;
      const reply = await send(agent.socket, call);
      const what = JSON.stringify(call).slice(0, 300);
      if (answered(call)) expectReply(reply, what);
      // A malformed ack: refused at once, naming the sentinel, after all that came before it.
      const variable = `sentinel-${(sentinel += 1)}`;
      agent.socket.emit('ack', { deployment: 'sentinel', variable, seq: -1 });
      await until(() => agent.refusals.some((r) => r.variable === variable), `${what} answered`);
      const refusals = agent.refusals.slice(from).filter((r) => r.deployment !== 'sentinel');
      const schema = AGENT_EVENTS[call.event as keyof AgentToServerEvents] as z.ZodType | undefined;
      const [first] = call.args;
      const sent = call.args.length > 0 ? first : call.ack ? () => {} : undefined;
      const malformed =
        schema !== undefined &&
        !RESERVED.includes(call.event) &&
        (call.event === 'claimEffect' ? !call.ack : !schema.safeParse(sent).success);
      const refusedAsMalformed = refusals.filter((r) => r.code === 'malformed');
      expect(
        refusedAsMalformed.map((r) => r.event),
        what,
      ).toEqual(malformed ? [call.event] : []);
      for (const r of refusals) {
        expect(r.event, what).toBe(call.event);
        expectSpecific(r.reason, what);
      }
    }),
    { seed, numRuns, examples: examples.map((c) => [c] as [Call]) },
  );
  expect(agent.socket.connected).toBe(true);
}

describe('the /agent namespace', () => {
  it('when an agent outside the deployment sends any event with any payloads, then each malformed one is refused and nothing changes', async () => {
    const suite = { server: t, open };
    const fuzzer = await connectWireAgent(suite, 'sock-fuzzer', 'fuzzer');
    const values = async () =>
      JSON.stringify(
        ((await (await t.api(`/api/deployments/${deploymentId}`)).json()) as { variables: object })
          .variables,
      );
    const before = await values();
    await fuzzAgent(fuzzer, 601, 200, [
      // An ack given with no claim or with one argument too many was never answered.
      { event: 'claimEffect', args: [], ack: true },
      { event: 'claimEffect', args: [{ deployment: 'd', node: 'n', key: 'k' }, 1], ack: true },
      // A forged "disconnect" had the live agent listed offline.
      { event: 'disconnect', args: ['forged'], ack: false },
      // Refused as "local. : Invalid input", naming nothing to fix.
      { event: 'metrics', args: [{ ...zeroMetrics, local: { ' ': 0 } }], ack: false },
    ]);
    expect(fuzzer.assignments).toEqual([]);
    expect(await values()).toBe(before);
    await expectIntact();
    const agents = (await (await t.api('/api/agents')).json()) as {
      name: string;
      online: boolean;
    }[];
    expect(agents.find((a) => a.name === 'sock-fuzzer')?.online).toBe(true);
  });

  it('when a member of the deployment sends any event with any payloads, then each malformed one is refused and the server stays up', async () => {
    for (const [i, member] of members.entries()) await fuzzAgent(member, 602 + i, 150);
    await expectIntact();
  });

  it('when an agent connects with any hello, then it is refused or admitted and the server stays up', async () => {
    const { token } = (await (await t.send('POST', '/api/agent-tokens', {})).json()) as {
      token: string;
    };
    const hello = fc.record(
      {
        token: fc.oneof(fc.constant(token), anyJson),
        name: fc.oneof(fc.constantFrom('sock-client', 'hello-1'), anyJson),
        labels: fc.oneof(fc.dictionary(fc.string(), fc.string()), anyJson),
        protocol: fc.oneof(fc.constant(agentHello('', '').protocol), anyJson),
        instance: fc.oneof(fc.constant('x'), anyJson),
        trusted: fc.oneof(fc.boolean(), anyJson),
        running: anyJson,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(hello, async (auth) => {
        const socket = open('/agent', auth as Record<string, unknown>);
        await within(
          connected(socket).then(
            () => socket.disconnect(),
            (err: Error & { data?: { status?: number } }) => {
              expect(err.message).toMatch(/\S/);
              expect(err.data?.status).toBe(401);
            },
          ),
          3000,
          'the handshake',
        );
      }),
      { seed: 701, numRuns: 40 },
    );
    await expectIntact();
  });
});
