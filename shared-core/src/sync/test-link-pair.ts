import { ByteReader } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import type { Prng } from '../simulation/prng.js';
import type { SyncEvent, SyncLink, SyncMessages } from './sync-link.js';

export type Side = 'agent' | 'hub';

export interface LinkFaults {
  /** Probability that a delivery is lost. */
  drop: number;
  /** Probability that a delivered message is queued again, to arrive a second time. */
  duplicate: number;
  /** Deliver a random queued message instead of the oldest (both directions). */
  reorder: boolean;
}

export const NO_FAULTS: LinkFaults = { drop: 0, duplicate: 0, reorder: false };

type Handler = <E extends SyncEvent>(event: E, message: SyncMessages[E]) => void;

/** What crossed a link in one direction, as the test sees it once decoded. */
export interface Sent {
  readonly from: Side;
  readonly event: SyncEvent;
  readonly message: SyncMessages[SyncEvent];
}

/**
 * Two ends of an in-memory link between an agent and the hub, in the style of tldraw's
 * TestSocketPair: sends are queued and delivered only when the test says so, every message
 * crosses as bytes (so no object is shared between the ends), and faults are injected from a
 * seeded PRNG. A disconnect loses whatever is in flight, as a dropped socket does.
 */
export class TestLinkPair {
  private readonly queues: Record<Side, Uint8Array[]> = { agent: [], hub: [] };
  private open = true;
  readonly agentLink: SyncLink;
  readonly hubLink: SyncLink;
  /** Every message sent while open, by either side, for assertions on traffic. */
  readonly sent: Sent[] = [];
  onAgent: Handler = () => {};
  onHub: Handler = () => {};
  /** Hears every send as it happens (a test measuring traffic reads the sender's state here). */
  onSend: (from: Side, event: SyncEvent, message: SyncMessages[SyncEvent]) => void = () => {};
  faults: LinkFaults;

  constructor(
    readonly name: string,
    private readonly rng: Prng,
    faults: LinkFaults,
    private readonly log: string[] = [],
  ) {
    this.faults = { ...faults };
    this.agentLink = this.end('agent');
    this.hubLink = this.end('hub');
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Messages in flight in both directions. */
  get pending(): number {
    return this.queues.agent.length + this.queues.hub.length;
  }

  disconnect(): void {
    this.open = false;
    this.queues.agent.length = 0;
    this.queues.hub.length = 0;
    this.log.push(`${this.name}: disconnect`);
  }

  reconnect(): void {
    this.open = true;
    this.log.push(`${this.name}: reconnect`);
  }

  /** Delivers (or loses) one message from a random non-empty direction; false if none waits. */
  step(): boolean {
    const sides = (['agent', 'hub'] as const).filter((s) => this.queues[s].length > 0);
    if (sides.length === 0) return false;
    const from = this.rng.pick(sides);
    const queue = this.queues[from];
    const i = this.faults.reorder ? this.rng.int(queue.length) : 0;
    const [bytes] = queue.splice(i, 1) as [Uint8Array];
    const { event, message } = decodePacket(bytes);
    const what = `${this.name} ${from === 'agent' ? '→hub' : '→agent'} ${describe(event, message)}`;
    if (this.rng.chance(this.faults.drop)) {
      this.log.push(`${what} DROPPED`);
      return true;
    }
    if (this.rng.chance(this.faults.duplicate)) queue.push(bytes);
    this.log.push(what);
    (from === 'agent' ? this.onHub : this.onAgent)(event, message);
    return true;
  }

  private end(side: Side): SyncLink {
    const isOpen = () => this.open;
    const send = <E extends SyncEvent>(event: E, message: SyncMessages[E]): void => {
      if (!this.open) throw new Error(`${this.name}: send on a closed link`);
      const bytes = encodePacket(event, message);
      this.sent.push({ from: side, event, message: decodePacket(bytes).message });
      this.onSend(side, event, message);
      this.queues[side].push(bytes);
    };
    return {
      get isOpen() {
        return isOpen();
      },
      send,
    };
  }
}

function describe(event: SyncEvent, m: SyncMessages[SyncEvent]): string {
  if ('delta' in m) return `delta ${m.variable}#${m.seq} (${m.delta.length} B)`;
  if ('digest' in m) return `digest ${m.variable} (${m.digest.length} B)`;
  return `${event} ${m.variable}#${m.seq}`;
}

const EVENTS: readonly SyncEvent[] = ['delta', 'ack', 'digest'];

/** A replication message as bytes (the test link's stand-in for socket.io's msgpack parser). */
export function encodePacket<E extends SyncEvent>(event: E, message: SyncMessages[E]): Uint8Array {
  const w = new ByteWriter();
  w.byte(EVENTS.indexOf(event));
  w.string(message.deployment);
  w.string(message.variable);
  if ('seq' in message) w.uint(message.seq);
  if ('delta' in message) w.bytes(message.delta);
  if ('digest' in message) w.bytes(message.digest);
  return w.finish();
}

function decodePacket(bytes: Uint8Array): { event: SyncEvent; message: SyncMessages[SyncEvent] } {
  const r = new ByteReader(bytes);
  const event = EVENTS[r.byte()] as SyncEvent;
  const ref = { deployment: r.string(), variable: r.string() };
  if (event === 'digest') return { event, message: { ...ref, digest: r.bytes() } };
  const seq = r.uint();
  if (event === 'ack') return { event, message: { ...ref, seq } };
  return { event, message: { ...ref, seq, delta: r.bytes() } };
}
