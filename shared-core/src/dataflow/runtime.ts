import type { AnyCrdtType, Operation, ReplicaId } from '../crdt/crdt-type.js';
import type { OrSetState } from '../crdt/orset.js';
import { crdtType } from '../crdt/registry.js';
import type { TypeSpec } from '../crdt/type-spec.js';
import type { Process } from './process.js';
import { ElementError, RuntimeError, type RuntimeIssue } from './runtime-errors.js';
import { entriesBeforeMerge, isOperatorSetType, orsetEntriesAfterMerge } from './set-entries.js';
import { thresholdMet, type Threshold } from './threshold.js';
import { Variable } from './variable.js';

export type DeltaOrigin = 'local' | 'remote' | 'derived';

type DeltaHook = (id: string, delta: unknown, origin: DeltaOrigin) => void;

export interface VariableEvent {
  readonly id: string;
  /** The user-facing value after the change. */
  readonly value: unknown;
  /** The delta that made the state grow (lattice variables only). */
  readonly delta?: unknown;
}

export interface RuntimeOptions {
  /** This replica's id: it names the tokens and dots of local updates. */
  replica: ReplicaId;
  /** Problems that do not stop the runtime (an expression failing on one element, ...). */
  onIssue?: (issue: RuntimeIssue) => void;
}

interface Pending {
  variable: Variable;
  delta: unknown;
  entries: ReturnType<typeof entriesBeforeMerge>;
  origin: DeltaOrigin;
}

interface Waiter {
  threshold: Threshold;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * One replica's dataflow: variables (CRDT states, or values derived locally), and the processes
 * between them. A merge that strictly inflates a variable is propagated as deltas to the processes
 * that read it; propagation runs from a queue, so a chain of operators never recurses deeply and a
 * process never sees another process half-way through.
 */
export class Runtime {
  readonly replica: ReplicaId;
  private readonly variables = new Map<string, Variable>();
  private readonly processes = new Map<string, Process>();
  /** The processes that read each variable, so a change reaches only its readers. */
  private readonly readers = new Map<string, Process[]>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly subscribers = new Map<string, Set<(event: VariableEvent) => void>>();
  private readonly deltaHooks = new Set<DeltaHook>();
  private readonly localHooks = new Set<DeltaHook>();
  private readonly pending: Pending[] = [];
  private draining = false;
  private readonly onIssue: (issue: RuntimeIssue) => void;

  constructor(options: RuntimeOptions) {
    this.replica = options.replica;
    this.onIssue = options.onIssue ?? (() => {});
  }

  declare(
    id: string,
    spec: TypeSpec,
    options: { dynamic?: boolean; derived?: boolean } = {},
  ): void {
    if (this.variables.has(id)) throw new RuntimeError(`variable ${id} is already declared`);
    this.variables.set(id, Variable.lattice(id, spec, crdtType(spec), options));
  }

  /** A variable of a type that has no graph name (the runtime's own, such as fold_dynamic's). */
  declareType(
    id: string,
    type: AnyCrdtType,
    options: { dynamic?: boolean; derived?: boolean } = {},
  ): void {
    if (this.variables.has(id)) throw new RuntimeError(`variable ${id} is already declared`);
    this.variables.set(id, Variable.lattice(id, undefined, type, options));
  }

  /** A locally computed, non-replicated value (a fold's sum, say); `spec` when it holds a lattice state. */
  declareValue(id: string, initial: unknown, spec?: TypeSpec): void {
    if (this.variables.has(id)) throw new RuntimeError(`variable ${id} is already declared`);
    this.variables.set(id, Variable.value(id, initial, spec ? crdtType(spec) : undefined, spec));
  }

  /** Deletes a variable and stops every process that reads or writes it; pending reads fail. */
  delete(id: string): void {
    if (!this.variables.delete(id)) throw new RuntimeError(`unknown variable ${id}`);
    for (const [pid, p] of this.processes) {
      if (p.inputs.includes(id) || p.outputs.includes(id)) this.removeProcess(pid);
    }
    for (const waiter of this.waiters.get(id) ?? []) {
      waiter.reject(new RuntimeError(`variable ${id} was deleted`));
    }
    this.waiters.delete(id);
    this.subscribers.delete(id);
  }

