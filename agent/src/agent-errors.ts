/** Why a call into the agent was refused: the caller's mistake, the agent keeps running. */
export type AgentErrorCode =
  | 'unknown-deployment'
  | 'unknown-variable'
  | 'ambiguous-variable'
  | 'not-updatable'
  | 'invalid-op'
  /** Its delta is larger than one replication message may carry (MAX_DELTA_MESSAGE_BYTES). */
  | 'op-too-large'
  | 'stopped';

export class AgentError extends Error {
  override readonly name = 'AgentError';
  constructor(
    readonly code: AgentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Why the agent stopped for good: the control plane refused it for a reason that retrying
 * cannot fix, or its own storage failed (its memory may then hold updates its log does not).
 */
export type FatalReason =
  'bad-token' | 'token-revoked' | 'protocol-mismatch' | 'duplicate-name' | 'store-failed';

export class AgentFatalError extends Error {
  override readonly name = 'AgentFatalError';
  constructor(
    readonly reason: FatalReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The control plane refused this agent (as opposed to a local failure). */
  get isAuth(): boolean {
    return this.reason !== 'store-failed';
  }
}
