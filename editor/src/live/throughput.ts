import type { GraphDocument } from '@inflow/shared-core';
import { formatNumber } from '../text/count';

export interface Throughput {
  /**
   * How fast the node's inputs moved, per second: the sum over its inputs that are measured (those
   * the hub replicates, and local ones, by the copies their agents report).
   */
  in: number | undefined;
  /** How fast its output moved, when its output is replicated (set operators). */
  out: number | undefined;
}

/**
 * An operator's throughput from the rates of the states around it: what flows in along its
 * incoming edges and what comes out of its own output. A fold's result is local to the agents,
 * so a fold only has an input rate.
 */
export function operatorThroughput(
  doc: GraphDocument,
  nodeId: string,
  rates: Readonly<Record<string, number>>,
): Throughput {
  const sources = new Set(doc.edges.filter((e) => e.target === nodeId).map((e) => e.source));
  const known = [...sources].map((id) => rates[id]).filter((r): r is number => r !== undefined);
  return {
    in: known.length > 0 ? known.reduce((a, b) => a + b, 0) : undefined,
    out: rates[nodeId],
  };
}

const perSecond = (n: number) =>
  `${formatNumber(n < 10 ? Math.round(n * 10) / 10 : Math.round(n))}/s`;

/** "in 12/s · out 3.5/s", or undefined when nothing around the node is measured. */
export function describeThroughput(t: Throughput): string | undefined {
  const parts = [
    ...(t.in === undefined ? [] : [`in ${perSecond(t.in)}`]),
    ...(t.out === undefined ? [] : [`out ${perSecond(t.out)}`]),
  ];
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
