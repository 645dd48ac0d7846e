/** Bumped on any incompatible change to the events or payloads below; peers refuse a mismatch. */
export const PROTOCOL_VERSION = 1;

/** Why the control plane closes an agent's session: a constant object and its union, as tldraw does. */
export const DISCONNECT_REASONS = {
  tokenRevoked: 'token-revoked',
  badToken: 'bad-token',
  protocolMismatch: 'protocol-mismatch',
  duplicateName: 'duplicate-name',
} as const;
export type DisconnectReason = (typeof DISCONNECT_REASONS)[keyof typeof DISCONNECT_REASONS];
