/** An agent as placement sees it: what it is called, its labels, whether it may run side effects. */
export interface PlacementAgent {
  name: string;
  labels: Readonly<Record<string, string>>;
  trusted: boolean;
}

/** A hard constraint that no connected agent satisfies, named so the user can fix it. */
export interface PlacementProblem {
  nodeId: string;
  constraint: 'selector' | 'trusted' | 'pin' | 'replicas';
  message: string;
}

export interface PlacementPlan {
  /** The agents that run each operator, trigger, sink and source node, by agent name. */
  nodes: Record<string, string[]>;
  /**
   * The agents that hold a replica of each variable (and each operator's output): those that
   * read or write it. The hub holds one of every variable as well, so a list may be empty.
   */
  variables: Record<string, string[]>;
  /** Why each node went where it did, in words. */
  explanations: Record<string, string>;
}

export type PlacementResult =
  { ok: true; placement: PlacementPlan } | { ok: false; problems: PlacementProblem[] };
