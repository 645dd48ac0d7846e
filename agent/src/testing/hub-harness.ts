import {
  EffectLedger,
  HubRoom,
  MemoryEffectStore,
  MemoryHubStore,
  NO_FAULTS,
  Prng,
  replicatedVariables,
  TestLinkPair,
  type GraphDocument,
} from '@inflow/shared-core';
import type { DeploymentRunner } from '../deployment-runner.js';
import type { EffectChannel } from '../effect-gate.js';

// Runners wired to shared-core's real HubRoom and EffectLedger through in-memory links: the
// hub's side of the protocol without a socket (and without a stand-in for the control plane).

export interface Attached {
  readonly runner: DeploymentRunner;
  readonly pair: TestLinkPair;
}

export function createHub(deployment: string, graph: GraphDocument, seed = 7) {
  const room = HubRoom.restore({
    deployment,
    variables: replicatedVariables(graph),
    store: new MemoryHubStore(),
  });
  const ledger = new EffectLedger(new MemoryEffectStore());
  const rng = new Prng(seed);
  const attached = new Map<string, Attached>();

  const effectsOf = (member: string): EffectChannel => ({
    claim: (claim) => Promise.resolve(ledger.claim(claim, member).granted),
    complete: (claim) => {
      ledger.complete(claim, member);
    },
  });

  /** Joins a runner to the room over a fresh link, as the hub does before `assign`. */
  const attach = (member: string, runner: DeploymentRunner): Attached => {
    attached.get(member)?.pair.disconnect();
    const pair = new TestLinkPair(member, rng, NO_FAULTS);
    pair.onHub = (event, message) => room.receive(member, event, message);
    pair.onAgent = (event, message) => runner.receive(event, message);
    const joined = room.join(member, pair.hubLink, runner.variables);
    if (!joined.ok) throw new Error(joined.reason);
    runner.connect(pair.agentLink, effectsOf(member));
    const a = { runner, pair };
    attached.set(member, a);
    return a;
  };

  /** Flushes, delivers and lets effect claims settle until nothing moves. */
  const settle = async (): Promise<void> => {
    for (let round = 0; round < 1000; round++) {
      let moved = false;
      for (const { runner, pair } of attached.values()) {
        if (!pair.isOpen || runner.isClosed) continue;
        runner.flush();
        while (pair.step()) moved = true;
      }
      const pending = [...attached.values()].some((a) => a.runner.gate.pending > 0);
      await new Promise((resolve) => setImmediate(resolve));
      if (!moved && !pending) return;
    }
    throw new Error('the hub harness did not settle');
  };

  return { room, ledger, attach, settle, attached };
}
