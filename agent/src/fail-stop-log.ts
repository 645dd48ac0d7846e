import type { ReplicaLog, ReplicaLogContents, VariableRef } from '@inflow/shared-core';

/**
 * Wraps the agent's ReplicaLog so that the first failed write stops everything: the runtime has
 * already merged the update the log could not keep, so carrying on would acknowledge what a
 * restart loses. Every later write fails at once with the first error.
 */
export class FailStopLog implements ReplicaLog {
  private failure: Error | undefined;

  constructor(
    private readonly inner: ReplicaLog,
    private readonly onFailure: (error: Error) => void,
  ) {}

  get failed(): Error | undefined {
    return this.failure;
  }

  append(ref: VariableRef, seq: number, delta: Uint8Array): void {
    this.write(() => this.inner.append(ref, seq, delta));
  }

  acked(ref: VariableRef, seqs: readonly number[]): void {
    this.write(() => this.inner.acked(ref, seqs));
  }

  compact(ref: VariableRef, state: Uint8Array, throughSeq: number): void {
    this.write(() => this.inner.compact(ref, state, throughSeq));
  }

  /**
   * Runs `fn` as one commit of the inner log. An error `fn` throws is its caller's (its writes
   * fail-stop on their own); only a failed commit is a failed write here. `fn` must not throw
   * after writing: a rolled-back commit would leave the runtime ahead of the log.
   */
  atomically<T>(fn: () => T): T {
    if (this.failure) throw this.failure;
    if (!this.inner.atomically) return fn();
    let fnFailed = false;
    try {
      return this.inner.atomically(() => {
        try {
          return fn();
        } catch (error) {
          fnFailed = true;
          throw error;
        }
      });
    } catch (error) {
      if (fnFailed || this.failure) throw error;
      throw this.fail(error);
    }
  }

  load(ref: VariableRef): ReplicaLogContents {
    if (this.failure) throw this.failure;
    return this.inner.load(ref);
  }

  private write(fn: () => void): void {
    if (this.failure) throw this.failure;
    try {
      fn();
    } catch (error) {
      throw this.fail(error);
    }
  }

  private fail(error: unknown): Error {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.onFailure(this.failure);
    return this.failure;
  }
}
