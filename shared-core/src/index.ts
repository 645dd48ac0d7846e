export * from './encoding/index.js';
export * from './values/index.js';

export {
  OpError,
  type AnyCrdtType,
  type CrdtType,
  type DigestCodec,
  type Lattice,
  type Operation,
  type ReplicaId,
} from './crdt/crdt-type.js';
export {
  decodeDigest,
  decodeState,
  encodeDigest,
  encodeState,
  ENCODING_VERSION,
  join,
  lt,
  update,
} from './crdt/lattice.js';
export { crdtType } from './crdt/registry.js';
export { replicaIdSchema } from './crdt/replica-id.js';
export {
  CAUSAL_TYPES,
  COUNTER_TYPES,
  SET_TYPES,
  TYPE_NAMES,
  typeSpecSchema,
  typeSpecToString,
  type TypeName,
  type TypeSpec,
} from './crdt/type-spec.js';
export { createAwMap } from './crdt/awmap.js';
export { awset, type AwSetState } from './crdt/awset.js';
export { boolean } from './crdt/boolean.js';
export { dwflag } from './crdt/dwflag.js';
export { ewflag } from './crdt/ewflag.js';
export { mvregister } from './crdt/mvregister.js';
export { gcounter } from './crdt/gcounter.js';
export { createGMap } from './crdt/gmap.js';
export { gset } from './crdt/gset.js';
export { ivar } from './crdt/ivar.js';
export { lwwregister } from './crdt/lwwregister.js';
export { maxint } from './crdt/maxint.js';
export { orset, type OrSetEntries, type OrSetEntry, type OrSetState } from './crdt/orset.js';
export { createPair } from './crdt/pair.js';
export { pncounter } from './crdt/pncounter.js';
export { createTopK, type TopKEntry } from './crdt/topk.js';
export { twopset } from './crdt/twopset.js';

export { AGGREGATE_KINDS, type AggregateKind } from './dataflow/aggregates/aggregate.js';
export { chooseExecutor } from './dataflow/executor.js';
export type { InputChange, Process } from './dataflow/process.js';
export {
  Runtime,
  type DeltaOrigin,
  type RuntimeOptions,
  type VariableEvent,
} from './dataflow/runtime.js';
export {
  clipText,
  elementText,
  ElementError,
  MAX_ELEMENT_TEXT,
  RuntimeError,
  type RuntimeIssue,
} from './dataflow/runtime-errors.js';
export type { Threshold } from './dataflow/threshold.js';
export { createLasp, Lasp, type ThresholdInput } from './facade/lasp.js';
export { Prng } from './simulation/prng.js';
export {
  SimNetwork,
  type NetworkFaults,
  type SimNetworkOptions,
} from './simulation/sim-network.js';

export * from './expr/index.js';

export { graphDocumentSchema, type GraphDocument } from './graph/graph-document.js';
export { graphEdgeSchema, type GraphEdge } from './graph/graph-edge.js';
export {
  agentNameSchema,
  graphNodeSchema,
  NODE_KINDS,
  type GraphNode,
  type NodeKind,
  type Placement,
} from './graph/graph-node.js';
export {
  GRAPH_PROBLEM_CODES,
  isDraftProblem,
  type GraphDraftValidation,
  type GraphProblem,
  type GraphProblemCode,
  type GraphValidation,
} from './graph/graph-problem.js';
export { GRAPH_FORMAT, GRAPH_VERSION, migrateGraph } from './graph/graph-version.js';
export { graphJsonSchema } from './graph/graph-json-schema.js';
export { findNodeType, NODE_CATALOG, nodeTypesOfKind } from './graph/node-catalog.js';
export type { NodeTypeSpec } from './graph/node-type-spec.js';
export { parseGraphDraftJson, parseGraphJson } from './graph/parse-graph-json.js';
export { validateGraph, validateGraphDraft } from './graph/validate-graph.js';
export { GRAPH_LIMITS, utf8Length } from './graph/graph-limits.js';
export * from './graph/carried-variables.js';

export {
  installGraph,
  SET_OPERATORS,
  type EffectRequest,
  type GraphProgram,
  type GraphProgramOptions,
  type GraphShare,
  type SinkDelivery,
} from './program/graph-program.js';
export {
  agentShare,
  latticeVariables,
  replicatedVariables,
  type LatticeVariables,
} from './program/deployment-share.js';
export * from './protocol/index.js';
export { needsTrust } from './placement/hard-constraints.js';
export { placeGraph } from './placement/place-graph.js';
export { formatRate, formatRateFigure } from './placement/explain-placement.js';
export type {
  CandidateScore,
  NodeExplanation,
  PlacementAgent,
  PlacementConstraint,
  PlacementOptions,
  PlacementPlan,
  PlacementProblem,
  PlacementResult,
  StreamRate,
} from './placement/placement-types.js';
export * from './sync/index.js';
export * from './lifecycle/graceful-stop.js';
