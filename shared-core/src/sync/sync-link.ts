import type { AckMessage, DeltaMessage, DigestMessage } from '../protocol/replication-messages.js';

/** The replication payloads by event name: the same in both directions. */
export interface SyncMessages {
  delta: DeltaMessage;
  ack: AckMessage;
  digest: DigestMessage;
}
export type SyncEvent = keyof SyncMessages;

/**
 * The transport seam between a replica and the hub (a socket.io socket, or an in-memory pair in
 * tests), as tldraw's sync core takes its socket. Sending on a closed link is the caller's mistake;
 * callers check `isOpen` and rely on the (re)connect exchange for what they could not send.
 */
export interface SyncLink {
  readonly isOpen: boolean;
  send<E extends SyncEvent>(event: E, message: SyncMessages[E]): void;
}