  has(id: string): boolean {
    return this.variables.has(id);
  }

  ids(): string[] {
    return [...this.variables.keys()];
  }

  variable(id: string): Variable {
    const v = this.variables.get(id);
    if (!v) throw new RuntimeError(`unknown variable ${id}`);
    return v;
  }

  /** The lattice type of a variable (undefined for plain derived values). */
  typeOf(id: string): AnyCrdtType | undefined {
    return this.variable(id).type;
  }

  /** The current state (read-only: never mutate it). */
  state(id: string): unknown {
    return this.variable(id).state;
  }

  query(id: string): unknown {
    return this.variable(id).query();
  }

  /**
   * Applies a local operation and returns its delta (which replication sends to peers). `vet`
   * sees the delta first: a throw from it refuses the operation, and nothing changes.
   */
  update(id: string, op: Operation, vet?: (delta: unknown) => void): unknown {
    const v = this.variable(id);
    if (!v.type || v.kind !== 'lattice')
      throw new RuntimeError(`${id} is derived and cannot be updated`);
    const delta = v.type.mutate(v.state, op, this.replica);
    vet?.(delta);
    this.apply(v, delta, 'local');
    return delta;
  }

  /** Merges a delta (or a whole state) from elsewhere; returns whether the state grew. */
  merge(id: string, delta: unknown, origin: DeltaOrigin = 'remote'): boolean {
    return this.apply(this.variable(id), delta, origin);
  }

  /**
   * Merges deltas of several variables before any process hears of one, so none acts on a state
   * that has only part of them (a replica catching up with the hub).
   */
  mergeAll(deltas: Iterable<readonly [string, unknown]>, origin: DeltaOrigin = 'remote'): void {
    const outer = this.draining;
    this.draining = true;
    try {
      for (const [id, delta] of deltas) this.apply(this.variable(id), delta, origin);
    } finally {
      this.draining = outer;
      if (!outer && this.pending.length > 0) this.drain();
    }
  }

  /** Sets a derived value; listeners hear of it only when it differs from the current one. */
  setValue(id: string, value: unknown): void {
    const v = this.variable(id);
    if (v.kind !== 'value') throw new RuntimeError(`${id} is a lattice variable; merge into it`);
    if (!v.replaceValue(value)) return;
    this.enqueue({ variable: v, delta: undefined, entries: undefined, origin: 'derived' });
  }

  private apply(v: Variable, delta: unknown, origin: DeltaOrigin): boolean {
    const type = v.type;
    if (!type || v.kind !== 'lattice') throw new RuntimeError(`${v.id} is not a lattice variable`);
    const entries = entriesBeforeMerge(type, v.state, delta);
    if (!type.mergeInto(v.state, delta)) return false;
    this.enqueue({ variable: v, delta, entries, origin });
    return true;
  }

  private enqueue(item: Pending): void {
    this.pending.push(item);
    if (!this.draining) this.drain();
  }

  private drain(): void {
    this.draining = true;
    try {
      for (let i = 0; i < this.pending.length; i++) this.notify(this.pending[i] as Pending);
    } finally {
      this.pending.length = 0;
      this.draining = false;
    }
  }

