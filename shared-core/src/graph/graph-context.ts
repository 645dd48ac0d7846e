import type { NodeTypeSpec, InputHandleSpec, OutputHandleSpec } from './node-type-spec.js';
import type { IndexedEdge, IndexedNode } from './validate-shape.js';

/** A well-formed node of a known type. */
export interface KnownNode extends IndexedNode {
  spec: NodeTypeSpec;
  /** Whether `params` passed the type's schema; port types of nodes with bad params are unknown. */
  paramsOk: boolean;
}

/** A well-formed edge whose two ends and handles exist. */
export interface ResolvedEdge extends IndexedEdge {
  source: KnownNode;
  target: KnownNode;
  output: OutputHandleSpec;
  input: InputHandleSpec;
}

/** What the semantic checks work on: only the parts that are sound enough to reason about. */
export interface GraphContext {
  /** By id; for a duplicated id, the first node that has it. */
  nodes: ReadonlyMap<string, KnownNode>;
  edges: readonly ResolvedEdge[];
  /** Every edge end named by the input (`node/handle`), malformed edges included. */
  connectedInputs: ReadonlySet<string>;
  connectedOutputs: ReadonlySet<string>;
}

export const endKey = (nodeId: string, handleId: string) => `${nodeId}/${handleId}`;
/** Stands for the handle of an edge that names none; node ids cannot contain `*`. */
export const ANY_HANDLE = '*';

export const isConnected = (ends: ReadonlySet<string>, nodeId: string, handleId: string) =>
  ends.has(endKey(nodeId, handleId)) || ends.has(endKey(nodeId, ANY_HANDLE));
