/**
 * The benchmark's graph: `size` gcounter variables laid out on a grid 25 wide (xyflow's stress
 * layout), each bound into the next (size - 1 edges), all pinned to one agent that increments
 * every one of them. Every node is a live variable, so every node's value changes at each update.
 */
export function chainGraph(size: number, agent: string): Record<string, unknown> {
  const id = (i: number) => `v${i}`;
  return {
    format: 'inflow-graph',
    version: 1,
    name: `Stress ${size}`,
    nodes: Array.from({ length: size }, (_, i) => ({
      id: id(i),
      kind: 'variable',
      type: 'gcounter',
      params: {},
      position: { x: (i % 25) * 220, y: Math.floor(i / 25) * 140 },
      placement: { pin: agent },
    })),
    edges: Array.from({ length: size - 1 }, (_, i) => ({
      id: `e${i}`,
      source: id(i),
      sourceHandle: 'out',
      target: id(i + 1),
      targetHandle: 'in',
    })),
  };
}
