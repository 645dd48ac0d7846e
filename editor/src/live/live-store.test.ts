import type { HubEventMessage } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { fakeLink, liveTestRig, settle, snapshotFor } from './fake-control-plane';
import { MAX_EVENTS } from './live-store';

const effect = (id: string, at: number): HubEventMessage => ({
  id,
  at,
  kind: 'effect',
  message: `effect ${id}`,
});

/** The ad counter saved as g_1 rev 1, opened in the editor. */
async function opened() {
  const r = liveTestRig();
  r.editor.getState().loadTemplate('ad-counter');
  await r.editor.getState().save();
  const online = { names: ['client-1', 'client-2', 'server-1'] };
  const links = fakeLink((id) => snapshotFor(id, online.names));
  r.live.getState().attachLink(links.link);
  return { ...r, ...links, online, s: () => r.live.getState() };
}

describe('the live store', () => {
  it('marks the link lost only once it had been online, until it is back', () => {
    const { live } = liveTestRig();
    const s = () => live.getState();
    s().setLinkState('connecting');
    expect(s().link).toEqual({ state: 'connecting' });
    s().setLinkState('online');
    s().setLinkState('offline', 'transport close');
    expect(s().link).toEqual({ state: 'offline', message: 'transport close', lost: true });
    s().setLinkState('connecting');
    expect(s().link.lost).toBe(true);
    s().setLinkState('online');
    expect(s().link).toEqual({ state: 'online' });
  });

  it("shows the open graph's running deployment: plan, deployed document, snapshot", async () => {
    const r = await opened();
    r.server.addDeployment('g_1', 1, 'stopped');
    r.server.addDeployment('g_other', 1);
    const running = r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    expect(r.s().deployment?.id).toBe(running.id);
    expect(r.s().details?.placement.nodes.removeAd).toEqual(['server-1']);
    expect(r.s().deployedDoc?.name).toBe('Ad counter');
    expect(r.watched).toEqual([running.id]);
    expect(r.s().monitor.snapshot?.deployment).toBe(running.id);
    expect(r.s().phase).toMatchObject({ step: 'running', online: 3 });
  });

  it('shows nothing for a graph that does not run, and stops watching the previous one', async () => {
    const r = await opened();
    const running = r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    await r.s().showGraph('g_2');
    expect(r.s().deployment).toBeUndefined();
    expect(r.s().phase.step).toBe('idle');
    expect(r.unwatched).toEqual([running.id]);
  });

  it('deploys, watches the new deployment and goes from sending to running', async () => {
    const r = await opened();
    r.online.names = ['client-1'];
    await r.s().deploy();
    await settle();
    const id = r.s().deployment?.id;
    expect(id).toBeDefined();
    expect(r.watched).toEqual([id]);
    expect(r.s().phase.step).toBe('sending');
    r.s().receiveSnapshot(snapshotFor(id ?? '', ['client-1', 'client-2', 'server-1']));
    expect(r.s().phase).toMatchObject({ step: 'running', online: 3 });
  });

  it("deploys again in place of the graph's running deployment, keeping what did not change", async () => {
    const r = await opened();
    const old = r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    r.editor.getState().updateNode('removeAd', (n) => ({
      ...n,
      params: { ...n.params, threshold: { kind: 'value', n: 50 } },
    }));
    // The hub's stop of the old deployment can reach the editor before the 202 does.
    const steps: string[] = [];
    let heard = false;
    const unsubscribe = r.live.subscribe((state) => {
      steps.push(state.phase.step);
      if (state.phase.step === 'placing' && !heard) {
        heard = true;
        r.s().receiveEvent({
          id: 'e1',
          at: 1,
          kind: 'stop',
          deployment: old.id,
          message: 'stopped',
        });
      }
    });
    await r.s().deploy();
    unsubscribe();
    expect(steps).not.toContain('stopped');
    const id = r.s().deployment?.id;
    expect(id).not.toBe(old.id);
    expect(r.requests.find((q) => q.url.endsWith('/deploy'))?.body).toEqual({
      rev: 2,
      replaces: old.id,
    });
    // The control plane stops it; the editor asks for nothing more.
    expect(r.requests.some((q) => q.method === 'DELETE')).toBe(false);
    expect(old.status).toBe('stopped');
    expect(r.unwatched).toEqual([old.id]);
    expect(r.watched.at(-1)).toBe(id);
    // A new threshold resets nothing: every variable kept its state.
    expect(r.s().phase).toMatchObject({ kept: { reset: [] } });
    const kept = r.s().phase;
    expect(
      kept.step === 'running' || kept.step === 'sending' ? kept.kept?.carried : [],
    ).toHaveLength(7);
  });

  it('ignores snapshots of other deployments and refetches the plan when its version moves', async () => {
    const r = await opened();
    const d = r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    const before = r.s().monitor;
    r.s().receiveSnapshot(snapshotFor('d_elsewhere', []));
    expect(r.s().monitor).toBe(before);

    d.version = 2;
    d.placement = { ...d.placement, nodes: { ...d.placement.nodes, removeAd: ['client-1'] } };
    const gets = () => r.requests.filter((q) => q.url === `/api/deployments/${d.id}`).length;
    const fetched = gets();
    r.s().receiveSnapshot(snapshotFor(d.id, ['client-1'], 2));
    await settle();
    expect(gets()).toBe(fetched + 1);
    expect(r.s().details?.placement.nodes.removeAd).toEqual(['client-1']);
    expect(r.s().deployment?.version).toBe(2);
  });

  it('shows what runs again once the control plane answers after a failed deploy', async () => {
    const r = await opened();
    r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    r.s().setLinkState('online');
    r.editor.getState().updateNode('ads', (n) => ({ ...n, label: 'All ads' }));
    r.reachable.up = false;
    r.s().setLinkState('offline', 'transport close');
    await r.s().deploy();
    expect(r.s().phase).toMatchObject({ step: 'failed' });
    r.reachable.up = true;
    r.s().setLinkState('online');
    expect(r.s().phase).toMatchObject({ step: 'running', online: 3 });

    // The same after a save that works, with the link up all along.
    r.reachable.up = false;
    await r.s().deploy();
    expect(r.s().phase).toMatchObject({ step: 'failed' });
    r.reachable.up = true;
    r.editor.getState().updateNode('ads', (n) => ({ ...n, label: 'Every ad' }));
    await r.editor.getState().save();
    expect(r.s().phase).toMatchObject({ step: 'running', online: 3 });
  });

  it('stops the deployment and forgets it, keeping its last values as final for its graph', async () => {
    const r = await opened();
    const d = r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    const last = r.s().monitor;
    expect(last.snapshot?.deployment).toBe(d.id);
    await r.s().stop();
    expect(d.status).toBe('stopped');
    expect(r.s().deployment).toBeUndefined();
    expect(r.s().phase.step).toBe('stopped');
    expect(r.unwatched).toEqual([d.id]);
    expect(r.s().final).toEqual({ deployment: d.id, graphId: 'g_1' });
    expect(r.s().monitor).toBe(last);
    // Looking again at the same graph keeps them; opening another graph does not.
    await r.s().showGraph('g_1');
    expect(r.s().final?.deployment).toBe(d.id);
    await r.s().showGraph('g_other');
    expect(r.s().final).toBeUndefined();
    expect(r.s().monitor.snapshot).toBeUndefined();
  });

  it('shows a new deployment with fresh values, not the final ones of the stopped one', async () => {
    const r = await opened();
    r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    await r.s().stop();
    expect(r.s().final).toBeDefined();
    const next = r.server.addDeployment('g_1', 1);
    r.s().receiveEvent({
      id: 'e1',
      at: 1,
      kind: 'deploy',
      deployment: next.id,
      message: 'deployed',
    });
    await settle();
    expect(r.s().deployment?.id).toBe(next.id);
    expect(r.s().final).toBeUndefined();
    expect(r.s().monitor.snapshot?.deployment).toBe(next.id);
  });

  it('keeps the newest events first and at most MAX_EVENTS of them', async () => {
    const r = await opened();
    for (let i = 0; i < MAX_EVENTS + 5; i += 1) {
      r.s().receiveEvent(effect(String(i), i));
    }
    expect(r.s().events).toHaveLength(MAX_EVENTS);
    expect(r.s().events[0]?.message).toBe(`effect ${MAX_EVENTS + 4}`);
  });

  it('merges a history by id: nothing twice, newest first, at most MAX_EVENTS', async () => {
    const r = await opened();
    const ids = () => r.s().events.map((e) => e.id);
    r.s().receiveEvent(effect('b-2', 2));
    // A history comes oldest first, and may hold what the editor already has.
    r.s().receiveHistory([effect('a-1', 1), effect('b-2', 2), effect('b-3', 3)]);
    expect(ids()).toEqual(['b-3', 'b-2', 'a-1']);
    // A reconnect: the same history again, and one more.
    r.s().receiveHistory([effect('a-1', 1), effect('b-2', 2), effect('b-3', 3), effect('b-4', 4)]);
    expect(ids()).toEqual(['b-4', 'b-3', 'b-2', 'a-1']);
    // A restarted control plane: a new boot's ids, below nothing it held that is newer.
    r.s().receiveEvent(effect('b-6', 6));
    r.s().receiveHistory([effect('c-1', 5), effect('c-2', 7)]);
    expect(ids()).toEqual(['c-2', 'b-6', 'c-1', 'b-4', 'b-3', 'b-2', 'a-1']);

    const long = Array.from({ length: MAX_EVENTS + 10 }, (_, i) => effect(`d-${i}`, 100 + i));
    r.s().receiveHistory(long);
    expect(r.s().events).toHaveLength(MAX_EVENTS);
    expect(ids()[0]).toBe(`d-${MAX_EVENTS + 9}`);
    expect(ids().at(-1)).toBe('d-10');
    expect(new Set(ids()).size).toBe(MAX_EVENTS);
  });

  it('keeps cleared events cleared when a later history repeats them', async () => {
    const r = await opened();
    const ids = () => r.s().events.map((e) => e.id);
    r.s().receiveHistory([effect('a-1', 10), effect('a-2', 20)]);
    r.s().clearEvents();
    expect(r.s().events).toEqual([]);
    r.s().receiveEvent(effect('a-3', 30));
    // `a-0` is older than what was cleared, though this editor never held it: cleared too.
    const history = [effect('a-0', 5), effect('a-1', 10), effect('a-2', 20), effect('a-3', 30)];
    r.s().receiveHistory([...history, effect('a-4', 40)]);
    expect(ids()).toEqual(['a-4', 'a-3']);
    r.s().clearEvents();
    r.s().receiveHistory([...history, effect('a-4', 40), effect('a-5', 50)]);
    expect(ids()).toEqual(['a-5']);
  });

  it('follows what a history tells of the time away: agents, a deployment stopped', async () => {
    const r = await opened();
    const d = r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    const agentLookups = () => r.requests.filter((q) => q.url === '/api/agents').length;
    const before = agentLookups();
    const joined: HubEventMessage = {
      id: 'a-1',
      at: 1,
      kind: 'agent-joined',
      message: 'server-1 connected',
    };
    r.s().receiveHistory([joined]);
    await settle();
    expect(agentLookups()).toBe(before + 1);
    // Only what the editor had not seen counts: the same history again looks nothing up.
    r.s().receiveHistory([joined]);
    await settle();
    expect(agentLookups()).toBe(before + 1);
    d.status = 'stopped';
    r.s().receiveHistory([
      joined,
      { id: 'a-2', at: 2, kind: 'stop', deployment: d.id, message: 'stopped' },
    ]);
    await settle();
    expect(r.s().deployment).toBeUndefined();
    expect(r.s().phase.step).toBe('stopped');
  });

  it('refreshes the agents when one joins, and drops a deployment stopped elsewhere', async () => {
    const r = await opened();
    const d = r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    r.s().receiveEvent({ id: 'e1', at: 1, kind: 'agent-joined', message: 'client-1 connected' });
    await settle();
    expect(r.s().agents.map((a) => a.name)).toEqual(['client-1', 'client-2', 'server-1']);
    d.status = 'stopped';
    r.s().receiveEvent({ id: 'e2', at: 2, kind: 'stop', deployment: d.id, message: 'stopped' });
    expect(r.s().deployment).toBeUndefined();
    await settle();
    expect(r.s().deployment).toBeUndefined();
    expect(r.s().phase.step).toBe('stopped');
  });

  it('follows a redeploy made elsewhere even when the stop of the old one overtakes the look-up', async () => {
    const r = await opened();
    const old = r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    await settle();
    old.status = 'stopped';
    const replacement = r.server.addDeployment('g_1', 1);
    r.s().receiveEvent({
      id: 'e1',
      at: 1,
      kind: 'deploy',
      deployment: replacement.id,
      message: 'deployed',
    });
    r.s().receiveEvent({ id: 'e2', at: 2, kind: 'stop', deployment: old.id, message: 'stopped' });
    await settle();
    expect(r.s().deployment?.id).toBe(replacement.id);
    expect(r.watched).toContain(replacement.id);
  });

  it('moves an unedited document on to the rev another editor deployed', async () => {
    const r = await opened();
    await r.s().showGraph('g_1');
    const theirs = { ...r.editor.getState().doc, description: 'theirs' };
    r.server.graphs.get('g_1')?.push(JSON.stringify(theirs));
    const deployed = r.server.addDeployment('g_1', 2);
    r.s().receiveEvent({ id: 'e1', at: 1, kind: 'deploy', deployment: deployed.id, message: '' });
    await settle();
    expect(r.s().deployment?.rev).toBe(2);
    expect(r.editor.getState().remote?.rev).toBe(2);
    expect(r.editor.getState().doc).toEqual(theirs);
  });

  it('pokes a variable at an agent and says where it was applied, or why not', async () => {
    const r = await opened();
    const d = r.server.addDeployment('g_1', 1);
    await r.s().showGraph('g_1');
    r.server.setOpsAnswer(202, { appliedAt: 'client-1', applied: 1 });
    const op = { op: 'apply', key: 'a', inner: { op: 'increment' } };
    const done = await r.s().poke('impressions', { op, agent: 'client-1' });
    expect(done).toEqual({ ok: true, text: 'Applied 1 operation at client-1' });
    const sent = r.requests.at(-1);
    expect(sent?.url).toBe(`/api/deployments/${d.id}/variables/impressions/ops`);
    expect(sent?.body).toEqual({ op, agent: 'client-1' });
    r.server.setOpsAnswer(409, { error: 'agent "client-1" is not connected' });
    expect(await r.s().poke('impressions', { op })).toEqual({
      ok: false,
      text: 'agent "client-1" is not connected',
    });
  });
});
