import type { Operation, ReplicaId } from '../crdt/crdt-type.js';
import type { TypeName, TypeSpec } from '../crdt/type-spec.js';
import type { AggregateKind } from '../dataflow/aggregates/aggregate.js';
import { chooseExecutor } from '../dataflow/executor.js';
import { bindToProcess } from '../dataflow/processes/bind-to.js';
import { filterProcess } from '../dataflow/processes/filter.js';
import { foldProcess, type FoldSpec } from '../dataflow/processes/fold.js';
import { intersectionProcess } from '../dataflow/processes/intersection.js';
import { mapProcess } from '../dataflow/processes/map.js';
import { productProcess } from '../dataflow/processes/product.js';
import { triggerProcess, type TriggerFiring } from '../dataflow/processes/trigger.js';
import { unionProcess } from '../dataflow/processes/union.js';
import { Runtime, type RuntimeOptions } from '../dataflow/runtime.js';
import type { Threshold } from '../dataflow/threshold.js';
import type { Value } from '../values/value.js';
import { foldDynamicProcess } from '../dataflow/processes/fold-dynamic.js';

/** Lasp's threshold forms: `{value: N}`, `{cardinality: N}`, `{state: S}`, each optionally `strict`. */
export type ThresholdInput =
  | { value: number; strict?: boolean }
  | { cardinality: number; strict?: boolean }
  | { state: unknown; strict?: boolean };

export function toThreshold(t: ThresholdInput): Threshold {
  if ('value' in t) return { kind: 'value', n: t.value, strict: t.strict };
  if ('cardinality' in t) return { kind: 'cardinality', n: t.cardinality, strict: t.strict };
  return { kind: 'state', state: t.state, strict: t.strict };
}

const spec = (type: TypeName | TypeSpec): TypeSpec =>
  typeof type === 'string' ? ({ name: type } as TypeSpec) : type;

const ORSET: TypeSpec = { name: 'orset' };

/**
 * The Lasp programming model in TypeScript, one replica at a time: declare variables, update them,
 * connect them with monotone processes, and read with thresholds. Programs read like the Erlang
 * originals (`lasp:map(Src, Fun, Dst)` is `lasp.map(src, fn, dst)`); destinations are declared on
 * first use. Graphs deployed by the control plane use the same runtime with CEL functions instead.
 */
export class Lasp {
  readonly runtime: Runtime;
  private membership: ReplicaId[];
  private processes = 0;

  constructor(options: RuntimeOptions & { membership?: ReplicaId[] }) {
    this.runtime = new Runtime(options);
    this.membership = options.membership ?? [options.replica];
  }

  get replica(): ReplicaId {
    return this.runtime.replica;
  }

  declare(id: string, type: TypeName | TypeSpec): string {
    this.runtime.declare(id, spec(type));
    return id;
  }

  /** A variable local to this replica, never replicated (Lasp's declare_dynamic). */
  declareDynamic(id: string, type: TypeName | TypeSpec): string {
    this.runtime.declare(id, spec(type), { dynamic: true });
    return id;
  }

  delete(id: string): void {
    this.runtime.delete(id);
  }

  update(id: string, op: Operation): unknown {
    return this.runtime.update(id, op);
  }

  /** Joins a whole state (or delta) into a variable, as clients push their local replicas. */
  bind(id: string, state: unknown): boolean {
    return this.runtime.merge(id, state);
  }

  query(id: string): unknown {
    return this.runtime.query(id);
  }

  read(id: string, threshold: ThresholdInput): Promise<unknown> {
    return this.runtime.read(id, toThreshold(threshold));
  }

  readAny(reads: Array<[string, ThresholdInput]>): { id: string; value: unknown } | undefined {
    return this.runtime.readAny(reads.map(([id, t]) => ({ id, threshold: toThreshold(t) })));
  }

