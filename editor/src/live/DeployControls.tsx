import { useEffect, useState } from 'react';
import { useEditor } from '../store/editor-context';
import { describeKept, describeKeptNames, describePhase, isBusy } from './deploy-phase';
import { DeploymentLink } from './DeploymentLink';
import { DeployProblems } from './DeployProblems';
import { undeployedChanges } from './graph-diff';
import { useLive, useLiveStore } from './live-context';
import { UndeployedChanges } from './UndeployedChanges';

/**
 * The toolbar's deploy group: Deploy (saving first when needed), Stop, the progress of the
 * deploy step by step, the deployment shown and the one it replaced (links to their status
 * pages), what a redeploy kept (the names on hover), what has not been deployed yet, and why a
 * deploy was refused.
 */
export function DeployControls() {
  const live = useLiveStore();
  const phase = useLive((s) => s.phase);
  const deployment = useLive((s) => s.deployment);
  const replaces = useLive((s) => s.details?.replaces);
  const empty = useEditor((s) => s.doc.nodes.length === 0);
  const deployedDoc = useLive((s) => s.deployedDoc);
  // A boolean, so that an edit re-renders the controls only when it changes.
  const pending = useEditor(
    (s) => !deployedDoc || undeployedChanges(deployedDoc, s.doc).length > 0,
  );
  const [problemsOpen, setProblemsOpen] = useState(false);
  const busy = isBusy(phase);
  const kept = phase.step === 'sending' || phase.step === 'running' ? phase.kept : undefined;

  // A new refusal opens its list; the user may close it and keep editing.
  useEffect(() => setProblemsOpen(phase.step === 'refused'), [phase]);

  return (
    <div className="live-deploy" role="group" aria-label="Deployment">
      <button
        type="button"
        className={pending ? 'primary' : undefined}
        data-testid="deploy"
        data-pending={pending}
        disabled={busy || empty}
        title={
          empty
            ? 'Add nodes to deploy'
            : pending
              ? 'Save if needed, then run this revision on the agents'
              : 'Nothing undeployed: the agents run this graph'
        }
        onClick={() => void live.getState().deploy()}
      >
        Deploy
      </button>
      {deployment && (
        <button
          type="button"
          data-testid="stop"
          disabled={busy}
          title={`Stop deployment ${deployment.id} on every agent`}
          onClick={() => void live.getState().stop()}
        >
          Stop
        </button>
      )}
      <span
        className={`live-progress step-${phase.step}`}
        data-testid="deploy-progress"
        data-step={phase.step}
        role="status"
        aria-live="polite"
        title={deployment ? `deployment ${deployment.id} (rev ${deployment.rev})` : undefined}
      >
        {describePhase(phase)}
      </span>
      {deployment && (
        <span className="live-lineage hint" data-testid="deployment-lineage">
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
        </span>
      )}
      {kept && (
        <span className="hint" data-testid="deploy-kept" title={describeKeptNames(kept)}>
          {describeKept(kept)}
        </span>
      )}
      <UndeployedChanges />
      {phase.step === 'refused' && problemsOpen && (
        <DeployProblems
          message={phase.message}
          problems={phase.problems}
          onClose={() => setProblemsOpen(false)}
        />
      )}
    </div>
  );
}
