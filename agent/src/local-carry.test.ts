import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Assignment, LocalCarry } from '@inflow/shared-core';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStore } from './agent-store.js';
import { leaderboardGraph } from './testing/graphs.js';
import { closeSets, recordingLink, setup } from './testing/set-rig.js';

// A redeploy carries a variable local to each agent (the leaderboard's scores) on the agent: the
// new deployment's runner starts from the agent's own copy in the one it replaced.

const dirs: string[] = [];
afterEach(() => {
  closeSets();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The leaderboard's share on a game client, as the hub sends it (a replacement's replica id is its own). */
const share = (deployment: string, carry?: LocalCarry, version = 1): Assignment => ({
  deployment,
  version,
  graph: leaderboardGraph(),
  nodes: ['leaderboardLog', 'localTop', 'players', 'scores'],
  variables: ['leaderboard', 'scores'],
  executors: [],
  replica: deployment === 'd1' ? 'c1.x' : `c1.x.${deployment}`,
  ...(carry ? { carry } : {}),
});

const fromD1: LocalCarry = {
  from: [{ deployment: 'd1', variables: ['scores'] }],
  held: ['scores'],
};

const game = (player: string, score: number) => ({ op: 'add', value: { player, score } });

const players = (value: unknown) =>
  (value as Array<{ player: string; score: number }>).map((g) => `${g.player}:${g.score}`).sort();

const board = (value: unknown) =>
  (value as Array<{ key: string; score: number }>).map((e) => `${e.key}:${e.score}`);

function onDisk(): { dir: string; open: () => AgentStore } {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-local-carry-'));
  dirs.push(dir);
  return { dir, open: () => AgentStore.open(dir) };
}

describe('a local variable carried on the agent', () => {
  it('starts from the copy of the deployment it replaced, assigned before that one is unassigned', () => {
    const { store, set, lines, call } = setup();
    expect(call((r) => set.assign(share('d1'), r)).ok).toBe(true);
    const d1 = set.resolve('scores', 'd1');
    d1.update('scores', game('ann', 10));
    d1.update('scores', game('bob', 7));

    expect(call((r) => set.assign(share('d2', fromD1), r)).ok).toBe(true);
    const d2 = set.resolve('scores', 'd2');
    expect(players(d2.query('scores'))).toEqual(['ann:10', 'bob:7']);
    // What derives from it follows at once: the local top, and the leaderboard bound to it.
    expect(board(d2.query('leaderboard'))).toEqual(['ann:10', 'bob:7']);
    expect(
      lines.find((l) => l.msg === 'kept its local copy from the deployment it replaced'),
    ).toMatchObject({ variable: 'scores', from: 'd1', deployment: 'd2' });

    // A game recorded in the old deployment before its stop reached the agent is not lost.
    d1.update('scores', game('cid', 3));
    set.unassign('d1');
    expect(players(d2.query('scores'))).toEqual(['ann:10', 'bob:7', 'cid:3']);
    expect(store.log.load({ deployment: 'd1', variable: 'scores' }).entries).toEqual([]);

    // Its own games mint dots under its own replica id: adds and removes work on the seeded set.
    d2.update('scores', game('dan', 12));
    d2.update('scores', { op: 'remove', value: { player: 'bob', score: 7 } });
    expect(players(d2.query('scores'))).toEqual(['ann:10', 'cid:3', 'dan:12']);
    // The shared top 3 keeps each player's best, as a leaderboard does.
    expect(board(d2.query('leaderboard'))).toEqual(['dan:12', 'ann:10', 'bob:7']);
    expect(d2.takeIssues(Date.now())).toEqual([]);
  });

  it('logs a local copy durably and keeps its log bounded', () => {
    const { store, set, call } = setup();
    call((r) => set.assign(share('d1'), r));
    const games = Array.from({ length: 600 }, (_, i) => game(`p${i}`, i));
    set.resolve('scores', 'd1').updateAll('scores', games);
    const ref = { deployment: 'd1', variable: 'scores' };
    expect(store.log.load(ref).snapshot).toBeDefined();
    expect(store.log.size(ref)).toBeLessThan(256);
    // Rebuilt from the log alone (a new version of the share).
    call((r) => set.assign(share('d1', undefined, 2), r));
    expect(set.resolve('scores', 'd1').query('scores')).toHaveLength(600);
  });

  it('keeps local copies across restarts: before the redeploy, in between, and after the old one is gone', () => {
    const disk = onDisk();
    const first = setup(undefined, undefined, undefined, disk.open());
    first.call((r) => first.set.assign(share('d1'), r));
    first.set.resolve('scores', 'd1').update('scores', game('ann', 10));
    first.set.close();
    first.store.close();

    // Restarted: the old deployment resumes with its copy (local updates are logged, as others).
    const second = setup(undefined, undefined, undefined, disk.open());
    second.set.resume();
    expect(players(second.set.resolve('scores', 'd1').query('scores'))).toEqual(['ann:10']);
    second.set.resolve('scores', 'd1').update('scores', game('bob', 7));
    second.set.close();
    second.store.close();

    // Restarted again and only then told of the redeploy: the copy comes from the store.
    const third = setup(undefined, undefined, undefined, disk.open());
    third.set.resume();
    expect(third.call((r) => third.set.assign(share('d2', fromD1), r)).ok).toBe(true);
    third.set.unassign('d1');
    expect(third.store.assignments().assignments.map((a) => a.deployment)).toEqual(['d2']);
    third.set.resolve('scores', 'd2').update('scores', game('cid', 3));
    third.set.close();
    third.store.close();

    // The old deployment is gone; the new one resumes what it started from and what it added,
    // and does not take the missing old copy for lost state.
    const fourth = setup(undefined, undefined, undefined, disk.open());
    fourth.set.resume();
    const d2 = fourth.set.resolve('scores', 'd2');
    expect(players(d2.query('scores'))).toEqual(['ann:10', 'bob:7', 'cid:3']);
    expect(board(d2.query('leaderboard'))).toEqual(['ann:10', 'bob:7', 'cid:3']);
    expect(d2.takeIssues(Date.now())).toEqual([]);
    expect(fourth.lines.filter((l) => (l.level as number) >= 40)).toEqual([]);
  });

  it('takes the copy of a draining deployment, and of the newest deployment of a chain it holds', () => {
    const hub = recordingLink();
    const { set, call } = setup(undefined, hub.link);
    call((r) => set.assign(share('d1'), r));
    set.resolve('scores', 'd1').update('scores', game('ann', 10));
    // Unassigned first (its leaderboard delta is not acknowledged yet, so it drains).
    set.unassign('d1');
    expect(set.ids()).toEqual(['d1']);

    // d3 replaced d2, which replaced d1; this agent never ran d2.
    const chain: LocalCarry = {
      from: [
        { deployment: 'd2', variables: ['scores'] },
        { deployment: 'd1', variables: ['scores'] },
      ],
      held: [],
    };
    expect(call((r) => set.assign(share('d3', chain), r)).ok).toBe(true);
    expect(players(set.resolve('scores', 'd3').query('scores'))).toEqual(['ann:10']);
  });

  it('starts empty and says so when its copy is gone; one never held here starts empty quietly', () => {
    const { set, lines, call } = setup();
    call((r) => set.assign(share('d1'), r));
    set.resolve('scores', 'd1').update('scores', game('ann', 10));
    // Unassigned first with nothing owed to the hub (not connected): forgotten at once.
    set.unassign('d1');

    call((r) => set.assign(share('d2', fromD1), r));
    const d2 = set.resolve('scores', 'd2');
    expect(d2.query('scores')).toEqual([]);
    const message = "started empty: this agent's copy from deployment d1 is gone";
    expect(lines.find((l) => l.msg === message)).toMatchObject({
      level: 40,
      variable: 'scores',
      deployment: 'd2',
    });
    expect(d2.takeIssues(Date.now())).toEqual([{ where: 'scores', message, count: 1 }]);

    // Placed on this agent anew: it held no copy, and the hub did not say it did.
    call((r) => set.assign(share('d3', { ...fromD1, held: [] }), r));
    const d3 = set.resolve('scores', 'd3');
    expect(d3.query('scores')).toEqual([]);
    expect(d3.takeIssues(Date.now())).toEqual([]);
    expect(lines.filter((l) => l.deployment === 'd3' && l.variable === 'scores')).toMatchObject([
      { level: 30, msg: 'starts empty: this agent held no copy of it before' },
    ]);

    // A new version of the share (placed again) restarts from its own log: nothing said twice.
    d2.update('scores', game('bob', 7));
    call((r) => set.assign(share('d2', fromD1, 2), r));
    expect(players(set.resolve('scores', 'd2').query('scores'))).toEqual(['bob:7']);
    expect(lines.filter((l) => l.msg === message)).toHaveLength(1);
  });
});
