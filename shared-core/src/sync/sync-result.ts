/** Why a replication message was refused; the handler never throws at its caller. */
export type SyncRejectionCode =
  | 'wrong-deployment'
  | 'not-a-member'
  | 'not-hosted'
  | 'unknown-variable'
  /** A late update to a replaced deployment's variable that its successor does not carry. */
  | 'not-carried'
  | 'malformed-delta'
  | 'malformed-digest'
  | 'store-failed'
  | 'bad-operation';

export interface SyncRejection {
  readonly code: SyncRejectionCode;
  /** A specific message naming the variable and what was wrong, for the log and the sender. */
  readonly reason: string;
}

export type SyncResult = { ok: true } | ({ ok: false } & SyncRejection);

export const accepted: SyncResult = { ok: true };

export function rejected(code: SyncRejectionCode, reason: string): SyncResult {
  return { ok: false, code, reason };
}

/** Refusals that sending the same message again cannot change (the hub will never take it). */
const FINAL: ReadonlySet<string> = new Set<SyncRejectionCode>([
  'wrong-deployment',
  'not-a-member',
  'not-hosted',
  'unknown-variable',
  'not-carried',
]);

/** Whether a refusal's code (as the wire carries it) is final. */
export const isFinalRefusal = (code: string): boolean => FINAL.has(code);
