import type { EffectClaim } from '../protocol/agent-messages.js';

/**
 * - `granted`: a claimant may perform the effect (and only it);
 * - `done`: it reported the effect performed; nobody is granted it again;
 * - `released`: its holder died before reporting; the next claimant is granted it.
 */
export type EffectStatus = 'granted' | 'done' | 'released';

export interface EffectRecord extends EffectClaim {
  readonly holder: string;
  readonly status: EffectStatus;
  /** How many times it was granted: above 1 only after a holder died mid-effect. */
  readonly grants: number;
}

/**
 * The ledger's durability seam (the control plane's SQLite or PostgreSQL store). Writes are
 * durable when they return; `insert` must be atomic across hub processes sharing the store
 * (an INSERT on the claim's primary key), since it is what makes a grant unique.
 */
export interface EffectStore {
  get(claim: EffectClaim): EffectRecord | undefined;
  /** Inserts `record` unless its claim has a record already; returns whether it did. */
  insert(record: EffectRecord): boolean;
  /** Replaces the record of the same claim. */
  replace(record: EffectRecord): void;
  list(deployment: string): EffectRecord[];
}

export type EffectDecision =
  { granted: true; grants: number } | { granted: false; holder: string; status: EffectStatus };

/**
 * The hub's record of side effects (a webhook, "bill the customer"), which grants each
 * (deployment, node, key) to one claimant. A claimant that asks again after a reconnect or a
 * restart is granted again, so it must perform effects idempotently under their key; a holder
 * that dies before completing is released by the control plane, and the effect goes to the
 * next claimant. That window is the only place an effect can happen twice, and the key is the
 * idempotency key the effect's receiver can deduplicate on.
 */
export class EffectLedger {
  constructor(private readonly store: EffectStore) {}

  claim(claim: EffectClaim, claimant: string): EffectDecision {
    const record = { ...claimOf(claim), holder: claimant, status: 'granted' as const, grants: 1 };
    if (this.store.insert(record)) return { granted: true, grants: 1 };
    const existing = this.store.get(claim);
    if (!existing) return { granted: false, holder: '', status: 'granted' };
    if (existing.status === 'granted' && existing.holder === claimant) {
      return { granted: true, grants: existing.grants };
    }
    if (existing.status === 'released') {
      const grants = existing.grants + 1;
      this.store.replace({ ...existing, holder: claimant, status: 'granted', grants });
      return { granted: true, grants };
    }
    return { granted: false, holder: existing.holder, status: existing.status };
  }

  /** The holder performed the effect; returns false when `claimant` does not hold it. */
  complete(claim: EffectClaim, claimant: string): boolean {
    const existing = this.store.get(claim);
    if (!existing || existing.holder !== claimant || existing.status === 'released') return false;
    if (existing.status === 'granted') this.store.replace({ ...existing, status: 'done' });
    return true;
  }

  /** `holder` is gone for good: its uncompleted grants go to whoever claims them next. */
  release(deployment: string, holder: string): number {
    let n = 0;
    for (const record of this.store.list(deployment)) {
      if (record.holder !== holder || record.status !== 'granted') continue;
      this.store.replace({ ...record, status: 'released' });
      n++;
    }
    return n;
  }

  records(deployment: string): EffectRecord[] {
    return this.store.list(deployment);
  }
}

function claimOf(claim: EffectClaim): EffectClaim {
  return { deployment: claim.deployment, node: claim.node, key: claim.key };
}

const claimKey = (c: EffectClaim) => JSON.stringify([c.deployment, c.node, c.key]);

/** An EffectStore in memory, for tests. */
export class MemoryEffectStore implements EffectStore {
  private readonly records = new Map<string, EffectRecord>();

  get(claim: EffectClaim): EffectRecord | undefined {
    return this.records.get(claimKey(claim));
  }

  insert(record: EffectRecord): boolean {
    const key = claimKey(record);
    if (this.records.has(key)) return false;
    this.records.set(key, { ...record });
    return true;
  }

  replace(record: EffectRecord): void {
    this.records.set(claimKey(record), { ...record });
  }

  list(deployment: string): EffectRecord[] {
    return [...this.records.values()].filter((r) => r.deployment === deployment);
  }
}
