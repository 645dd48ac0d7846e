import type { VariableLive } from './paced-values';

/** How many of a variable's replicas hold what the hub holds. */
export type Convergence = Pick<VariableLive, 'replicas' | 'inSync' | 'agree'>;

/**
 * "agree", or how many of the replicas (the hub's included) hold everything the hub has, as
 * Kubernetes writes ready replicas: "2/3". As narrow as "agree", so the headline beside it keeps
 * its room while replicas catch up, and the node's layout does not move.
 */
export function convergenceText(v: Convergence): string {
  return v.agree ? 'agree' : `${v.inSync}/${v.replicas}`;
}

/**
 * A variable's convergence badge ("agree", "2/3"), or "final" once its deployment `stopped`.
 * Zoomed out, a coloured `dot` without its text (its name still says it): a text that changes
 * lays out its node again, a colour only repaints it.
 */
export function ConvergenceMark({
  nodeId,
  convergence,
  stopped,
  dot,
}: {
  nodeId: string;
  convergence: Convergence;
  stopped?: string | undefined;
  dot: boolean;
}) {
  if (stopped !== undefined) {
    return (
      <span
        className="live-convergence is-final"
        data-testid={`final-${nodeId}`}
        title={`the value when deployment ${stopped} stopped`}
        // A badge: a span may not carry a name without a role.
        role="img"
        aria-label="final"
      >
        {!dot && 'final'}
      </span>
    );
  }
  const { agree, inSync, replicas } = convergence;
  const all = `${replicas} replica${replicas === 1 ? '' : 's'} (the hub's included)`;
  return (
    <span
      className={`live-convergence ${agree ? 'is-agreed' : 'is-diverged'}`}
      data-testid={`convergence-${nodeId}`}
      data-agree={agree}
      role="img"
      aria-label={agree ? 'replicas agree' : `${inSync} of ${replicas} replicas in sync`}
      title={`${inSync - 1} of ${replicas - 1} agent replicas caught up; ${all}`}
    >
      {!dot && convergenceText(convergence)}
    </span>
  );
}
