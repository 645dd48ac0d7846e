import type { PlacementState } from './placement-state.js';

/**
 * Depth-first branch and bound over the replicas of `free` (unplaced in `state`), for the least
 * score within capacity. A partial score only grows as replicas are added, so it bounds every
 * completion. Returns the best assignment found under `bound` (undefined when none beats it) and
 * whether the search finished within `budget` visits, which makes the result the optimum.
 */
export function branchAndBound(
  state: PlacementState,
  free: readonly number[],
  bound: number,
  budget: number,
): { best: number[][] | undefined; score: number; complete: boolean; visited: number } {
  const { model } = state;
  let bestScore = bound;
  let best: number[][] | undefined;
  let visited = 0;
  const choose = (k: number): void => {
    if (++visited > budget || state.score >= bestScore - 1e-9) return;
    const i = free[k];
    if (i === undefined) {
      [bestScore, best] = [state.score, state.snapshot()];
      return;
    }
    const n = model.nodes[i];
    if (!n) return;
    const place = (from: number, left: number) => {
      if (left === 0) return choose(k + 1);
      for (let c = from; c < n.candidates.length; c++) {
        const a = n.candidates[c] as number;
        if (!state.hasRoom(a)) continue;
        state.add(i, a);
        place(c + 1, left - 1);
        state.remove(i, a);
      }
    };
    place(0, n.replicas);
  };
  choose(0);
  return { best, score: bestScore, complete: visited <= budget, visited };
}
