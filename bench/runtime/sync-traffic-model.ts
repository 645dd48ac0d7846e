import { decodeState, encodeState, type AnyCrdtType } from '@inflow/shared-core';

export interface VariableTraffic {
  /** Delta messages seen on the wire (agent → hub and hub → agent). */
  messages: number;
  /** Their delta payload bytes, as measured. */
  deltaBytes: number;
  /** The part of `deltaBytes` the hub sent (forwards and digest answers). */
  deltaBytesDown: number;
  /** The same messages under full-state sync: the sender's whole state of the variable. */
  fullStateBytes: number;
}

/**
 * The full-state counterpart of a delta-sync run, message for message. It rebuilds every
 * replica's state (each agent's and the hub's) from the deltas it sees cross the wire, and
 * prices each delta message at what state-based anti-entropy would have sent instead: the
 * sender's whole state of that variable at that moment. The message schedule (one per agent
 * per sync interval with changes, one forward per other room member) is kept as it was.
 */
export class SyncTrafficModel {
  private readonly hub = new Map<string, { state: unknown; size: number | undefined }>();
  private readonly agents = new Map<string, Map<string, unknown>>();
  readonly traffic = new Map<string, VariableTraffic>();

  constructor(private readonly types: ReadonlyMap<string, AnyCrdtType>) {}

  /** A delta message `agent` sent (`up`) or the hub sent to `agent`. */
  delta(agent: string, up: boolean, variable: string, bytes: Uint8Array): void {
    const type = this.types.get(variable);
    if (!type) throw new Error(`a delta for ${variable}, which the deployment does not replicate`);
    const decoded = decodeState(type, bytes);
    if (!decoded.ok) throw new Error(`an unreadable delta for ${variable} on the wire`);
    let replicas = this.agents.get(agent);
    if (!replicas) this.agents.set(agent, (replicas = new Map()));
    let replica = replicas.get(variable);
    if (replica === undefined) replicas.set(variable, (replica = type.bottom()));
    type.mergeInto(replica, decoded.value);
    let hub = this.hub.get(variable);
    if (!hub) this.hub.set(variable, (hub = { state: type.bottom(), size: undefined }));
    // The hub forwards one delta to every other member: its size is computed once per change.
    if (!type.leq(decoded.value, hub.state)) {
      type.mergeInto(hub.state, decoded.value);
      hub.size = undefined;
    }
    const full = up
      ? encodeState(type, replica).length
      : (hub.size ??= encodeState(type, hub.state).length);
    let t = this.traffic.get(variable);
    if (!t)
      this.traffic.set(
        variable,
        (t = { messages: 0, deltaBytes: 0, deltaBytesDown: 0, fullStateBytes: 0 }),
      );
    t.messages++;
    t.deltaBytes += bytes.length;
    if (!up) t.deltaBytesDown += bytes.length;
    t.fullStateBytes += full;
  }
}
