import { describe, expect, it } from 'vitest';
import { runDeploy } from './deploy-flow';
import {
  describeKept,
  describeKeptNames,
  describePhase,
  phaseAfterSnapshot,
  type DeployPhase,
} from './deploy-phase';
import { liveTestRig, snapshotFor } from './fake-control-plane';

function rig() {
  const r = liveTestRig();
  const phases: DeployPhase[] = [];
  const deploy = (running?: { id: string; graphId: string }) =>
    runDeploy({ editor: r.editor, report: (p) => phases.push(p), running });
  const steps = () => phases.map((p) => p.step);
  // Saving refreshes the graph list on its own; that is the drawing half's business.
  const calls = () =>
    r.requests.map((q) => `${q.method} ${q.url}`).filter((c) => c !== 'GET /api/graphs');
  return { ...r, deploy, phases, steps, calls };
}

/** A rig with the ad counter saved as rev 1 of a graph, and nothing recorded yet. */
async function savedAdCounter() {
  const r = rig();
  r.editor.getState().loadTemplate('ad-counter');
  expect(await r.editor.getState().save()).toBe(true);
  r.requests.length = 0;
  return r;
}

describe('the deploy flow', () => {
  it('saves a new graph first, then deploys exactly the stored revision', async () => {
    const r = rig();
    r.editor.getState().loadTemplate('ad-counter');
    const outcome = await r.deploy();
    expect(r.calls()).toEqual(['POST /api/graphs', 'POST /api/graphs/g_1/deploy']);
    expect(r.requests.find((q) => q.url.endsWith('/deploy'))?.body).toEqual({ rev: 1 });
    expect(r.steps()).toEqual(['saving', 'placing', 'sending']);
    expect(r.phases[2]).toEqual({ step: 'sending', agents: ['client-1', 'client-2', 'server-1'] });
    expect(outcome).toMatchObject({ ok: true, graphId: 'g_1', rev: 1 });
  });

  it('does not save a graph the server already holds as it is', async () => {
    const r = await savedAdCounter();
    await r.deploy();
    expect(r.calls()).toEqual(['POST /api/graphs/g_1/deploy']);
    expect(r.steps()).toEqual(['placing', 'sending']);
  });

  it('saves unsaved edits as a new revision and deploys that one', async () => {
    const r = await savedAdCounter();
    r.editor.getState().edit((doc) => ({ ...doc, name: 'Edited' }));
    await r.deploy();
    expect(r.calls()).toEqual(['PUT /api/graphs/g_1', 'POST /api/graphs/g_1/deploy']);
    expect(r.requests.find((q) => q.url.endsWith('/deploy'))?.body).toEqual({ rev: 2 });
  });

  it('shows a stale revision (409) as a conflict and overwrites nothing', async () => {
    const r = await savedAdCounter();
    r.server.setDeployAnswer({
      status: 409,
      body: { error: 'graph "g_1" is at rev 3, but the deploy was based on rev 1', currentRev: 3 },
    });
    const outcome = await r.deploy();
    expect(outcome).toEqual({ ok: false });
    expect(r.steps()).toEqual(['placing', 'conflict']);
    expect(r.phases[1]).toMatchObject({ step: 'conflict', currentRev: 3 });
    expect(r.calls()).toEqual(['POST /api/graphs/g_1/deploy']);
    expect(r.server.graphs.get('g_1')).toHaveLength(1);
    expect(r.editor.getState().conflict?.currentRev).toBe(3);
    expect(describePhase(r.phases[1]!)).toContain('is at rev 3');
  });

  it('lists the placement problems of a 422, each naming its node', async () => {
    const r = await savedAdCounter();
    const problems = [
      { nodeId: 'removeAd', constraint: 'trusted', message: 'removeAd needs a trusted agent' },
      { nodeId: 'gameClients', constraint: 'selector', message: 'no agent has role=client' },
    ];
    r.server.setDeployAnswer({ status: 422, body: { error: 'cannot place the graph', problems } });
    await r.deploy();
    expect(r.steps()).toEqual(['placing', 'refused']);
    expect(r.phases[1]).toEqual({ step: 'refused', message: 'cannot place the graph', problems });
    // The toolbar's line counts them; the list under Deploy has the message and each whole.
    expect(describePhase(r.phases[1]!)).toBe('Not deployed: 2 problems');
  });

  it('refuses a graph with problems before sending anything', async () => {
    const r = rig();
    r.editor.getState().loadTemplate('ad-counter');
    r.editor.getState().updateNode('adsWithContracts', (n) => ({
      ...n,
      params: { ...n.params, predicate: 'x[0].id ==' },
    }));
    await r.deploy();
    expect(r.calls()).toEqual([]);
    expect(r.steps()).toEqual(['refused']);
    const refused = r.phases[0];
    expect(refused?.step === 'refused' && refused.problems[0]?.nodeId).toBe('adsWithContracts');
  });

  it('stops at a save conflict without asking to deploy', async () => {
    const r = await savedAdCounter();
    r.server.graphs.get('g_1')?.push('{}');
    r.editor.getState().edit((doc) => ({ ...doc, name: 'Mine' }));
    await r.deploy();
    expect(r.calls()).toEqual(['PUT /api/graphs/g_1']);
    expect(r.steps()).toEqual(['saving', 'conflict']);
  });

  it('deploys in place of the running deployment of the graph, and reports what it kept', async () => {
    const r = await savedAdCounter();
    const old = r.server.addDeployment('g_1', 1);
    r.editor.getState().updateNode('adsWithContracts', (n) => ({
      ...n,
      params: { ...n.params, predicate: 'x[0].id != x[1].id' },
    }));
    await r.deploy({ id: old.id, graphId: 'g_1' });
    expect(r.requests.find((q) => q.url.endsWith('/deploy'))?.body).toEqual({
      rev: 2,
      replaces: old.id,
    });
    expect(old.status).toBe('stopped');
    const sent = r.phases.at(-1);
    expect(sent).toMatchObject({
      step: 'sending',
      kept: {
        carried: ['ads', 'adsContracts', 'contracts', 'impressions', 'riotAds', 'rovioAds'],
        reset: [{ variable: 'adsWithContracts', reason: 'params-changed' }],
      },
    });
    const kept = sent?.step === 'sending' ? sent.kept : undefined;
    expect(kept && describeKept(kept)).toBe('Kept the state of 6 variables; 1 starts empty');
    expect(kept && describeKeptNames(kept)).toBe(
      'Kept: ads, adsContracts, contracts, impressions, riotAds, rovioAds\n' +
        'Start empty:\n  adsWithContracts: params changed',
    );
    // Running keeps saying so.
    const running = phaseAfterSnapshot(
      sent as DeployPhase,
      snapshotFor('d', ['client-1', 'client-2', 'server-1']),
    );
    expect(running).toMatchObject({ step: 'running', kept });
  });

  it("reports the leaderboard's local scores as kept on the agents after a label change", async () => {
    const r = rig();
    r.editor.getState().loadTemplate('leaderboard');
    expect(await r.editor.getState().save()).toBe(true);
    const old = r.server.addDeployment('g_1', 1);
    r.editor.getState().updateNode('leaderboardLog', (n) => ({ ...n, label: 'Best three' }));
    await r.deploy({ id: old.id, graphId: 'g_1' });
    const sent = r.phases.at(-1);
    const kept = sent?.step === 'sending' ? sent.kept : undefined;
    expect(kept).toEqual({
      carried: ['leaderboard'],
      reset: [],
      carriedLocal: [{ variable: 'scores', keptBy: [], emptyOn: [] }],
      resetLocal: [],
    });
    expect(kept && describeKept(kept)).toBe(
      'Kept the state of 1 variable, and 1 local to each agent on the agents that held it; ' +
        'none start empty',
    );
  });

  it('names which agent keeps its copy of a local variable, and which copies start empty', () => {
    const kept = {
      carried: [],
      reset: [
        {
          variable: 'leaderboard',
          reason: 'upstream-changed' as const,
          from: 'scores',
          message: 'derived from changed node scores',
        },
      ],
      carriedLocal: [{ variable: 'games', keptBy: ['client-1'], emptyOn: ['client-3'] }],
      resetLocal: [
        {
          variable: 'scores',
          reason: 'type-changed' as const,
          message: 'type changed (was awset)',
        },
      ],
    };
    expect(describeKept(kept)).toBe(
      'Kept the state of 0 variables, and 1 local to each agent on the agents that held it; ' +
        '2 start empty',
    );
    expect(describeKeptNames(kept)).toBe(
      [
        'Kept: none',
        'Kept by each agent, its own copy:',
        '  games: client-1; empty on client-3 (new there)',
        'Start empty:',
        '  leaderboard: derived from changed node scores',
        '  scores (on every agent): type changed (was awset)',
      ].join('\n'),
    );
  });

  it('replaces nothing of another graph, and deploys afresh when the one to replace stopped', async () => {
    const r = await savedAdCounter();
    await r.deploy({ id: 'd_other', graphId: 'g_other' });
    expect(r.requests.at(-1)?.body).toEqual({ rev: 1 });
    expect(r.phases.at(-1)).not.toHaveProperty('kept');

    // The first deploy stopped since, as the one to replace is about to be.
    for (const d of r.server.deployments) d.status = 'stopped';
    const gone = r.server.addDeployment('g_1', 1, 'stopped');
    r.requests.length = 0;
    const outcome = await r.deploy({ id: gone.id, graphId: 'g_1' });
    expect(r.requests.map((q) => q.body)).toEqual([{ rev: 1, replaces: gone.id }, { rev: 1 }]);
    expect(outcome).toMatchObject({ ok: true });
    expect(r.editor.getState().conflict).toBeUndefined();
  });

  it('takes over from a deployment of the graph it did not know of, keeping its state', async () => {
    const r = await savedAdCounter();
    const elsewhere = r.server.addDeployment('g_1', 1);
    const outcome = await r.deploy();
    expect(r.requests.filter((q) => q.url.endsWith('/deploy')).map((q) => q.body)).toEqual([
      { rev: 1 },
      { rev: 1, replaces: elsewhere.id },
    ]);
    expect(outcome).toMatchObject({ ok: true });
    expect(elsewhere.status).toBe('stopped');
    expect(r.phases.at(-1)).toMatchObject({ step: 'sending', kept: { reset: [] } });
    expect(r.editor.getState().conflict).toBeUndefined();
  });

  it('reports another error as a failure with the server message', async () => {
    const r = await savedAdCounter();
    // Not a 404: that one is the graph deleted elsewhere, which its banner tells.
    r.server.setDeployAnswer({ status: 503, body: { error: 'the store is not available' } });
    await r.deploy();
    expect(r.phases.at(-1)).toEqual({
      step: 'failed',
      message: 'Deploy failed: the store is not available',
    });
  });
});

describe('deploy progress from snapshots', () => {
  const sending: DeployPhase = { step: 'sending', agents: ['client-1', 'server-1'] };

  it('is "running on N agents" once every agent of the plan is online', () => {
    const waiting = phaseAfterSnapshot(sending, snapshotFor('d', ['client-1']));
    expect(waiting).toBe(sending);
    expect(describePhase(waiting)).toBe('Sending to 2 agents…');
    const running = phaseAfterSnapshot(sending, snapshotFor('d', ['client-1', 'server-1']));
    expect(running).toEqual({ step: 'running', agents: ['client-1', 'server-1'], online: 2 });
    expect(describePhase(running)).toBe('Running on 2 agents');
  });

  it('counts the agents still online while it runs, and leaves other phases alone', () => {
    const running: DeployPhase = { step: 'running', agents: ['client-1', 'server-1'], online: 2 };
    const fewer = phaseAfterSnapshot(running, snapshotFor('d', ['server-1']));
    expect(describePhase(fewer)).toBe('Running on 1 of 2 agents');
    const idle: DeployPhase = { step: 'idle' };
    expect(phaseAfterSnapshot(idle, snapshotFor('d', []))).toBe(idle);
  });
});
