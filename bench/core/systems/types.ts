/** What one W1 trial measured, before it is turned into rates and per-element figures. */
export interface SetTrial {
  /** Both replicas' adds, each add its own operation emitting its own delta. */
  addMs: number;
  /** Sum of every add's encoded delta size (NaN when the trial did not encode deltas). */
  deltaBytes: number;
  /** Each replica merges the other's pre-merge replica with the library's merge primitive. */
  mergeMs: number;
  /** Each replica's full state encoded, decoded on the other side and merged. */
  syncMs: number;
  /** Full-state encoding of the merged replica. */
  stateBytes: number;
  /** Elements in the merged replica (checked against the expected count). */
  size: number;
}

export interface SetSystem {
  name: string;
  /** Peers whose add cost grows with the set run on fewer elements per replica (never extrapolated). */
  maxPerReplica?: number;
  /** True when the per-op API returns a delta object that still has to be encoded for the wire. */
  objectDeltas: boolean;
  /** At most this many measured trials (slow systems, within the case budget anyway). */
  trials?: number;
  /** When true the system only has an adds/s figure (a batched variant, not a per-op system). */
  addsOnly?: boolean;
  trial(a: readonly string[], b: readonly string[], encodeDeltas: boolean): SetTrial;
}

export interface CounterTrial {
  incrementMs: number;
  mergeMs: number;
  stateBytes: number;
  value: number;
}

export interface CounterSystem {
  name: string;
  /** Peers too slow for the full count run on this many increments per replica, extrapolated. */
  maxPerReplica?: number;
  trial(replicas: number, perReplica: number): CounterTrial;
}

/** Replica ids shared by the counter adapters, so every system names its replicas alike. */
export const replicaName = (i: number): string => `r${String(i).padStart(2, '0')}`;
