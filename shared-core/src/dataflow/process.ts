import type { OrSetEntries } from '../crdt/orset.js';

/** What a process is told when one of its inputs changed. */
export interface InputChange {
  /** The merged delta, for a lattice input. */
  readonly delta?: unknown;
  /**
   * For set inputs (orset, awset): each element whose tokens changed, with those tokens' flags as
   * they now are. Operators consume only this, so their work follows the change, not the set size.
   */
  readonly entries?: OrSetEntries;
}

/** A long-lived dataflow process (an operator, a bind, a trigger) driven by its inputs' changes. */
export interface Process {
  readonly id: string;
  readonly inputs: readonly string[];
  /** The variables it writes; deleting one of them stops the process. */
  readonly outputs: readonly string[];
  /** Runs once when installed, on the inputs' current states (a late start sees everything). */
  start(): void;
  onInput(input: string, change: InputChange): void;
}
