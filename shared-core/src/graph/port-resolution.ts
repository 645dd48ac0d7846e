import type { KnownNode } from './graph-context.js';
import type { GraphNode } from './graph-node.js';
import { findNodeType } from './node-catalog.js';
import { foldDynamicParamsSchema, foldParamsSchema } from './node-params.js';
import type { OutputHandleSpec } from './node-type-spec.js';
import type { PortType } from './port-type.js';
import { isDynamicVariable, variableTypeSpec } from './variable-params.js';
import type { TypeSpec } from '../crdt/type-spec.js';

/** The TypeSpec a variable node holds, or undefined for other nodes and for bad params. */
export const nodeTypeSpec = (entry: KnownNode): TypeSpec | undefined =>
  entry.node.kind === 'variable' && entry.paramsOk ? variableTypeSpec(entry.node) : undefined;

/** What leaves a node's output handle, or undefined when its params are too broken to tell. */
export function outputPortType(entry: KnownNode, output: OutputHandleSpec): PortType | undefined {
  switch (output.carries) {
    case 'action':
      return { port: 'action' };
    case 'orset':
      return { port: 'state', spec: { name: 'orset' } };
    case 'own-type': {
      const spec = nodeTypeSpec(entry);
      if (!spec) return undefined;
      return isDynamicVariable(entry.node)
        ? { port: 'state', spec, dynamic: true }
        : { port: 'state', spec };
    }
    case 'fold-result': {
      const schema =
        entry.node.type === 'fold_dynamic' ? foldDynamicParamsSchema : foldParamsSchema;
      const parsed = schema.safeParse(entry.node.params);
      if (!parsed.success) return undefined;
      const { aggregate, k } = parsed.data;
      if (aggregate !== 'topk') return { port: 'value' };
      return k === undefined ? undefined : { port: 'state', spec: { name: 'topk', k } };
    }
  }
}

/** What leaves `handleId` of a node, for the editor (handle colours, connection hints). */
export function nodeOutputType(node: GraphNode, handleId: string): PortType | undefined {
  const spec = findNodeType(node.kind, node.type);
  const output = spec?.outputs.find((h) => h.id === handleId);
  if (!spec || !output) return undefined;
  const paramsOk = spec.params.safeParse(node.params).success;
  return outputPortType({ node, index: -1, spec, paramsOk }, output);
}
