import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Decoder } from 'socket.io-msgpack-parser';
import type { SyncTrafficModel } from './sync-traffic-model.js';
import { now } from './worker-protocol.js';
import { WsReader } from './ws-reader.js';

export interface ConnectionBytes {
  /** The agent's name, from its socket.io handshake (undefined until it is seen). */
  agent: string | undefined;
  up: number;
  down: number;
}

const BINARY = 2;
const SOCKET_IO_CONNECT = 0;
const SOCKET_IO_EVENT = 2;

/**
 * A TCP proxy on loopback between agents and the control plane that counts every byte each way
 * (HTTP upgrade, WebSocket frames, socket.io packets: deltas, acks, digests, heartbeats,
 * metrics) and reads the socket.io packets to feed each `delta` to the full-state model.
 */
export class WireMeter {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  readonly connections: ConnectionBytes[] = [];
  /** A packet the meter could not read (the run fails rather than report wrong bytes). */
  error: Error | undefined;
  /** Per agent and variable: the hub's deltas it has not acknowledged yet, by seq. */
  private readonly pending = new Map<string, Set<number>>();
  private readonly settled = new Map<string, number>();

  constructor(
    private readonly targetPort: number,
    private readonly model: SyncTrafficModel,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  totals(): { up: number; down: number } {
    let up = 0;
    let down = 0;
    for (const c of this.connections) {
      up += c.up;
      down += c.down;
    }
    return { up, down };
  }

  /**
   * When `agent` last acknowledged every delta of `variable` the hub had sent it (an agent acks
   * a delta once merged), and whether some are outstanding now.
   */
  settledAt(agent: string, variable: string): { at: number | undefined; outstanding: number } {
    const key = `${agent}\u0000${variable}`;
    return { at: this.settled.get(key), outstanding: this.pending.get(key)?.size ?? 0 };
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private relay(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    const bytes: ConnectionBytes = { agent: undefined, up: 0, down: 0 };
    this.connections.push(bytes);
    const readers = {
      up: new WsReader((opcode, payload) => this.packet(bytes, true, opcode, payload)),
      down: new WsReader((opcode, payload) => this.packet(bytes, false, opcode, payload)),
    };
    for (const [from, to, up] of [
      [client, upstream, true],
      [upstream, client, false],
    ] as const) {
      this.sockets.add(from);
      from.on('data', (chunk: Buffer) => {
        if (up) bytes.up += chunk.length;
        else bytes.down += chunk.length;
        (up ? readers.up : readers.down).push(chunk);
        if (!to.write(chunk)) {
          from.pause();
          to.once('drain', () => from.resume());
        }
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }

  private packet(bytes: ConnectionBytes, up: boolean, opcode: number, payload: Buffer): void {
    if (opcode !== BINARY) return; // engine.io's own packets (open, ping, pong) are text
    try {
      const decoder = new Decoder();
      decoder.on('decoded', (packet: { type: number; data?: unknown }) => {
        if (packet.type === SOCKET_IO_CONNECT && up) {
          const name = (packet.data as { name?: unknown } | undefined)?.name;
          if (typeof name === 'string') bytes.agent = name;
          return;
        }
        if (packet.type !== SOCKET_IO_EVENT || !Array.isArray(packet.data)) return;
        const [event, message] = packet.data as [unknown, WireMessage];
        if (event !== 'delta' && event !== 'ack') return;
        const { variable, seq } = message;
        if (typeof variable !== 'string' || typeof seq !== 'number' || !bytes.agent) {
          throw new Error(`a ${event} packet the meter cannot attribute`);
        }
        const key = `${bytes.agent}\u0000${variable}`;
        let pending = this.pending.get(key);
        if (!pending) this.pending.set(key, (pending = new Set()));
        if (event === 'ack') {
          if (up && pending.delete(seq) && pending.size === 0) this.settled.set(key, now());
          return;
        }
        const delta = wireBytes(message.delta);
        if (!delta) throw new Error('a delta packet without its bytes');
        if (!up) pending.add(seq);
        this.model.delta(bytes.agent, up, variable, delta);
      });
      decoder.add(payload);
    } catch (error) {
      this.error ??= error instanceof Error ? error : new Error(String(error));
    }
  }
}

interface WireMessage {
  variable?: unknown;
  seq?: unknown;
  delta?: unknown;
}

/** notepack reads msgpack `bin` as a Buffer and its ArrayBuffer extension as an ArrayBuffer. */
function wireBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return undefined;
}