  /** Calls `fn` with the value after every strict inflation; returns a function that stops it. */
  stream(id: string, fn: (value: unknown) => void): () => void {
    return this.runtime.subscribe(id, (event) => fn(event.value));
  }

  map(src: string, fn: (x: Value) => Value, dst: string): string {
    this.derivedSet(dst);
    this.runtime.addProcess(mapProcess(this.runtime, this.nextId('map'), src, dst, fn));
    return dst;
  }

  filter(src: string, predicate: (x: Value) => boolean, dst: string): string {
    this.derivedSet(dst);
    this.runtime.addProcess(
      filterProcess(this.runtime, this.nextId('filter'), src, dst, predicate),
    );
    return dst;
  }

  union(left: string, right: string, dst: string): string {
    this.derivedSet(dst);
    this.runtime.addProcess(unionProcess(this.runtime, this.nextId('union'), left, right, dst));
    return dst;
  }

  intersection(left: string, right: string, dst: string): string {
    this.derivedSet(dst);
    this.runtime.addProcess(
      intersectionProcess(this.runtime, this.nextId('intersection'), left, right, dst),
    );
    return dst;
  }

  product(left: string, right: string, dst: string): string {
    this.derivedSet(dst);
    this.runtime.addProcess(productProcess(this.runtime, this.nextId('product'), left, right, dst));
    return dst;
  }

  /** Folds a set into a sum, count, min, max or top-K that follows removals. */
  fold(src: string, fold: AggregateKind | FoldSpec, dst: string): string {
    const f: FoldSpec = typeof fold === 'string' ? { aggregate: fold } : fold;
    this.runtime.addProcess(foldProcess(this.runtime, this.nextId('fold'), src, dst, f));
    return dst;
  }

  /** Combines a dynamic variable's value on every replica into one replicated result. */
  foldDynamic(src: string, aggregate: AggregateKind, dst: string, k = 1): string {
    this.runtime.addProcess(
      foldDynamicProcess(this.runtime, this.nextId('fold_dynamic'), src, dst, { aggregate, k }),
    );
    return dst;
  }

  /** Joins every inflation of `src` into `dst` (Lasp's bind_to(Acc, Src)). */
  bindTo(dst: string, src: string): void {
    this.runtime.addProcess(bindToProcess(this.runtime, this.nextId('bind_to'), src, dst));
  }

  /** Runs `fn` once on this replica when `id` meets the threshold. */
  invariant(
    id: string,
    threshold: ThresholdInput,
    fn: (firing: TriggerFiring) => void,
    options: { perKey?: boolean } = {},
  ): void {
    this.trigger(id, threshold, fn, options, () => true);
  }

  /** Runs `fn` once, on the lowest-sorted member of the membership only. */
  enforceOnce(
    id: string,
    threshold: ThresholdInput,
    fn: (firing: TriggerFiring) => void,
    options: { perKey?: boolean } = {},
  ): void {
    this.trigger(
      id,
      threshold,
      fn,
      options,
      () => chooseExecutor(this.membership) === this.replica,
    );
  }

  setMembership(members: ReplicaId[]): void {
    this.membership = [...members];
  }

  private trigger(
    id: string,
    threshold: ThresholdInput,
    action: (firing: TriggerFiring) => void,
    options: { perKey?: boolean },
    performs: () => boolean,
  ): void {
    this.runtime.addProcess(
      triggerProcess(this.runtime, this.nextId('trigger'), id, {
        threshold: toThreshold(threshold),
        ...(options.perKey ? { perKey: true } : {}),
        performs,
        action,
      }),
    );
  }

  private derivedSet(id: string): void {
    if (!this.runtime.has(id)) this.runtime.declare(id, ORSET, { derived: true });
  }

  private nextId(kind: string): string {
    return `${kind}#${++this.processes}`;
  }
}

export const createLasp = (options: RuntimeOptions & { membership?: ReplicaId[] }): Lasp =>
  new Lasp(options);
