import type { PlacementState } from './placement-state.js';

/**
 * A second starting point for the search, after multilevel graph partitioning (METIS-style
 * coarsening): the nodes touching the heaviest streams are merged into clusters first, as long as
 * a cluster fits one agent and its members share a candidate; then whole clusters are placed,
 * biggest first, each where it adds the least score. Single-replica moves cannot carry a heavy
 * chain across agents when every step on the way costs more; a cluster moves as one.
 * Places the `free` nodes (which must be unplaced) and returns those it could not fit.
 */
export function clusterStart(state: PlacementState, free: readonly number[]): number[] {
  const { model } = state;
  const single = free.filter((i) => model.nodes[i]?.replicas === 1);
  const parent = new Map(single.map((i) => [i, i]));
  const find = (i: number): number => {
    let root = i;
    while (parent.get(root) !== root) root = parent.get(root) as number;
    parent.set(i, root);
    return root;
  };
  const members = new Map(single.map((i) => [i, [i]]));
  const allowed = new Map(single.map((i) => [i, new Set(model.nodes[i]?.candidates)]));
  const limit = Math.max(...model.capacity.map((c, a) => c - (state.load[a] as number)), 1);

  const merge = (a: number, b: number): boolean => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return true;
    const [ma, mb] = [members.get(ra) ?? [], members.get(rb) ?? []];
    if (ma.length + mb.length > limit) return false;
    const both = [...(allowed.get(ra) ?? [])].filter((x) => allowed.get(rb)?.has(x));
    if (both.length === 0) return false;
    parent.set(rb, ra);
    members.set(ra, [...ma, ...mb]);
    allowed.set(ra, new Set(both));
    members.delete(rb);
    return true;
  };
  const heaviest = model.streams
    .map((_, s) => s)
    .sort((x, y) => (model.streams[y]?.rate ?? 0) - (model.streams[x]?.rate ?? 0));
  for (const s of heaviest) {
    const touching = (model.touchedBy[s] ?? []).filter((i) => parent.has(i));
    for (const i of touching.slice(1)) merge(touching[0] as number, i);
  }

  const unplaced: number[] = [];
  const clusters = [...members.entries()].sort((x, y) => y[1].length - x[1].length || x[0] - y[0]);
  for (const [root, nodes] of clusters) {
    let best: number | undefined;
    let bestScore = Infinity;
    for (const a of allowed.get(root) ?? []) {
      if ((model.capacity[a] as number) - (state.load[a] as number) < nodes.length) continue;
      let score = 0;
      for (const i of nodes) {
        score += state.scoreDelta(i, -1, a);
        state.add(i, a);
      }
      for (const i of nodes) state.remove(i, a);
      if (
        score < bestScore - 1e-9 ||
        (Math.abs(score - bestScore) <= 1e-9 &&
          (state.load[a] as number) < (state.load[best ?? a] as number))
      ) {
        [best, bestScore] = [a, score];
      }
    }
    if (best === undefined) unplaced.push(...nodes);
    else for (const i of nodes) state.add(i, best);
  }
  return [...unplaced, ...free.filter((i) => !parent.has(i))];
}
