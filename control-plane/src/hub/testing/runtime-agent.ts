import {
  ackMessageSchema,
  deltaMessageSchema,
  digestMessageSchema,
  installGraph,
  MemoryReplicaLog,
  ReplicaEndpoint,
  replicatedVariables,
  Runtime,
  type Assignment,
  type Refusal,
  type SyncEvent,
  type SyncLink,
  type SyncMessages,
} from '@inflow/shared-core';
import type { Socket } from 'socket.io-client';
import { agentHello, connected, type TestServer } from '../../testing/test-server.js';

/** What a test file's `serverWithSockets()` gives: the server, and sockets closed after each test. */
export interface SocketSuite {
  readonly server: TestServer;
  open(namespace: '/agent', auth: Record<string, unknown>, url?: string): Socket;
}

export interface RuntimeAgentOptions {
  role: string;
  /** More labels than its role. */
  labels?: Record<string, string>;
  trusted?: boolean;
  /** Runs on each new share before the agent has exchanged a single message about it. */
  beforeSync?: (deployment: string, runtime: Runtime) => void;
  /** Holds local deltas until `flush()`, as the agent batches them between its sync ticks. */
  batch?: boolean;
}

interface Runner {
  readonly version: number;
  readonly runtime: Runtime;
  readonly endpoint: ReplicaEndpoint;
}

/**
 * An agent in the test's process that runs its shares on shared-core's Runtime and
 * ReplicaEndpoint over a real socket, as the agent package does, so its replicas can be read
 * directly and its timing held. Like the agent, it keeps one log for all its runners (a new
 * share of a deployment resumes from it, and sends what it still owes of a variable moved
 * away), a deployment that ends here first drains what the hub has not acknowledged, a refusal
 * goes to the runner it names, and it reports the deployments it still holds when it connects.
 */
