import { describeKept, describeKeptNames } from './deploy-phase';
import { DeploymentLink } from './DeploymentLink';
import { useLive } from './live-context';

/**
 * The side panel's account of the deployment shown: its id and revision, the deployment it
 * replaced (links to their status pages), and what its deploy kept (the names on hover). The
 * toolbar keeps only the progress and the buttons, so that it fits on one line.
 */
export function DeploymentSection() {
  const phase = useLive((s) => s.phase);
  const deployment = useLive((s) => s.deployment);
  const replaces = useLive((s) => s.details?.replaces);
  if (!deployment) return null;
  const kept = phase.step === 'sending' || phase.step === 'running' ? phase.kept : undefined;
  return (
    <section
      className="live-panel"
      aria-label="The deployment shown"
      data-testid="deployment-section"
    >
      <h3>Deployment of rev {deployment.rev}</h3>
      <p className="live-lineage" data-testid="deployment-lineage">
        <DeploymentLink
          id={deployment.id}
          title={`Status page of deployment ${deployment.id}, the one shown`}
          testId="deployment-id"
        />
        {replaces !== undefined && (
          <>
            {' replaces '}
            <DeploymentLink
              id={replaces}
              title={`Status page of deployment ${replaces}, which ${deployment.id} replaced`}
              testId="deployment-replaces"
            />
          </>
        )}
      </p>
      {kept && (
        <p className="hint" data-testid="deploy-kept" title={describeKeptNames(kept)}>
          {describeKept(kept)}
        </p>
      )}
    </section>
  );
}
