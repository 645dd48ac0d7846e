import type { GraphContext, KnownNode } from './graph-context.js';
import type { GraphProblem } from './graph-problem.js';

/**
 * Cycles over state and value edges: a state that feeds back into itself through operators has no
 * well-defined value. Actions are left out, as a trigger fires at most once per key.
 */
export function validateCycles(ctx: GraphContext, problems: GraphProblem[]): void {
  const next = new Map<KnownNode, KnownNode[]>();
  for (const edge of ctx.edges) {
    if (edge.output.carries === 'action') continue;
    const list = next.get(edge.source) ?? [];
    list.push(edge.target);
    next.set(edge.source, list);
  }
  for (const component of stronglyConnected([...ctx.nodes.values()], next)) {
    const first = component[0];
    if (!first) continue;
    const selfLoop = next.get(first)?.includes(first) ?? false;
    if (component.length === 1 && !selfLoop) continue;
    const cycle = cycleThrough(first, new Set(component), next);
    const shown = cycle.map((n) => `\`${n.node.id}\``).join(' → ');
    const others =
      component.length > cycle.length - 1
        ? ` (nodes on cycles: ${component.map((n) => `\`${n.node.id}\``).join(', ')})`
        : '';
    problems.push({
      code: 'cycle',
      message: `state edges form a cycle: ${shown}${others}; only actions (from triggers and sources) may feed back`,
      nodeId: first.node.id,
      nodeIds: component.map((n) => n.node.id),
      path: ['nodes', first.index],
    });
  }
}

/** Tarjan's algorithm without recursion (graphs have up to 5,000 nodes); members in input order. */
function stronglyConnected(
  nodes: KnownNode[],
  next: ReadonlyMap<KnownNode, KnownNode[]>,
): KnownNode[][] {
  const index = new Map<KnownNode, number>();
  const low = new Map<KnownNode, number>();
  const onStack = new Set<KnownNode>();
  const stack: KnownNode[] = [];
  const components: KnownNode[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: KnownNode; child: number }[] = [{ node: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: KnownNode; child: number };
      const successors = next.get(frame.node) ?? [];
      const succ = successors[frame.child++];
      if (succ !== undefined) {
        if (!index.has(succ)) {
          index.set(succ, counter);
          low.set(succ, counter++);
          stack.push(succ);
          onStack.add(succ);
          work.push({ node: succ, child: 0 });
        } else if (onStack.has(succ)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(succ) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: KnownNode[] = [];
      for (;;) {
        const member = stack.pop() as KnownNode;
        onStack.delete(member);
        component.push(member);
        if (member === frame.node) break;
      }
      components.push(component.sort((a, b) => a.index - b.index));
    }
  }
  return components.sort((a, b) => (a[0]?.index ?? 0) - (b[0]?.index ?? 0));
}

/** A shortest cycle from `start` back to itself inside `members`, start repeated at the end. */
function cycleThrough(
  start: KnownNode,
  members: ReadonlySet<KnownNode>,
  next: ReadonlyMap<KnownNode, KnownNode[]>,
): KnownNode[] {
  const parent = new Map<KnownNode, KnownNode>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as KnownNode;
    for (const succ of next.get(node) ?? []) {
      if (!members.has(succ)) continue;
      if (succ === start) {
        const path = [start];
        for (
          let n: KnownNode | undefined = node;
          n !== undefined && n !== start;
          n = parent.get(n)
        ) {
          path.push(n);
        }
        return [start, ...path.slice(1).reverse(), start];
      }
      if (parent.has(succ) || succ === start) continue;
      parent.set(succ, node);
      queue.push(succ);
    }
  }
  return [start, start];
}
