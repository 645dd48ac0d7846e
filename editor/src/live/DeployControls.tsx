import { useEffect, useId, useState } from 'react';
import { useEditor } from '../store/editor-context';
import { describePhase, isBusy } from './deploy-phase';
import { DeployProblems } from './DeployProblems';
import { undeployedChanges } from './graph-diff';
import { useLive, useLiveStore } from './live-context';
import { UndeployedChanges } from './UndeployedChanges';

/**
 * The toolbar's deploy group, at its right end as in Node-RED: the progress of the deploy step by
 * step and what has not been deployed yet, then Deploy (saving first when needed) and Stop, and
 * why a deploy was refused. The progress text gives way when the toolbar is short of room, so the
 * buttons stay on its line. Which deployment runs, and what it kept, is in the side panel
 * (DeploymentSection).
 */
export function DeployControls() {
  const live = useLiveStore();
  const phase = useLive((s) => s.phase);
  const deployment = useLive((s) => s.deployment);
  const empty = useEditor((s) => s.doc.nodes.length === 0);
  const deployedDoc = useLive((s) => s.deployedDoc);
  // Without the control plane, what the toolbar says is the last that was known, not news.
  const stale = useLive((s) => s.link.lost === true);
  // A boolean, so that an edit re-renders the controls only when it changes.
  const pending = useEditor(
    (s) => !deployedDoc || undeployedChanges(deployedDoc, s.doc).length > 0,
  );
  const [problemsOpen, setProblemsOpen] = useState(false);
  const problemsId = useId();
  const busy = isBusy(phase);
  const progress = describePhase(phase);

  // A new refusal opens its list; the user may close it and keep editing.
  useEffect(() => setProblemsOpen(phase.step === 'refused'), [phase]);

  // Some agent of the plan is away: what it runs is not running, which green would hide.
  const degraded = phase.step === 'running' && phase.online < phase.agents.length;
  const progressProps = {
    className:
      `live-progress toolbar-squeezable step-${phase.step}` +
      `${stale ? ' is-stale' : ''}${degraded ? ' is-degraded' : ''}`,
    'data-testid': 'deploy-progress',
    'data-step': phase.step,
    'data-stale': stale,
    'data-degraded': degraded,
  };
  return (
    <div className="live-deploy" role="group" aria-label="Deployment">
      {phase.step === 'refused' ? (
        // A refusal's count opens and closes its list, which the user may have closed.
        <button
          type="button"
          {...progressProps}
          aria-expanded={problemsOpen}
          aria-controls={problemsOpen ? problemsId : undefined}
          title={`Not deployed: ${phase.message}`}
          onClick={() => setProblemsOpen(!problemsOpen)}
        >
          {progress}
        </button>
      ) : (
        <span
          {...progressProps}
          role="status"
          aria-live="polite"
          title={[
            progress,
            deployment && `deployment ${deployment.id} (rev ${deployment.rev})`,
            stale && 'as last known: the connection to the control plane is lost',
          ]
            .filter(Boolean)
            .join(' · ')}
        >
          {progress}
        </span>
      )}
      <UndeployedChanges />
      <button
        type="button"
        className={pending ? 'primary' : undefined}
        data-testid="deploy"
        data-pending={pending}
        disabled={busy || empty}
        // The control plane refuses an empty graph too; better said before the click than after.
        title={
          empty
            ? 'An empty graph cannot be deployed: add a node first'
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
          onClick={() => {
            // What the deployment holds is not carried into a later deploy, so ask first.
            const ask = `Stop deployment ${deployment.id}? Its agents stop running it, and a later Deploy starts with empty variables.`;
            if (window.confirm(ask)) void live.getState().stop();
          }}
        >
          Stop
        </button>
      )}
      {phase.step === 'refused' && problemsOpen && (
        <DeployProblems
          id={problemsId}
          message={phase.message}
          problems={phase.problems}
          onClose={() => setProblemsOpen(false)}
        />
      )}
    </div>
  );
}
