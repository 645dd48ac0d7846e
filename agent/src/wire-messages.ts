import {
  ackMessageSchema,
  deltaMessageSchema,
  digestMessageSchema,
  variableRefSchema,
  type Refusal,
  type SyncEvent,
  type SyncMessages,
} from '@inflow/shared-core';
import { z } from 'zod';

// Replication messages as they cross the socket. The msgpack parser (notepack.io) writes a
// Buffer as msgpack `bin` and reads `bin` back as a Buffer, but writes any other typed array as
// an ArrayBuffer extension of its *whole* backing buffer, which arrives as an ArrayBuffer. So
// binary fields leave as Buffers over exactly their bytes, and arrive as whichever kind the
// peer sent, normalised to a Uint8Array.

/** A Buffer over exactly these bytes (no copy), which msgpack encodes as `bin`. */
export function toWireBytes(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Binary data from the wire (Buffer, Uint8Array or ArrayBuffer) as a Uint8Array, else undefined. */
export function fromWireBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return undefined;
}

/** A message ready to emit: its binary field as a Buffer. */
export function toWire<E extends SyncEvent>(event: E, message: SyncMessages[E]): SyncMessages[E] {
  if (event === 'delta') {
    const m = message as SyncMessages['delta'];
    const wire: SyncMessages['delta'] = { ...m, delta: toWireBytes(m.delta) };
    return wire as SyncMessages[E];
  }
  if (event === 'digest') {
    const m = message as SyncMessages['digest'];
    const wire: SyncMessages['digest'] = { ...m, digest: toWireBytes(m.digest) };
    return wire as SyncMessages[E];
  }
  return message;
}

const SCHEMAS: { [E in SyncEvent]: z.ZodType<SyncMessages[E]> } = {
  delta: deltaMessageSchema,
  ack: ackMessageSchema,
  digest: digestMessageSchema,
};

const { deployment, variable } = variableRefSchema.shape;

/** A message of this agent's that the hub refused, and why. */
export const refusalSchema: z.ZodType<Refusal> = z.object({
  event: z.string().max(64),
  code: z.string().max(64),
  reason: z.string(),
  deployment: deployment.optional(),
  variable: variable.optional(),
});

/** Whether a refused event is a replication message (one a runner sent). */
export const isSyncEvent = (event: string): event is SyncEvent => Object.hasOwn(SCHEMAS, event);

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Checks a message that arrived on the socket against its schema, binary fields normalised. */
export function parseInbound<E extends SyncEvent>(event: E, raw: unknown): Parsed<SyncMessages[E]> {
  let input = raw;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const field of ['delta', 'digest']) {
      if (field in copy) copy[field] = fromWireBytes(copy[field]) ?? copy[field];
    }
    input = copy;
  }
  return parseWith(SCHEMAS[event], input, `${event} message`);
}

/** A zod parse whose failure is one line naming every problem. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): Parsed<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`);
  return { ok: false, error: `invalid ${what}: ${problems.join('; ')}` };
}
