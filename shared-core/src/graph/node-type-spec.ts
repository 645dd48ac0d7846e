import type { z } from 'zod';
import type { ExprType } from '../expr/expr-type.js';
import type { NodeKind } from './graph-node.js';
import type { InputAccepts, OutputCarries } from './port-type.js';

export interface InputHandleSpec {
  id: string;
  description: string;
  accepts: InputAccepts;
  /** Whether several edges may enter (a variable's `in`); otherwise at most one. */
  multiple: boolean;
  /** Whether the node cannot run without an edge here. */
  required: boolean;
}

export interface OutputHandleSpec {
  id: string;
  description: string;
  carries: OutputCarries;
  /** Whether the node is pointless without an edge leaving here (a trigger's action). */
  required: boolean;
}

/** A CEL expression among a node's params, with the variables it sees and the type it yields. */
export interface ExpressionSlot {
  /** Where the source text sits inside `params`. */
  path: readonly string[];
  variables: Readonly<Record<string, ExprType>>;
  result: ExprType;
  description: string;
}

/** Everything the editor and the validator know about one node type, as data. */
export interface NodeTypeSpec {
  kind: NodeKind;
  type: string;
  label: string;
  description: string;
  inputs: readonly InputHandleSpec[];
  outputs: readonly OutputHandleSpec[];
  params: z.ZodType;
  /** Valid params for a freshly dropped node. */
  defaultParams: Readonly<Record<string, unknown>>;
  expressions: readonly ExpressionSlot[];
  /** Acts on the world outside the graph, so it may only run on trusted agents. */
  sideEffects: boolean;
}
