import { z } from 'zod';

// The payloads of delta-state anti-entropy, the same between an agent and the hub in both
// directions. States, deltas and digests travel as the shared-core binary encoding.

// Parsers hand binary over as a Uint8Array, a Node Buffer (a Uint8Array) or an ArrayBuffer;
// the core always gets a plain Uint8Array view.
const bytes = z
  .custom<Uint8Array | ArrayBuffer>(
    (x) => x instanceof Uint8Array || x instanceof ArrayBuffer,
    'expected binary data',
  )
  .transform((x) =>
    x instanceof ArrayBuffer
      ? new Uint8Array(x)
      : new Uint8Array(x.buffer, x.byteOffset, x.byteLength),
  );
const id = z.string().min(1).max(128);

/** Names one replicated variable of one deployment: the unit of a socket.io room. */
export const variableRefSchema = z.object({ deployment: id, variable: id });
export type VariableRef = z.output<typeof variableRefSchema>;

/**
 * A delta (or a join of deltas) for one variable. `seq` numbers the sender's deltas for that
 * variable, so the receiver can acknowledge them and the sender retransmit what was not.
 */
export const deltaMessageSchema = variableRefSchema.extend({
  seq: z.number().int().nonnegative(),
  delta: bytes,
});
export type DeltaMessage = z.output<typeof deltaMessageSchema>;

/**
 * The most bytes of encoded state one delta message carries. The control plane's socket.io
 * server closes a connection on a message over its maxHttpBufferSize (the 1 MiB REST body limit
 * by default), and a closed agent resends the same message on its next connection. The rest of
 * the message (names, seq, framing) needs room too, so this stays well below: a sender splits a
 * join to fit, and an update whose own delta is larger is refused before it is applied.
 */
export const MAX_DELTA_MESSAGE_BYTES = 768 * 1024;

/** The receiver has merged (and, at the hub, durably stored) delta `seq` of this variable. */
export const ackMessageSchema = variableRefSchema.extend({ seq: z.number().int().nonnegative() });
export type AckMessage = z.output<typeof ackMessageSchema>;

/** What a replica already has of a variable; the peer answers with exactly what is missing. */
export const digestMessageSchema = variableRefSchema.extend({ digest: bytes });
export type DigestMessage = z.output<typeof digestMessageSchema>;

/**
 * `bytes` backed by a buffer of exactly its length. msgpack encoders may write a typed array's
 * whole underlying buffer, not the view, so a view into a larger buffer (a slice of a received
 * packet, a writer's scratch space) is copied before it is sent.
 */
export function exactBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}
