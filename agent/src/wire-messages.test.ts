import { describe, expect, it } from 'vitest';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { fromWireBytes, parseInbound, toWire } from './wire-messages.js';

/** One event through the real msgpack parser, as socket.io sends and receives it. */
function roundTrip(data: unknown[]): unknown[] {
  // The typings say ArrayBuffer; the parser returns the packet in a one-element array.
  const [encoded] = new msgpackParser.Encoder().encode({
    type: 2,
    nsp: '/agent',
    data,
  }) as unknown as [Uint8Array];
  const decoder = new msgpackParser.Decoder();
  let packet: { data: unknown[] } | undefined;
  decoder.on('decoded', (p: { data: unknown[] }) => (packet = p));
  decoder.add(encoded);
  if (!packet) throw new Error('nothing decoded');
  return packet.data;
}

describe('replication messages on the wire', () => {
  it('sends exactly the bytes of a view into a larger buffer, and reads them back', () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const message = { deployment: 'd', variable: 'v', seq: 4, delta: backing.subarray(2, 5) };
    const [event, received] = roundTrip(['delta', toWire('delta', message)]);
    expect(event).toBe('delta');
    const parsed = parseInbound('delta', received);
    expect(parsed).toEqual({ ok: true, value: { ...message, delta: new Uint8Array([1, 2, 3]) } });
  });

  it('reads binary sent as a plain typed array (an ArrayBuffer on arrival) too', () => {
    const digest = new Uint8Array([5, 6]);
    const [, received] = roundTrip(['digest', { deployment: 'd', variable: 'v', digest }]);
    const parsed = parseInbound('digest', received);
    expect(parsed.ok && parsed.value.digest).toEqual(new Uint8Array([5, 6]));
    expect(fromWireBytes('not bytes')).toBeUndefined();
  });

  it('refuses malformed messages with a specific reason, whatever their shape', () => {
    expect(parseInbound('ack', { deployment: 'd', variable: 'v', seq: -1 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('seq'),
    });
    expect(parseInbound('delta', { deployment: 'd', variable: 'v', seq: 1, delta: 'x' })).toEqual({
      ok: false,
      error: 'invalid delta message: delta: expected binary data',
    });
    for (const raw of [null, 42, 'delta', [1, 2], {}]) {
      expect(parseInbound('digest', raw).ok).toBe(false);
    }
  });
});