export async function runtimeAgent(suite: SocketSuite, name: string, options: RuntimeAgentOptions) {
  const { role, labels = {}, trusted = false, beforeSync = () => {}, batch = false } = options;
  const created = await suite.server.send('POST', '/api/agent-tokens', { name, trusted });
  const { token } = (await created.json()) as { token: string };
  const runners = new Map<string, Runner>();
  const draining = new Map<string, Runner>();
  const refusals: Refusal[] = [];
  const log = new MemoryReplicaLog();
  /** Assignments received while held back (see `hold`), not yet run nor answered. */
  let held: Array<{ assignment: Assignment; run: () => void }> | undefined;
  /** Every replication message the hub sent it. */
  const heard: Array<{ event: SyncEvent; message: SyncMessages[SyncEvent] }> = [];
  let socket: Socket | undefined;
  const link: SyncLink = {
    get isOpen() {
      return socket?.connected ?? false;
    },
    send: <E extends SyncEvent>(event: E, message: SyncMessages[E]) => {
      socket?.emit(event, message);
    },
  };

  const claim = async (s: Socket, c: { deployment: string; node: string; key: string }) => {
    // A claim still in flight when the test ends and closes the socket is simply not granted.
    const answer = (await s.emitWithAck('claimEffect', c).catch(() => ({}))) as {
      value?: { granted: boolean };
    };
    return answer.value?.granted === true;
  };

  const assign = (s: Socket, a: Assignment, reply: (r: unknown) => void) => {
    const current = runners.get(a.deployment);
    if (current?.version === a.version) {
      reply({ ok: true, value: { replica: a.replica } });
      current.endpoint.connect(link);
      return;
    }
    current?.endpoint.close();
    const runtime = new Runtime({ replica: a.replica });
    installGraph(runtime, a.graph, {
      share: { nodes: a.nodes, variables: a.variables },
      membership: () => a.executors,
      effects: (effect, perform) => {
        const c = { deployment: a.deployment, ...effect };
        void claim(s, c).then(async (granted) => {
          if (!granted) return;
          await perform();
          s.emit('completeEffect', c);
        });
      },
    });
    const replicated = replicatedVariables(a.graph);
    const endpoint = ReplicaEndpoint.restore(runtime, log, {
      deployment: a.deployment,
      variables: runtime.ids().filter((id) => replicated.has(id)),
      deploymentVariables: replicated,
      batch,
    });
    runners.set(a.deployment, { version: a.version, runtime, endpoint });
    reply({ ok: true, value: { replica: a.replica } });
    beforeSync(a.deployment, runtime);
    endpoint.connect(link);
  };

  const unassign = (deployment: string) => {
    const runner = runners.get(deployment) ?? draining.get(deployment);
    runners.delete(deployment);
    if (!runner) return;
    runner.endpoint.drain(link);
    if (runner.endpoint.stats().unacked > 0) draining.set(deployment, runner);
    else draining.delete(deployment);
  };

  const schemas = { delta: deltaMessageSchema, ack: ackMessageSchema, digest: digestMessageSchema };
  const receive = (event: SyncEvent, payload: unknown) => {
    const message = schemas[event].parse(payload);
    const runner = runners.get(message.deployment) ?? draining.get(message.deployment);
    heard.push({ event, message });
    if (!runner) return;
    runner.endpoint.receive(event, message);
    if (draining.get(message.deployment) === runner) {
      if (runner.endpoint.stats().unacked === 0) draining.delete(message.deployment);
    }
  };

  const refused = (refusal: Refusal) => {
    refusals.push(refusal);
    const { event, deployment, variable, code } = refusal;
    if (deployment === undefined || variable === undefined) return;
    if (!Object.hasOwn(schemas, event)) return;
    const runner = runners.get(deployment) ?? draining.get(deployment);
    runner?.endpoint.refused(event as SyncEvent, variable, code);
    // A drain whose last owed deltas were refused for good has nothing left to wait for.
    if (runner && draining.get(deployment) === runner && runner.endpoint.stats().unacked === 0) {
      draining.delete(deployment);
    }
  };

  /** Connects (again), telling the control plane what it still holds. */
  const connect = async (url = suite.server.url) => {
    const running = [...runners.keys(), ...draining.keys()];
    const hello = { ...agentHello(token, name, { ...labels, role }), trusted, running };
    const s = suite.open('/agent', hello, url);
    s.on('assign', (a: Assignment, reply: (r: unknown) => void) => {
      if (held) held.push({ assignment: a, run: () => assign(s, a, reply) });
      else assign(s, a, reply);
    });
    s.on('unassign', unassign);
    s.on('refused', refused);
    for (const event of ['delta', 'ack', 'digest'] as const) {
      s.on(event, (payload: unknown) => receive(event, payload));
    }
    socket = s;
    await connected(s);
  };

  const runtime = (deployment: string) => {
    const runner = runners.get(deployment);
    if (!runner) throw new Error(`${name} does not run ${deployment}`);
    return runner.runtime;
  };

  await connect();
  return {
    name,
    runners,
    draining,
    refusals,
    heard,
    runtime,
    connect,
    /** The socket drops; local updates queue until the next connection. */
    disconnect: () => {
      socket?.disconnect();
      for (const runner of runners.values()) runner.endpoint.disconnect();
    },
    /** Sends the queued deltas, as the agent's sync tick does. */
    flush: () => {
      for (const runner of runners.values()) runner.endpoint.flush();
    },
    /**
     * From now on, assignments wait (unanswered) until `release`: an agent slow to take in its
     * share, which the hub has already replaced with another.
     */
    hold: () => {
      held ??= [];
    },
    /** The assignments waiting. */
    held: () => held?.map((h) => h.assignment) ?? [],
    /** Runs the oldest waiting assignment (and stops holding when none is left). */
    release: () => {
      held?.shift()?.run();
      if (held?.length === 0) held = undefined;
    },
    /** Sends a message as it is, as a repeated or replayed one would arrive. */
    send: <E extends SyncEvent>(event: E, message: SyncMessages[E]) => link.send(event, message),
  };
}

export type RuntimeAgent = Awaited<ReturnType<typeof runtimeAgent>>;
