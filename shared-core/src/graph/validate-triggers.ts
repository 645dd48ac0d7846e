import { COUNTER_TYPES, SET_TYPES, typeSpecToString, type TypeSpec } from '../crdt/type-spec.js';
import type { GraphContext, KnownNode } from './graph-context.js';
import type { GraphProblem } from './graph-problem.js';
import { triggerParamsSchema, type TriggerParams } from './node-params.js';
import { nodeTypeSpec, outputPortType } from './port-resolution.js';
import { nodeProblem } from './problem-builders.js';
import { TYPE_OPS } from './type-ops.js';

const isCounter = (s: TypeSpec) => (COUNTER_TYPES as readonly string[]).includes(s.name);
const isSet = (s: TypeSpec) => (SET_TYPES as readonly string[]).includes(s.name);
const COUNTERS = ['a counter', 'counters', '(gcounter, pncounter or maxint)'] as const;
const SETS = ['a set', 'sets', '(gset, twopset, orset or awset)'] as const;

/** Why a threshold cannot watch a state of type `watched`, or undefined when it can. */
export function thresholdMismatch(params: TriggerParams, watched: TypeSpec): string | undefined {
  const kind = params.threshold.kind;
  const [fits, [one, many, which]] = kind === 'value' ? [isCounter, COUNTERS] : [isSet, SETS];
  const shown = typeSpecToString(watched);
  if (!params.perKey) {
    return fits(watched) ? undefined : `a ${kind} threshold watches ${one} ${which}, not ${shown}`;
  }
  if ((watched.name === 'gmap' || watched.name === 'awmap') && fits(watched.value))
    return undefined;
  return `a per-key ${kind} threshold watches a gmap or awmap whose values are ${many} ${which}, not ${shown}`;
}

/** Thresholds against the watched type, actions against their targets, enforce_once placement. */
export function validateTriggers(ctx: GraphContext, problems: GraphProblem[]): void {
  for (const entry of ctx.nodes.values()) {
    if (entry.node.kind !== 'trigger') continue;
    if (entry.node.params.mode === 'enforce_once' && !entry.node.placement?.trustedOnly) {
      const message =
        'an enforce_once trigger runs on one trusted agent: set `placement.trustedOnly`';
      problems.push(
        nodeProblem('trusted-only', entry, message, {
          path: ['nodes', entry.index, 'placement', 'trustedOnly'],
        }),
      );
    }
    const parsed = entry.paramsOk ? triggerParamsSchema.safeParse(entry.node.params) : undefined;
    if (parsed?.success) checkTrigger(ctx, entry, parsed.data, problems);
  }
}

function checkTrigger(
  ctx: GraphContext,
  entry: KnownNode,
  params: TriggerParams,
  problems: GraphProblem[],
): void {
  const paramPath = (...rest: string[]) => ['nodes', entry.index, 'params', ...rest];
  for (const edge of ctx.edges) {
    if (edge.target !== entry) continue;
    const t = outputPortType(edge.source, edge.output);
    if (t?.port !== 'state') continue;
    const mismatch = thresholdMismatch(params, t.spec);
    if (mismatch) {
      const message = `${mismatch} (\`${edge.source.node.id}\`)`;
      problems.push(
        nodeProblem('type-mismatch', entry, message, {
          edgeId: edge.edge.id,
          path: paramPath('threshold', 'kind'),
        }),
      );
    }
  }
  const { op, where } = params.action;
  for (const edge of ctx.edges) {
    if (edge.source !== entry || edge.target.node.kind !== 'variable') continue;
    const spec = nodeTypeSpec(edge.target);
    if (!spec) continue;
    const target = `\`${edge.target.node.id}\` (${typeSpecToString(spec)})`;
    const ops = TYPE_OPS[spec.name];
    if (!ops.includes(op)) {
      const message = `action op \`${op}\` is not an operation of ${target}, whose operations are ${ops.join(', ')}`;
      problems.push(
        nodeProblem('invalid-param', entry, message, {
          edgeId: edge.edge.id,
          path: paramPath('action', 'op'),
        }),
      );
    }
    if (where !== undefined && !isSet(spec)) {
      const message = `action \`where\` picks elements of a target set, but ${target} is not a set`;
      problems.push(
        nodeProblem('invalid-param', entry, message, {
          edgeId: edge.edge.id,
          path: paramPath('action', 'where'),
        }),
      );
    }
  }
}
