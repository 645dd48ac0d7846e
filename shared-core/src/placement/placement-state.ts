import type { ModelStream, PlacementModel } from './placement-model.js';

/**
 * An assignment being searched, with what its score needs kept up to date: per stream and agent
 * how many placed node replicas touch it, so a move is scored by looking at the moved node's own
 * streams only, whatever the size of the graph.
 *
 * Traffic of a stream = rate x (holders - 1) when it is written on an agent (the writer already
 * has each delta), rate x holders when it is written at the hub: the bytes/s the hub forwards.
 */
export class PlacementState {
  /** Per node, the agents its replicas run on. */
  readonly at: number[][];
  readonly load: number[];
  /** Per agent, the nodes with a replica there. */
  readonly residents: Set<number>[];
  traffic = 0;
  affinity = 0;
  private readonly k: number;
  private readonly counts: Int32Array;
  private readonly holders: Int32Array;

  constructor(readonly model: PlacementModel) {
    this.k = model.agents.length;
    this.at = model.nodes.map(() => []);
    this.load = model.agents.map(() => 0);
    this.residents = model.agents.map(() => new Set());
    this.counts = new Int32Array(model.streams.length * this.k);
    this.holders = new Int32Array(model.streams.length);
  }

  get score(): number {
    return this.traffic + this.affinity;
  }

  /** Sum of squared loads: lower is more even. */
  get balance(): number {
    return this.load.reduce((s, l) => s + l * l, 0);
  }

  hasRoom(agent: number): boolean {
    return (this.load[agent] as number) < (this.model.capacity[agent] as number);
  }

  add(node: number, agent: number): void {
    this.traffic += this.trafficDelta(node, -1, agent);
    this.affinity += this.affinityOf(node, agent);
    for (const s of this.model.nodes[node]?.streams ?? []) {
      const c = s * this.k + agent;
      if ((this.counts[c] as number)++ === 0) (this.holders[s] as number)++;
    }
    this.at[node]?.push(agent);
    (this.load[agent] as number)++;
    this.residents[agent]?.add(node);
  }

  remove(node: number, agent: number): void {
    this.traffic += this.trafficDelta(node, agent, -1);
    this.affinity -= this.affinityOf(node, agent);
    for (const s of this.model.nodes[node]?.streams ?? []) {
      const c = s * this.k + agent;
      if (--(this.counts[c] as number) === 0) (this.holders[s] as number)--;
    }
    const at = this.at[node] as number[];
    at.splice(at.indexOf(agent), 1);
    (this.load[agent] as number)--;
    this.residents[agent]?.delete(node);
  }

  move(node: number, from: number, to: number): void {
    this.remove(node, from);
    this.add(node, to);
  }

  /** The change of score if a replica of `node` went from `from` to `to` (-1: nowhere). */
  scoreDelta(node: number, from: number, to: number): number {
    const affinity =
      (to < 0 ? 0 : this.affinityOf(node, to)) - (from < 0 ? 0 : this.affinityOf(node, from));
    return this.trafficDelta(node, from, to) + affinity;
  }

  /**
   * The change of score if `i` went from `a` to `b` and `j` from `b` to `a`. A stream both touch
   * keeps its holders (each agent loses one toucher and gains one), so only the others count.
   */
  swapDelta(i: number, a: number, j: number, b: number): number {
    const si = this.model.nodes[i]?.streams ?? [];
    const sj = this.model.nodes[j]?.streams ?? [];
    let delta =
      this.affinityOf(i, b) - this.affinityOf(i, a) + this.affinityOf(j, a) - this.affinityOf(j, b);
    let x = 0;
    let y = 0;
    while (x < si.length || y < sj.length) {
      const s = si[x] ?? Infinity;
      const t = sj[y] ?? Infinity;
      if (s === t) [x, y] = [x + 1, y + 1];
      else if (s < t) [delta, x] = [delta + this.streamDelta(s, a, b), x + 1];
      else [delta, y] = [delta + this.streamDelta(t, b, a), y + 1];
    }
    return delta;
  }

  /** The change of balance if a replica went from `from` to `to` (-1: nowhere). */
  balanceDelta(from: number, to: number): number {
    const lf = from < 0 ? 0 : (this.load[from] as number);
    const lt = to < 0 ? 0 : (this.load[to] as number);
    if (from < 0) return 2 * lt + 1;
    if (to < 0) return 1 - 2 * lf;
    return 2 * (lt - lf) + 2;
  }

  trafficDelta(node: number, from: number, to: number): number {
    let delta = 0;
    for (const s of this.model.nodes[node]?.streams ?? []) delta += this.streamDelta(s, from, to);
    return delta;
  }

  /** The change of one stream's traffic if one of its touchers went from `from` to `to`. */
  private streamDelta(s: number, from: number, to: number): number {
    const base = s * this.k;
    const gained = to >= 0 && this.counts[base + to] === 0 ? 1 : 0;
    const lost = from >= 0 && this.counts[base + from] === 1 ? 1 : 0;
    if (gained === lost) return 0;
    const stream = this.model.streams[s] as ModelStream;
    const h = this.holders[s] as number;
    const own = stream.agentWritten ? 1 : 0;
    return stream.rate * (Math.max(h + gained - lost - own, 0) - Math.max(h - own, 0));
  }

  /** Whether `agent` already holds the stream (some node replica there touches it). */
  holds(stream: number, agent: number): boolean {
    return (this.counts[stream * this.k + agent] as number) > 0;
  }

  holderCount(stream: number): number {
    return this.holders[stream] as number;
  }

  private affinityOf(node: number, agent: number): number {
    const n = this.model.nodes[node];
    return n?.preferred && !n.preferred[agent] ? n.affinityWeight : 0;
  }

  snapshot(): number[][] {
    return this.at.map((a) => [...a]);
  }

  /** Puts the state back to a snapshot, moving only the replicas that differ. */
  restore(snapshot: readonly (readonly number[])[]): void {
    snapshot.forEach((want, node) => {
      const have = this.at[node] as number[];
      for (const a of [...have]) if (!want.includes(a)) this.remove(node, a);
      for (const a of want) if (!have.includes(a)) this.add(node, a);
    });
  }
}

/** The traffic of an assignment, computed from scratch (for checks and reports). */
export function trafficOf(model: PlacementModel, at: readonly (readonly number[])[]): number {
  let total = 0;
  model.streams.forEach((stream, s) => {
    const holders = new Set<number>();
    for (const node of model.touchedBy[s] ?? []) for (const a of at[node] ?? []) holders.add(a);
    total += stream.rate * Math.max(holders.size - (stream.agentWritten ? 1 : 0), 0);
  });
  return total;
}
