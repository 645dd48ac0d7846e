import type { AnyCrdtType } from '../crdt/crdt-type.js';
import { decodeState, encodeState, join } from '../crdt/lattice.js';
import type { Runtime } from '../dataflow/runtime.js';
import type { Prng } from './prng.js';

interface Message {
  seq: number;
  from: number;
  to: number;
  variable: string;
  bytes: Uint8Array;
}

export interface NetworkFaults {
  /** Probability that a delivery attempt is lost (the sender retransmits until acknowledged). */
  loss: number;
  /** Probability that a delivered message is delivered again later. */
  duplicate: number;
  /**
   * Probability that a delivery carries, joined into one delta, every due message for the same
   * replica and variable (as a sender that batches its delta buffer does).
   */
  batch?: number;
}

export interface SimNetworkOptions extends NetworkFaults {
  /** Ticks a message may take: each send is due after a uniform 0..latency ticks (default 0). */
  latency?: number;
  /** Which variables travel (default: all replicated ones; a program may compute derived ones locally). */
  replicate?: (variable: string) => boolean;
  /**
   * A hub topology: replicas send only to the hub, which merges and forwards what is new to every
   * other replica (as Inflow's control plane does). Without it, every replica sends to every other.
   */
  hub?: number;
}

/**
 * A simulated network between runtimes, in the style of Yjs's TestConnector, for tests and for
 * programs that simulate many replicas in one process. Every delta a replica produces (not the
 * ones it received: no back-propagation) is encoded and sent. `step` delivers one due message chosen
 * at random, so delivery reorders; a lost message is sent again later (deltas are retransmitted
 * until acknowledged); a delivered one may be duplicated; a partition holds messages until healed.
 */
export class SimNetwork {
  private now = 0;
  private seq = 0;
  private ready: Message[] = [];
  private scheduled = new Map<number, Message[]>();
  private held: Message[] = [];
  private cut = new Set<string>();
  private readonly faults: NetworkFaults;
  private readonly latency: number;
  private readonly hub: number | undefined;
  readonly log: string[] = [];

  constructor(
    private readonly replicas: readonly Runtime[],
    private readonly rng: Prng,
    options: SimNetworkOptions,
  ) {
    this.faults = { loss: options.loss, duplicate: options.duplicate, batch: options.batch ?? 0 };
    this.latency = options.latency ?? 0;
    this.hub = options.hub;
    const replicate = options.replicate ?? (() => true);
    replicas.forEach((runtime, from) => {
      runtime.onDelta((variable, delta, origin) => {
        if (origin === 'remote' || !replicate(variable)) return;
        const bytes = encodeState(runtime.typeOf(variable) as AnyCrdtType, delta);
        const targets =
          this.hub === undefined || from === this.hub ? this.others(from) : [this.hub];
        for (const to of targets) this.send({ seq: this.seq++, from, to, variable, bytes });
      });
    });
  }

  get pending(): number {
    let n = this.ready.length + this.held.length;
    for (const bucket of this.scheduled.values()) n += bucket.length;
    return n;
  }

  get time(): number {
    return this.now;
  }

  private others(except: number, alsoExcept = except): number[] {
    return this.replicas.map((_, i) => i).filter((i) => i !== except && i !== alsoExcept);
  }

  private send(message: Message, minDelay = 0): void {
    const at = this.now + minDelay + this.rng.int(this.latency + 1);
    if (at <= this.now) this.ready.push(message);
    else {
      const bucket = this.scheduled.get(at);
      if (bucket) bucket.push(message);
      else this.scheduled.set(at, [message]);
    }
  }

  partition(a: number, b: number): void {
    this.cut.add(`${a}-${b}`).add(`${b}-${a}`);
    this.log.push(`partition ${a}|${b}`);
  }

  healAll(): void {
    this.cut.clear();
    this.ready.push(...this.held.splice(0));
    this.log.push('heal');
  }

  /** Advances the clock one tick: the messages due now become deliverable. */
  tick(): void {
    this.now++;
    const due = this.scheduled.get(this.now);
    if (due) {
      this.scheduled.delete(this.now);
      this.ready.push(...due);
    }
  }

  /** Delivers (or loses) one due message; returns false when none is due. */
  step(): boolean {
    if (this.ready.length === 0) return false;
    const i = this.rng.int(this.ready.length);
    const message = this.ready[i] as Message;
    this.ready[i] = this.ready[this.ready.length - 1] as Message;
    this.ready.pop();
    if (this.cut.has(`${message.from}-${message.to}`)) {
      this.held.push(message);
      return true;
    }
    if (this.rng.chance(this.faults.loss)) {
      this.log.push(`lose #${message.seq} ${message.variable} ${message.from}->${message.to}`);
      this.send(message, 1);
      return true;
    }
    if (this.rng.chance(this.faults.duplicate)) this.send({ ...message, seq: this.seq++ }, 1);
    this.deliver(this.rng.chance(this.faults.batch ?? 0) ? this.batchWith(message) : message);
    return true;
  }

  /** Joins every other due message for the same replica and variable into `message`. */
  private batchWith(message: Message): Message {
    const type = (this.replicas[message.to] as Runtime).typeOf(message.variable) as AnyCrdtType;
    const same = (m: Message) =>
      m.to === message.to && m.variable === message.variable && !this.cut.has(`${m.from}-${m.to}`);
    const batch = this.ready.filter(same);
    if (batch.length === 0) return message;
    this.ready = this.ready.filter((m) => !same(m));
    let joined = this.decode(type, message.bytes);
    for (const m of batch) joined = join(type, joined, this.decode(type, m.bytes));
    this.log.push(`batch #${[message, ...batch].map((m) => m.seq).join(',#')}`);
    // A batch from several senders is forwarded by the hub as if the first sender sent it.
    return { ...message, bytes: encodeState(type, joined) };
  }

  private decode(type: AnyCrdtType, bytes: Uint8Array): unknown {
    const decoded = decodeState(type, bytes);
    if (!decoded.ok) throw decoded.error;
    return decoded.value;
  }

  private deliver(message: Message): void {
    const target = this.replicas[message.to] as Runtime;
    const value = this.decode(target.typeOf(message.variable) as AnyCrdtType, message.bytes);
    const grew = target.merge(message.variable, value);
    this.log.push(`deliver #${message.seq} ${message.variable} ${message.from}->${message.to}`);
    if (grew && message.to === this.hub) {
      for (const to of this.others(this.hub, message.from)) {
        this.send({ ...message, seq: this.seq++, from: this.hub, to });
      }
    }
  }

  /** Heals every partition and delivers everything without faults: the end of an eventually reliable run. */
  settle(): void {
    this.healAll();
    const faults = { ...this.faults };
    Object.assign(this.faults, { loss: 0, duplicate: 0 });
    while (this.pending > 0) {
      while (this.step());
      if (this.scheduled.size > 0) this.now = Math.min(...this.scheduled.keys()) - 1;
      this.tick();
    }
    Object.assign(this.faults, faults);
  }
}
