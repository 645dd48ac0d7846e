import { compileExpression } from '../expr/index.js';
import type { GraphContext, KnownNode } from './graph-context.js';
import { GRAPH_LIMITS, utf8Length } from './graph-limits.js';
import type { GraphProblem } from './graph-problem.js';
import type { ExpressionSlot } from './node-type-spec.js';
import { nodeProblem } from './problem-builders.js';

function sourceAt(params: Record<string, unknown>, path: readonly string[]): unknown {
  let x: unknown = params;
  for (const key of path) {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined;
    x = (x as Record<string, unknown>)[key];
  }
  return x;
}

/** Compiles every expression in the graph; the CEL module type-checks it against its slot. */
export function validateExpressions(ctx: GraphContext, problems: GraphProblem[]): void {
  for (const entry of ctx.nodes.values()) {
    for (const slot of entry.spec.expressions) {
      const source = sourceAt(entry.node.params, slot.path);
      // Non-strings are reported by the params check.
      if (typeof source === 'string') checkExpression(entry, slot, source, problems);
    }
  }
}

function checkExpression(
  entry: KnownNode,
  slot: ExpressionSlot,
  source: string,
  problems: GraphProblem[],
): void {
  const name = `\`params.${slot.path.join('.')}\``;
  const path = ['nodes', entry.index, 'params', ...slot.path];
  const bytes = utf8Length(source);
  if (bytes > GRAPH_LIMITS.maxExpressionBytes) {
    const message = `${name} is ${bytes} bytes long; an expression may be at most ${GRAPH_LIMITS.maxExpressionBytes}`;
    problems.push(nodeProblem('too-large', entry, message, { path }));
    return;
  }
  let compiled: ReturnType<typeof compileExpression>;
  try {
    compiled = compileExpression(source, { variables: slot.variables, result: slot.result });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    problems.push(
      nodeProblem('bad-expression', entry, `${name} could not be compiled: ${reason}`, { path }),
    );
    return;
  }
  if (compiled.ok) return;
  const { message, line, column, offset } = compiled.error;
  problems.push(
    nodeProblem('bad-expression', entry, `${name} (${entry.node.type}): ${message}`, {
      path,
      position: { line, column, offset },
    }),
  );
}