  private notify({ variable: v, delta, entries, origin }: Pending): void {
    if (!this.variables.has(v.id)) return;
    if (v.kind === 'lattice') {
      for (const hook of v.dynamic ? this.localHooks : this.deltaHooks) hook(v.id, delta, origin);
    }
    let setEntries = entries;
    for (const p of this.readers.get(v.id) ?? []) {
      if (!setEntries && v.type && isOperatorSetType(v.type.name) && v.kind === 'lattice') {
        setEntries = orsetEntriesAfterMerge(v.state as OrSetState, delta as OrSetState);
      }
      try {
        p.onInput(v.id, { delta, ...(setEntries ? { entries: setEntries } : {}) });
      } catch (error) {
        this.report(p.id, error);
      }
    }
    const subscribers = this.subscribers.get(v.id);
    const waiters = this.waiters.get(v.id);
    if (!subscribers?.size && !waiters?.length) return;
    const value = v.query();
    const event = { id: v.id, value, ...(delta === undefined ? {} : { delta }) };
    for (const fn of subscribers ?? []) {
      // A failing subscriber must not stop the others or the rest of the propagation.
      try {
        fn(event);
      } catch (error) {
        this.report(`subscriber of ${v.id}`, error);
      }
    }
    if (waiters)
      this.waiters.set(
        v.id,
        waiters.filter((w) => !this.settle(v, w, value)),
      );
  }

  private settle(v: Variable, w: Waiter, value: unknown): boolean {
    if (!thresholdMet(w.threshold, v.type, v.state, value)) return false;
    w.resolve(value);
    return true;
  }

  /** Calls `fn` after every strict inflation of `id` (Lasp's stream); returns an unsubscribe function. */
  subscribe(id: string, fn: (event: VariableEvent) => void): () => void {
    this.variable(id);
    const set = this.subscribers.get(id) ?? new Set();
    this.subscribers.set(id, set);
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Hears every inflation of a replicated (non-dynamic) lattice variable: what replication sends. */
  onDelta(fn: DeltaHook): () => void {
    this.deltaHooks.add(fn);
    return () => this.deltaHooks.delete(fn);
  }

  /**
   * Hears every inflation of a dynamic variable: what a replica keeps of its own copy. Like
   * `onDelta`, before any process or subscriber hears of it, and a throw reaches the caller.
   */
  onLocalDelta(fn: DeltaHook): () => void {
    this.localHooks.add(fn);
    return () => this.localHooks.delete(fn);
  }

  /** Resolves with the value once the variable meets the threshold (at once if it already does). */
  read(id: string, threshold: Threshold): Promise<unknown> {
    const v = this.variable(id);
    return new Promise((resolve, reject) => {
      const waiter = { threshold, resolve, reject };
      if (this.settle(v, waiter, v.query())) return;
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), waiter]);
    });
  }

  /** The first of several reads that is already met, or undefined (Lasp's read_any). */
  readAny(
    reads: ReadonlyArray<{ id: string; threshold: Threshold }>,
  ): { id: string; value: unknown } | undefined {
    for (const { id, threshold } of reads) {
      const v = this.variable(id);
      const value = v.query();
      if (thresholdMet(threshold, v.type, v.state, value)) return { id, value };
    }
    return undefined;
  }

  /** Installs a process and runs it on its inputs' current states. */
  addProcess(process: Process): void {
    if (this.processes.has(process.id))
      throw new RuntimeError(`process ${process.id} already exists`);
    for (const id of [...process.inputs, ...process.outputs]) this.variable(id);
    this.processes.set(process.id, process);
    for (const input of new Set(process.inputs)) {
      this.readers.set(input, [...(this.readers.get(input) ?? []), process]);
    }
    // The start run's outputs are queued and propagated like any other change.
    const outer = this.draining;
    this.draining = true;
    try {
      process.start();
    } finally {
      this.draining = outer;
    }
    if (!outer && this.pending.length > 0) this.drain();
  }

  removeProcess(id: string): void {
    const process = this.processes.get(id);
    if (!process) return;
    this.processes.delete(id);
    for (const input of process.inputs) {
      const rest = (this.readers.get(input) ?? []).filter((p) => p !== process);
      if (rest.length > 0) this.readers.set(input, rest);
      else this.readers.delete(input);
    }
  }

  /** Hands an issue to `onIssue`; `element` is the input it happened on, when there was one. */
  report(
    where: string,
    error: unknown,
    element: unknown = error instanceof ElementError ? error.element : undefined,
  ): void {
    const message = error instanceof Error ? error.message : String(error);
    this.onIssue({ where, message, ...(element === undefined ? {} : { element }) });
  }
}
