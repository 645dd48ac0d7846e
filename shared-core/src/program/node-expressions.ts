import { compileExpression, type CompiledExpression } from '../expr/index.js';
import type { GraphNode } from '../graph/graph-node.js';
import { findNodeType } from '../graph/node-catalog.js';
import { RuntimeError } from '../dataflow/runtime-errors.js';

/**
 * Compiles a node's expressions with the signatures its catalog entry declares (the ones the
 * validator checked), keyed by their path in `params` (`fn`, `action.where`, ...).
 */
export function compileNodeExpressions(node: GraphNode): Map<string, CompiledExpression> {
  const compiled = new Map<string, CompiledExpression>();
  for (const slot of findNodeType(node.kind, node.type)?.expressions ?? []) {
    let source: unknown = node.params;
    for (const key of slot.path) source = (source as Record<string, unknown> | undefined)?.[key];
    if (typeof source !== 'string') continue;
    const result = compileExpression(source, { variables: slot.variables, result: slot.result });
    if (!result.ok) {
      throw new RuntimeError(
        `node ${node.id}: params.${slot.path.join('.')}: ${result.error.message}`,
      );
    }
    compiled.set(slot.path.join('.'), result.expr);
  }
  return compiled;
}
