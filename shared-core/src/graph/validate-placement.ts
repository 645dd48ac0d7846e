import type { GraphContext, KnownNode } from './graph-context.js';
import type { Placement } from './graph-node.js';
import type { GraphProblem } from './graph-problem.js';
import { nodeProblem } from './problem-builders.js';
import { isDynamicVariable } from './variable-params.js';

function sameSelector(a: Placement['selector'], b: Placement['selector']): boolean {
  const ea = Object.entries(a ?? {});
  return ea.length === Object.keys(b ?? {}).length && ea.every(([k, v]) => b?.[k] === v);
}

/**
 * Whether `consumer` runs next to every replica of the dynamic variable `variable`, so that it
 * reads the local state and nothing needs to be replicated.
 */
function colocated(variable: Placement | undefined, consumer: Placement | undefined): boolean {
  if (variable?.each) {
    return (
      consumer?.each === true && !consumer.pin && sameSelector(variable.selector, consumer.selector)
    );
  }
  return variable?.pin !== undefined && consumer?.pin === variable.pin && !consumer.each;
}

const describeSelector = (p: Placement | undefined) => JSON.stringify(p?.selector ?? {});

/** Dynamic variables read only where they live, and side effects only on trusted agents. */
export function validatePlacement(ctx: GraphContext, problems: GraphProblem[]): void {
  for (const edge of ctx.edges) {
    const variable = edge.source;
    if (!isDynamicVariable(variable.node) || edge.output.carries === 'action') continue;
    const consumer = edge.target;
    if (consumer.node.type === 'fold_dynamic') continue;
    const [vp, cp] = [variable.node.placement, consumer.node.placement];
    if (colocated(vp, cp)) continue;
    const fix = vp?.each
      ? `give \`${consumer.node.id}\` placement each: true with the same selector ${describeSelector(vp)}`
      : vp?.pin
        ? `pin \`${consumer.node.id}\` to the same agent (${vp.pin})`
        : `place both on every matching agent (each: true) or pin both to one agent`;
    const message =
      `a dynamic variable is never replicated, so \`${consumer.node.id}\` can only read it on the same agent: ` +
      `${fix}, or aggregate it with fold_dynamic`;
    problems.push(nodeProblem('dynamic-consumer', variable, message, { edgeId: edge.edge.id }));
  }
  for (const entry of ctx.nodes.values()) {
    if (entry.spec.sideEffects && !entry.node.placement?.trustedOnly) {
      problems.push(sideEffectProblem(entry));
    }
  }
}

const sideEffectProblem = (entry: KnownNode): GraphProblem =>
  nodeProblem(
    'trusted-only',
    entry,
    `a ${entry.node.type} sink acts outside the graph, so it may only run on trusted agents: set \`placement.trustedOnly\``,
    { path: ['nodes', entry.index, 'placement', 'trustedOnly'] },
  );
