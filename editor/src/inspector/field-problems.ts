import type { GraphProblem } from '@inflow/shared-core';

const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length === b.length && a.every((k, i) => k === b[i]);

/** The problems whose `path` is exactly this field's place in the document. */
export function problemsAt(
  problems: readonly GraphProblem[],
  path: readonly (string | number)[],
): GraphProblem[] {
  return problems.filter((p) => p.path !== undefined && samePath(p.path, path));
}

/** A problem's message without the "node `x`: " prefix, which is redundant beside the node. */
export function shortMessage(p: GraphProblem): string {
  const prefix = p.nodeId === undefined ? '' : `node \`${p.nodeId}\`: `;
  return prefix !== '' && p.message.startsWith(prefix) ? p.message.slice(prefix.length) : p.message;
}
