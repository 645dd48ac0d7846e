import { afterEach, describe, expect, it } from 'vitest';
import type { AgentTokenRecord, Store } from './store.js';

/** A fresh, empty store, a way to open it again on the same data, and a clean-up. */
export interface StoreFixture {
  store: Store;
  /** Closes `store` and opens a new one over the same data. */
  reopen: () => Promise<Store>;
  dispose: () => Promise<void>;
}

const token = (id: string, over: Partial<AgentTokenRecord> = {}): AgentTokenRecord => ({
  id,
  name: null,
  labels: {},
  trusted: false,
  tokenHash: `hash-of-${id}`,
  createdAt: 1_000,
  ...over,
});

const doc = (name: string) => JSON.stringify({ format: 'inflow-graph', name, nodes: [] });

/**
 * What every Store backend must do, so a PostgreSQL store can be checked by the same suite:
 * `storeContract('postgres', makePgFixture)`.
 */
export function storeContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture | undefined;
    const open = async () => {
      fixture = await makeStore();
      return fixture.store;
    };
    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });

    describe('settings', () => {
      it('when a setting is put twice, then the last value is read back', async () => {
        const store = await open();
        expect(await store.getSetting('k')).toBeUndefined();
        await store.putSetting('k', 'one');
        await store.putSetting('k', 'two');
        expect(await store.getSetting('k')).toBe('two');
      });
    });

    describe('graphs', () => {
      it('when a graph is inserted, then it is at rev 1 with its document byte for byte', async () => {
        const store = await open();
        await store.insertGraph({ id: 'g1', name: 'One', document: doc('One'), at: 5 });
        expect(await store.getGraph('g1')).toEqual({
          id: 'g1',
          rev: 1,
          name: 'One',
          document: doc('One'),
          createdAt: 5,
        });
        expect(await store.listGraphs()).toEqual([
          { id: 'g1', name: 'One', rev: 1, createdAt: 5, updatedAt: 5 },
        ]);
      });

      it('when a graph is updated from its current rev, then a new revision is added and the old one kept', async () => {
        const store = await open();
        await store.insertGraph({ id: 'g1', name: 'One', document: doc('One'), at: 5 });
        const result = await store.updateGraph({
          id: 'g1',
          baseRev: 1,
          name: 'Two',
          document: doc('Two'),
          at: 9,
        });
        expect(result).toEqual({ status: 'updated', rev: 2 });
        expect((await store.getGraph('g1'))?.document).toBe(doc('Two'));
        expect((await store.getGraph('g1', 1))?.document).toBe(doc('One'));
        expect(await store.listGraphs()).toEqual([
          { id: 'g1', name: 'Two', rev: 2, createdAt: 5, updatedAt: 9 },
        ]);
      });

      it('when an update is based on a stale rev, then it is refused and nothing changes', async () => {
        const store = await open();
        await store.insertGraph({ id: 'g1', name: 'One', document: doc('One'), at: 5 });
        await store.updateGraph({ id: 'g1', baseRev: 1, name: 'Two', document: doc('Two'), at: 6 });
        const stale = await store.updateGraph({
          id: 'g1',
          baseRev: 1,
          name: 'Three',
          document: doc('Three'),
          at: 7,
        });
        expect(stale).toEqual({ status: 'stale', currentRev: 2 });
        expect((await store.getGraph('g1'))?.document).toBe(doc('Two'));
        expect(await store.getGraph('g1', 3)).toBeUndefined();
      });

      it('when an unknown graph is read or updated, then it is reported missing', async () => {
        const store = await open();
        expect(await store.getGraph('nope')).toBeUndefined();
        const result = await store.updateGraph({
          id: 'nope',
          baseRev: 1,
          name: 'x',
          document: doc('x'),
          at: 1,
        });
        expect(result).toEqual({ status: 'missing' });
        expect(await store.listGraphs()).toEqual([]);
      });
    });

    describe('agent tokens', () => {
      it('when a token is inserted, then it is found by hash and by id, and listed', async () => {
        const store = await open();
        const t = token('t1', { name: 'edge-1', labels: { role: 'client' }, trusted: true });
        expect(await store.insertAgentToken(t)).toBe('created');
        expect(await store.findAgentTokenByHash('hash-of-t1')).toEqual(t);
        expect(await store.getAgentToken('t1')).toEqual(t);
        expect(await store.listAgentTokens()).toEqual([t]);
        expect(await store.findAgentTokenByHash('other')).toBeUndefined();
      });

      it('when two tokens reserve the same name, then the second is refused', async () => {
        const store = await open();
        await store.insertAgentToken(token('t1', { name: 'edge-1' }));
        expect(await store.insertAgentToken(token('t2', { name: 'edge-1' }))).toBe('name-taken');
        expect(await store.listAgentTokens()).toHaveLength(1);
      });

      it('when a token is deleted, then it and its agent are gone', async () => {
        const store = await open();
        await store.insertAgentToken(token('t1'));
        await store.recordAgentConnected({ id: 't1', name: 'a', labels: {}, at: 2 });
        expect(await store.deleteAgentToken('t1')).toBe(true);
        expect(await store.deleteAgentToken('t1')).toBe(false);
        expect(await store.findAgentTokenByHash('hash-of-t1')).toBeUndefined();
        expect(await store.listAgents()).toEqual([]);
      });
    });

    describe('agents', () => {
      it('when an agent connects, then it is online with the trust of its token', async () => {
        const store = await open();
        await store.insertAgentToken(token('t1', { trusted: true }));
        const result = await store.recordAgentConnected({
          id: 't1',
          name: 'srv',
          labels: { role: 'server' },
          at: 3,
        });
        const agent = {
          id: 't1',
          name: 'srv',
          labels: { role: 'server' },
          trusted: true,
          online: true,
          firstSeen: 3,
          lastSeen: 3,
        };
        expect(result).toEqual({ status: 'connected', agent });
        expect(await store.listAgents()).toEqual([agent]);
      });

      it('when an agent disconnects and reconnects, then last seen and first seen are kept apart', async () => {
        const store = await open();
        await store.insertAgentToken(token('t1'));
        await store.recordAgentConnected({ id: 't1', name: 'a', labels: {}, at: 3 });
        await store.recordAgentDisconnected('t1', 8);
        expect(await store.listAgents()).toMatchObject([{ online: false, lastSeen: 8 }]);
        await store.recordAgentConnected({ id: 't1', name: 'b', labels: { x: 'y' }, at: 10 });
        expect(await store.listAgents()).toMatchObject([
          { name: 'b', labels: { x: 'y' }, online: true, firstSeen: 3, lastSeen: 10 },
        ]);
      });

      it('when the name is held by another agent or token, then the connection is refused', async () => {
        const store = await open();
        await store.insertAgentToken(token('t1'));
        await store.insertAgentToken(token('t2'));
        await store.insertAgentToken(token('t3', { name: 'reserved' }));
        await store.recordAgentConnected({ id: 't1', name: 'a', labels: {}, at: 1 });
        expect(
          await store.recordAgentConnected({ id: 't2', name: 'a', labels: {}, at: 2 }),
        ).toEqual({ status: 'name-taken', by: 't1' });
        expect(
          await store.recordAgentConnected({ id: 't2', name: 'reserved', labels: {}, at: 2 }),
        ).toEqual({ status: 'name-taken', by: 't3' });
        expect(await store.listAgents()).toHaveLength(1);
      });

      it('when the token is unknown, then no agent row is written', async () => {
        const store = await open();
        const result = await store.recordAgentConnected({ id: 'x', name: 'a', labels: {}, at: 1 });
        expect(result).toEqual({ status: 'no-token' });
        expect(await store.listAgents()).toEqual([]);
      });

      it('when all agents are marked offline, then none is online', async () => {
        const store = await open();
        await store.insertAgentToken(token('t1'));
        await store.insertAgentToken(token('t2'));
        await store.recordAgentConnected({ id: 't1', name: 'a', labels: {}, at: 1 });
        await store.recordAgentConnected({ id: 't2', name: 'b', labels: {}, at: 1 });
        await store.markAllAgentsOffline(4);
        expect((await store.listAgents()).map((a) => [a.online, a.lastSeen])).toEqual([
          [false, 4],
          [false, 4],
        ]);
      });
    });

    describe('deployments and the hub', () => {
      const deployment = (id: string) => ({
        id,
        graphId: 'g1',
        rev: 1,
        status: 'running' as const,
        version: 1,
        placement: '{"nodes":{}}',
        createdAt: 10,
        updatedAt: 10,
      });
      const ref = { deployment: 'd1', variable: 'v' };

      it('when placed again, then only the next version of a running deployment is recorded, with its former hosts', async () => {
        let store = await open();
        await store.insertGraph({ id: 'g1', name: 'One', document: doc('One'), at: 5 });
        await store.insertDeployment(deployment('d1'));
        expect(await store.getDeployment('d1')).not.toHaveProperty('formerHosts');
        const place = (version: number) =>
          store.updatePlacement({
            id: 'd1',
            version,
            placement: `{"v":${version}}`,
            formerHosts: `{"a":["v${version}"]}`,
            at: 11,
          });
        expect(await place(3)).toBe(false);
        expect(await place(2)).toBe(true);
        expect(await place(2)).toBe(false);
        const placed = { version: 2, placement: '{"v":2}', formerHosts: '{"a":["v2"]}' };
        expect(await store.getDeployment('d1')).toMatchObject(placed);
        store = await fixture!.reopen();
        expect(await store.getDeployment('d1')).toMatchObject(placed);
        expect(await store.stopDeployment('d1', 12)).toBe(true);
        expect(await store.stopDeployment('d1', 13)).toBe(false);
        expect(await place(3)).toBe(false);
        // Kept once stopped: late deltas of a replaced deployment still need them.
        expect(await store.listDeployments()).toMatchObject([
          { id: 'd1', status: 'stopped', ...placed },
        ]);
      });

      it('when the hub saves a state, then the deltas before it are dropped in the same step', async () => {
        const store = await open();
        await store.insertGraph({ id: 'g1', name: 'One', document: doc('One'), at: 5 });
        await store.insertDeployment(deployment('d1'));
        store.hub.appendDelta(ref, new Uint8Array([1]));
        store.hub.appendDelta(ref, new Uint8Array([2]));
        expect(store.hub.load(ref)).toEqual({ deltas: [new Uint8Array([1]), new Uint8Array([2])] });
        store.hub.saveState(ref, new Uint8Array([9]));
        store.hub.appendDelta(ref, new Uint8Array([3]));
        const again = await fixture!.reopen();
        expect(again.hub.load(ref)).toEqual({
          state: new Uint8Array([9]),
          deltas: [new Uint8Array([3])],
        });
      });

      it('when a deployment is inserted with a seed, then its state and effects come with it, or nothing does', async () => {
        const store = await open();
        await store.insertGraph({ id: 'g1', name: 'One', document: doc('One'), at: 5 });
        await store.insertDeployment(deployment('d1'));
        const done = { deployment: 'd1', node: 'n', key: 'k', holder: 'a', grants: 1 };
        const seed = {
          states: new Map([['v', new Uint8Array([7])]]),
          effects: [{ ...done, status: 'done' as const }],
        };
        const twice = { ...seed, effects: [...seed.effects, ...seed.effects] };
        await expect(
          store.insertDeployment({ ...deployment('d2'), replaces: 'd1' }, twice),
        ).rejects.toThrow();
        expect(await store.getDeployment('d2')).toBeUndefined();
        expect(store.hub.load({ deployment: 'd2', variable: 'v' })).toEqual({ deltas: [] });

        await store.insertDeployment({ ...deployment('d2'), replaces: 'd1' }, seed);
        const again = await fixture!.reopen();
        expect(await again.getDeployment('d2')).toMatchObject({ id: 'd2', replaces: 'd1' });
        expect(await again.getDeployment('d2')).not.toHaveProperty('replacedBy');
        expect(await again.getDeployment('d1')).not.toHaveProperty('replaces');
        expect(await again.getDeployment('d1')).toMatchObject({ replacedBy: 'd2' });
        expect(
          (await again.listDeployments()).map((d) => [d.id, d.replaces, d.replacedBy]),
        ).toEqual([
          ['d1', undefined, 'd2'],
          ['d2', 'd1', undefined],
        ]);
        expect(again.hub.load({ deployment: 'd2', variable: 'v' })).toEqual({
          state: new Uint8Array([7]),
          deltas: [],
        });
        expect(again.effects.list('d2')).toEqual([{ ...done, deployment: 'd2', status: 'done' }]);
        expect(again.effects.list('d1')).toEqual([]);
      });

      it('when a graph is deleted, then only with no running deployment, and all of it goes', async () => {
        const store = await open();
        await store.insertGraph({ id: 'g1', name: 'One', document: doc('One'), at: 5 });
        await store.updateGraph({ id: 'g1', baseRev: 1, name: 'Two', document: doc('Two'), at: 6 });
        await store.insertDeployment(deployment('d1'));
        store.hub.appendDelta(ref, new Uint8Array([1]));
        const effect = { deployment: 'd1', node: 'n', key: 'k', holder: 'a', grants: 1 };
        store.effects.insert({ ...effect, status: 'granted' });
        expect(await store.deleteGraph('g1')).toEqual({ status: 'running', deployments: ['d1'] });
        expect((await store.getGraph('g1'))?.rev).toBe(2);
        await store.stopDeployment('d1', 20);
        expect(await store.deleteGraph('g1')).toEqual({ status: 'deleted' });
        expect(await store.getGraph('g1', 1)).toBeUndefined();
        expect(await store.listGraphs()).toEqual([]);
        expect(await store.getDeployment('d1')).toBeUndefined();
        expect(store.hub.load(ref)).toEqual({ deltas: [] });
        expect(store.effects.list('d1')).toEqual([]);
        expect(await store.deleteGraph('g1')).toEqual({ status: 'missing' });
      });

      it('when two claimants insert the same effect, then exactly one row goes in', async () => {
        const store = await open();
        await store.insertGraph({ id: 'g1', name: 'One', document: doc('One'), at: 5 });
        await store.insertDeployment(deployment('d1'));
        const record = {
          deployment: 'd1',
          node: 'n',
          key: 'k',
          holder: 'a',
          status: 'granted' as const,
          grants: 1,
        };
        expect(store.effects.insert(record)).toBe(true);
        expect(store.effects.insert({ ...record, holder: 'b' })).toBe(false);
        store.effects.replace({ ...record, status: 'done' });
        expect(store.effects.list('d1')).toEqual([{ ...record, status: 'done' }]);
      });
    });

    describe('hub events', () => {
      it('when events are appended, then the newest are read oldest first and old ones go', async () => {
        const store = await open();
        const event = (seq: number) =>
          seq % 2 === 0
            ? {
                seq,
                at: seq * 10,
                kind: 'effect' as const,
                message: `e${seq}`,
                deployment: 'd1',
                node: 'removeAd',
              }
            : { seq, at: seq * 10, kind: 'agent-joined' as const, message: `a${seq} connected` };
        await store.appendHubEvents([event(1), event(2)], 3);
        await store.appendHubEvents([], 3);
        await store.appendHubEvents([event(3), event(4), event(5)], 3);
        expect(await store.recentHubEvents(2)).toEqual([event(4), event(5)]);
        expect(await store.recentHubEvents(10)).toEqual([event(3), event(4), event(5)]);
        const again = await fixture!.reopen();
        expect(await again.recentHubEvents(10)).toEqual([event(3), event(4), event(5)]);
      });
    });

    describe('durability', () => {
      it('when the store is reopened, then everything written is still there', async () => {
        const store = await open();
        await store.putSetting('admin', 'h');
        await store.insertGraph({ id: 'g1', name: 'One', document: doc('One'), at: 5 });
        await store.updateGraph({ id: 'g1', baseRev: 1, name: 'Two', document: doc('Two'), at: 6 });
        await store.insertAgentToken(token('t1', { labels: { a: 'b' } }));
        await store.recordAgentConnected({ id: 't1', name: 'a', labels: {}, at: 7 });
        const again = await fixture!.reopen();
        expect(await again.getSetting('admin')).toBe('h');
        expect((await again.getGraph('g1', 1))?.document).toBe(doc('One'));
        expect((await again.getGraph('g1'))?.rev).toBe(2);
        expect(await again.listAgentTokens()).toEqual([token('t1', { labels: { a: 'b' } })]);
        expect(await again.listAgents()).toMatchObject([{ id: 't1', name: 'a' }]);
      });
    });
  });
}
