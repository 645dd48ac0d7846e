import {
  CompactionPace,
  decodeState,
  encodeState,
  type AnyCrdtType,
  type LocalCarry,
  type ReplicaLog,
  type ReplicaLogContents,
  type Runtime,
} from '@inflow/shared-core';

/** Where a deployment's local variables find the agent's copies in the deployments it replaced. */
export interface LocalCopySource {
  /** This agent's copy of `variable` in `deployment`, as a state of `type`, if it still has one. */
  copyOf(deployment: string, variable: string, type: AnyCrdtType): unknown;
}

/** How a local variable of a deployment that replaced others started, the first time it ran. */
export type LocalStart =
  | { variable: string; kept: string }
  /** `lost`: the hub's plan gave this agent a copy, and none is left (else it is new here). */
  | { variable: string; empty: 'lost' | 'new-here'; from: string };

interface Copy {
  readonly type: AnyCrdtType;
  nextSeq: number;
  /** The deltas in the log since its last snapshot, and when the next is due. */
  readonly pace: CompactionPace;
  /** How many times it changed here, so a report reads it again only when it did. */
  version: number;
}

/** A local copy's log gets a snapshot of the whole state after at least this many deltas. */
const COMPACT_EVERY = 256;

/**
 * A deployment's local (dynamic) variables at this agent. The hub keeps no copy of them, so the
 * agent's log is where they last: every inflation is logged before the update that made it
 * returns (in the same log as replicated variables, never sent, acknowledged by nobody), and a
 * rebuilt or restarted runner restores them. A deployment that replaced others starts each one
 * that `carry` names from this agent's copy in the newest of those it still holds; the log then
 * gets a snapshot of it at once, so it outlives the old deployment, and marks it as started.
 * Its dots and tokens stay valid: the deployment's replica id is new, so nothing minted here
 * can collide with what the copy holds.
 */
export class LocalCopies {
  private readonly copies = new Map<string, Copy>();
  /** What the variables that `carry` names started from, the first time. */
  readonly started: LocalStart[] = [];
  private readonly stopListening: () => void;

  /** `variables`: the local variables this share holds, by type. */
  constructor(
    private readonly runtime: Runtime,
    private readonly log: ReplicaLog,
    private readonly deployment: string,
    variables: ReadonlyMap<string, AnyCrdtType>,
    private readonly carry: LocalCarry | undefined,
    source: LocalCopySource | undefined,
  ) {
    const restored: Array<[string, unknown]> = [];
    const later: Array<[string, unknown]> = [];
    for (const [variable, type] of variables) {
      const ref = this.ref(variable);
      const contents = log.load(ref);
      const state = joined(type, contents, variable);
      const pace = new CompactionPace(COMPACT_EVERY, {
        snapshot: contents.snapshot,
        deltas: contents.entries.map((e) => e.delta),
      });
      this.copies.set(variable, { type, nextSeq: contents.nextSeq, pace, version: 0 });
      const sources = this.sourcesOf(variable);
      const found = source && firstCopy(source, sources, variable, type);
      const startedBefore = contents.snapshot !== undefined || contents.entries.length > 0;
      if (sources.length > 0 && !startedBefore) {
        if (found) type.mergeInto(state, found.copy);
        // Durable before it runs, and present however empty: a later start knows it started.
        const snapshot = encodeState(type, state);
        log.compact(ref, snapshot, contents.nextSeq - 1);
        pace.compacted(snapshot);
        this.started.push(
          found
            ? { variable, kept: found.deployment }
            : {
                variable,
                empty: carry?.held.includes(variable) ? 'lost' : 'new-here',
                from: sources[0] as string,
              },
        );
      } else if (found) {
        // The old copy may have grown since (until it was stopped): joined, and logged, below.
        later.push([variable, found.copy]);
      }
      restored.push([variable, state]);
    }
    // Merged as 'remote' before listening: it is in the log already.
    runtime.mergeAll(restored);
    this.stopListening = runtime.onLocalDelta((id, delta) => this.produced(id, delta));
    runtime.mergeAll(later);
  }

