import { ApiError } from '../api/api-error';
import type { DeployAnswer } from '@inflow/shared-core';
import type { EditorStore } from '../store/editor-store';
import { selectDirty } from '../store/remote-slice';
import { problemsOf } from '../store/validation';
import { planAgents } from './agent-colours';
import { plural } from '../text/count';
import type { DeployPhase } from './deploy-phase';
import type { DeployProblem } from './live-api';

export interface DeployContext {
  editor: EditorStore;
  report(phase: DeployPhase): void;
  /** The running deployment shown, which a deploy of the same graph takes over from. */
  running?: { id: string; graphId: string } | undefined;
}

export type DeployOutcome =
  { ok: true; graphId: string; rev: number; deployed: DeployAnswer } | { ok: false };

function problemsIn(e: ApiError): DeployProblem[] {
  const problems = e.body.problems;
  return Array.isArray(problems) ? (problems as DeployProblem[]) : [];
}

/**
 * Deleted elsewhere (a 404, which set the `gone` conflict): the banner says so and offers to save
 * it as a new graph, so the progress line does not say it again as a failure. Nothing runs of it.
 */
const deletedElsewhere = (editor: EditorStore): boolean =>
  editor.getState().conflict?.cause === 'gone';

/** What a save that failed before a deploy means for the progress line. */
function unsaved(editor: EditorStore): DeployPhase {
  const { conflict, status } = editor.getState();
  if (deletedElsewhere(editor)) return { step: 'idle' };
  if (conflict) {
    return { step: 'conflict', message: conflict.message, currentRev: conflict.currentRev };
  }
  return { step: 'failed', message: status?.text ?? 'Saving failed' };
}

/** What a refused deploy request means for the user; a 401 ends the session. */
function refusal(editor: EditorStore, e: unknown): DeployPhase {
  if (!(e instanceof ApiError)) {
    return {
      step: 'failed',
      message: `Deploy failed: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  if (e.status === 401) {
    editor.getState().signOut('The admin token is no longer accepted; sign in again.');
    return { step: 'failed', message: 'Deploy failed: signed out' };
  }
  if (e.status === 409) {
    // The drawing half's conflict banner offers the ways out (reload, save as new).
    editor.setState({
      conflict: { cause: 'deploy', currentRev: e.currentRev, message: e.message },
    });
    return { step: 'conflict', message: e.message, currentRev: e.currentRev };
  }
  if (e.status === 422) return { step: 'refused', message: e.message, problems: problemsIn(e) };
  if (e.status === 404 && deletedElsewhere(editor)) return { step: 'idle' };
  return { step: 'failed', message: `Deploy failed: ${e.message}` };
}

/** The deployment to replace stopped meanwhile (409 naming it): there is nothing to keep. */
const replacedIsGone = (e: unknown) =>
  e instanceof ApiError && e.status === 409 && typeof e.body.replaces === 'string';

/**
 * The graph runs as a deployment this editor did not know of (deployed elsewhere meanwhile):
 * the 409 names it, and Deploy takes over from it as from the one it knew.
 */
const runningElsewhere = (e: unknown): string | undefined =>
  e instanceof ApiError && e.status === 409 && typeof e.body.running === 'string'
    ? e.body.running
    : undefined;

/**
 * One click of Deploy: save the document when the server's copy differs (a deploy runs a stored
 * revision), then ask the control plane to deploy exactly that revision, in place of the graph's
 * running deployment so that what did not change keeps its state. A stale revision (409) is
 * shown as a conflict, never overwritten; a graph no agent can run (422) lists its problems.
 */
export async function runDeploy({
  editor,
  report,
  running,
}: DeployContext): Promise<DeployOutcome> {
  const s = () => editor.getState();
  if (!s().remote || selectDirty(s())) {
    const problems = problemsOf(s().doc);
    if (problems.length > 0) {
      report({
        step: 'refused',
        message: `the graph has ${plural(problems.length, 'problem')}`,
        problems,
      });
      return { ok: false };
    }
    report({ step: 'saving' });
    if (!(await s().save())) {
      report(unsaved(editor));
      return { ok: false };
    }
  }
  const remote = s().remote;
  if (!remote) {
    report({ step: 'failed', message: 'Deploy failed: the graph is not stored' });
    return { ok: false };
  }
  report({ step: 'placing' });
  const deploy = (replaces?: string) =>
    s().api.deploy(remote.id, replaces ? { rev: remote.rev, replaces } : { rev: remote.rev });
  const replaces = running?.graphId === remote.id ? running.id : undefined;
  try {
    const deployed = await deploy(replaces).catch((e: unknown) => {
      if (replaces !== undefined && replacedIsGone(e)) return deploy();
      const other = runningElsewhere(e);
      if (other !== undefined && other !== replaces) return deploy(other);
      throw e;
    });
    const agents = planAgents(deployed.placement);
    const { carried, reset, carriedLocal, resetLocal } = deployed;
    const local = {
      ...(carriedLocal ? { carriedLocal } : {}),
      ...(resetLocal ? { resetLocal } : {}),
    };
    report(
      carried && reset
        ? { step: 'sending', agents, kept: { carried, reset, ...local } }
        : { step: 'sending', agents },
    );
    return { ok: true, graphId: remote.id, rev: remote.rev, deployed };
  } catch (e) {
    report(refusal(editor, e));
    return { ok: false };
  }
}