  /**
   * `deployment`, which this one replaced, stops on this agent: its copies of the variables
   * carried from it are joined in as they stopped, with what they gained since this one started.
   * A copy of an ancestor is below the one it seeded, so joining it again takes nothing back.
   */
  rejoin(deployment: string, source: LocalCopySource): void {
    const entry = this.carry?.from.find((f) => f.deployment === deployment);
    const joined: Array<[string, unknown]> = [];
    for (const variable of entry?.variables ?? []) {
      const copy = this.copies.get(variable);
      const state = copy && source.copyOf(deployment, variable, copy.type);
      if (state !== undefined) joined.push([variable, state]);
    }
    if (joined.length > 0) this.runtime.mergeAll(joined);
  }

  /** How many times `variable` changed here since this runner started (0 for one it lacks). */
  version(variable: string): number {
    return this.copies.get(variable)?.version ?? 0;
  }

  /** Its copy of `variable` (a state of `type`: decoded anew, so nothing is shared), if it has one. */
  copyOf(variable: string, type: AnyCrdtType): unknown {
    const copy = this.copies.get(variable);
    if (!copy) return undefined;
    return decoded(type, encodeState(copy.type, this.runtime.state(variable)), variable);
  }

  close(): void {
    this.stopListening();
  }

  /** The deployments it may start from, newest first. */
  private sourcesOf(variable: string): string[] {
    return (this.carry?.from ?? [])
      .filter((f) => f.variables.includes(variable))
      .map((f) => f.deployment);
  }

  private produced(variable: string, delta: unknown): void {
    const copy = this.copies.get(variable);
    if (!copy) return;
    copy.version++;
    const ref = this.ref(variable);
    // Durable before Runtime.update returns, as every update is.
    const bytes = encodeState(copy.type, delta);
    this.log.append(ref, copy.nextSeq++, bytes);
    copy.pace.logged(bytes);
    if (!copy.pace.due()) return;
    const snapshot = encodeState(copy.type, this.runtime.state(variable));
    this.log.compact(ref, snapshot, copy.nextSeq - 1);
    copy.pace.compacted(snapshot);
  }

  private ref(variable: string) {
    return { deployment: this.deployment, variable };
  }
}

/** The copy in the first of `deployments` that has one, and which deployment that is. */
function firstCopy(
  source: LocalCopySource,
  deployments: readonly string[],
  variable: string,
  type: AnyCrdtType,
): { deployment: string; copy: unknown } | undefined {
  for (const deployment of deployments) {
    const copy = source.copyOf(deployment, variable, type);
    if (copy !== undefined) return { deployment, copy };
  }
  return undefined;
}

/** A local copy's state from its log, if it has one; throws if the log does not decode as `type`. */
export function readLocalCopy(
  log: ReplicaLog,
  ref: { deployment: string; variable: string },
  type: AnyCrdtType,
): unknown {
  const contents = log.load(ref);
  if (contents.snapshot === undefined && contents.entries.length === 0) return undefined;
  return joined(type, contents, ref.variable);
}

/** The state a log holds: its snapshot joined with every delta since. */
function joined(type: AnyCrdtType, contents: ReplicaLogContents, variable: string): unknown {
  const state = type.bottom();
  for (const bytes of [contents.snapshot, ...contents.entries.map((e) => e.delta)]) {
    if (bytes) type.mergeInto(state, decoded(type, bytes, variable));
  }
  return state;
}

function decoded(type: AnyCrdtType, bytes: Uint8Array, variable: string): unknown {
  const result = decodeState(type, bytes);
  if (!result.ok) {
    throw new Error(
      `the copy of ${variable} is unreadable as ${type.name}: ${result.error.message}`,
    );
  }
  return result.value;
}
