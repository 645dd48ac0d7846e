// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EditorStore } from '../store/editor-store';
import { fakeGraphsServer, TOKEN } from '../store/fake-graphs-server';
import { exportDocument } from '../store/import-document';
import { TOKEN_KEY } from '../store/session-slice';
import { json, memoryStorage, testStore } from '../store/test-store';
import { graphIdInUrl, urlWithGraph, useGraphInUrl } from './use-graph-url';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  // A new entry, as a navigation makes: the tab's last, with nothing forward of it.
  window.history.pushState(null, '', '/');
});

/** Goes Back or Forward; resolves once that move and those it set off, `count` in all, landed. */
function travel(go: () => void, count: number): Promise<void> {
  const landed = new Promise<void>((resolve) => {
    let left = count;
    const one = () => {
      left -= 1;
      if (left > 0) return;
      window.removeEventListener('popstate', one);
      resolve();
    };
    window.addEventListener('popstate', one);
  });
  go();
  return landed;
}

function Harness({ store }: { store: EditorStore }) {
  useGraphInUrl(store);
  return null;
}

function signedIn() {
  const server = fakeGraphsServer();
  const { store } = testStore({
    respond: server.respond,
    storage: memoryStorage({ [TOKEN_KEY]: TOKEN }),
  });
  return { server, store, s: () => store.getState() };
}

describe('the open graph in the address', () => {
  it('reads and writes the graph parameter, keeping the rest of the address', () => {
    expect(graphIdInUrl('http://h/?graph=g_1')).toBe('g_1');
    expect(graphIdInUrl('http://h/?graph=')).toBeUndefined();
    expect(graphIdInUrl('http://h/')).toBeUndefined();
    expect(urlWithGraph('http://h/?a=1#x', 'g 2')).toBe('http://h/?a=1&graph=g+2#x');
    expect(urlWithGraph('http://h/?graph=g_1&a=1', undefined)).toBe('http://h/?a=1');
  });

  it('opens the graph the address names, as a reload does', async () => {
    const { server, s, store } = signedIn();
    s().loadTemplate('leaderboard');
    server.graphs.set('g_7', { rev: 3, text: exportDocument(s().doc) });
    s().newGraph();
    window.history.replaceState(null, '', '/?graph=g_7');
    render(<Harness store={store} />);
    await waitFor(() => expect(s().remote).toEqual({ id: 'g_7', rev: 3 }));
    expect(s().doc.name).toBe('Leaderboard');
    expect(window.location.search).toBe('?graph=g_7');
    expect(document.title).toBe('Leaderboard · Inflow');
  });

  it('follows what is opened, saved, renamed and closed', async () => {
    const { s, store } = signedIn();
    render(<Harness store={store} />);
    s().loadTemplate('ad-counter');
    expect(window.location.search).toBe('');
    await s().save();
    expect(window.location.search).toBe('?graph=g_1');
    expect(document.title).toBe('Ad counter · Inflow');
    await s().renameGraph('g_1', 'Ads');
    expect(document.title).toBe('Ads · Inflow');
    await s().deleteGraph('g_1');
    expect(window.location.search).toBe('');
    expect(document.title).toBe('Inflow');
  });

  it('drops a graph that is gone from the address, and says why', async () => {
    const { s, store } = signedIn();
    window.history.replaceState(null, '', '/?graph=g_gone');
    render(<Harness store={store} />);
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(s().remote).toBeUndefined();
    expect(s().status).toMatchObject({ kind: 'error' });
    expect(s().status?.text).toContain('g_gone');
  });

  it('keeps a graph it could not ask for in the address, to open on a reload', async () => {
    const { store } = testStore({
      respond: () =>
        json(429, { error: 'too many failed authentication attempts; try again in 47 s' }),
      storage: memoryStorage({ [TOKEN_KEY]: TOKEN }),
    });
    window.history.replaceState(null, '', '/?graph=g_1');
    render(<Harness store={store} />);
    await waitFor(() => expect(store.getState().status?.text).toContain('try again in 47 s'));
    expect(window.location.search).toBe('?graph=g_1');
    expect(store.getState().remote).toBeUndefined();
  });

  describe('Back and Forward', () => {
    /** The two templates stored as g_1 (the ad counter) and g_2 (the leaderboard). */
    async function twoGraphs() {
      const t = signedIn();
      t.s().loadTemplate('ad-counter');
      await t.s().save();
      t.s().loadTemplate('leaderboard');
      await t.s().save();
      t.s().newGraph();
      render(<Harness store={t.store} />);
      return t;
    }

    it('opening another graph adds a history entry, and Back and Forward open each again', async () => {
      const { s } = await twoGraphs();
      const entries = window.history.length;
      await s().openGraph('g_1');
      await s().openGraph('g_2');
      expect(window.history.length).toBe(entries + 2);
      expect(window.location.search).toBe('?graph=g_2');

      window.history.back();
      await waitFor(() => expect(s().remote?.id).toBe('g_1'));
      expect(s().doc.name).toBe('Ad counter');
      expect(window.location.search).toBe('?graph=g_1');
      expect(document.title).toBe('Ad counter · Inflow');

      window.history.forward();
      await waitFor(() => expect(s().remote?.id).toBe('g_2'));
      expect(s().doc.name).toBe('Leaderboard');
      expect(document.title).toBe('Leaderboard · Inflow');
      expect(window.history.length).toBe(entries + 2);

      // Back to before the first: the new graph it started with.
      window.history.go(-2);
      await waitFor(() => expect(s().remote).toBeUndefined());
      expect(s().doc.nodes).toEqual([]);
      expect(document.title).toBe('Inflow');
    });

    it('asks before Back drops unsaved changes, and keeps the open graph in the address when told no', async () => {
      const { s } = await twoGraphs();
      await s().openGraph('g_1');
      await s().openGraph('g_2');
      s().updateNode('scores', (n) => ({ ...n, label: 'mine' }));
      const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);

      window.history.back();
      await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
      expect(confirm.mock.calls[0]?.[0]).toContain('unsaved changes');
      expect(s().remote?.id).toBe('g_2');
      expect(s().doc.nodes.find((n) => n.id === 'scores')?.label).toBe('mine');
      await waitFor(() => expect(window.location.search).toBe('?graph=g_2'));

      // The graph declined is still one step back.
      confirm.mockReturnValue(true);
      window.history.back();
      await waitFor(() => expect(s().remote?.id).toBe('g_1'));
      expect(confirm).toHaveBeenCalledTimes(2);
    });

    it('keeps the graph open when Back names one deleted since, says why, and names it in one entry', async () => {
      const { s, server } = await twoGraphs();
      await s().openGraph('g_1');
      await s().openGraph('g_2');
      const openedIn: unknown = window.history.state;
      server.graphs.delete('g_1');
      window.history.back();
      await waitFor(() => expect(s().status?.text).toContain('g_1'));
      expect(s().status?.kind).toBe('error');
      expect(s().remote?.id).toBe('g_2');
      // Back in the entry g_2 was opened in: the deleted graph's entry does not name it too.
      await waitFor(() => expect(window.history.state).toEqual(openedIn));
      expect(window.location.search).toBe('?graph=g_2');

      // From then on, Back and Forward pass over the deleted graph, asking nothing.
      const confirm = vi.spyOn(window, 'confirm');
      window.history.back();
      await waitFor(() => expect(s().remote).toBeUndefined());
      expect(window.location.search).toBe('');
      window.history.forward();
      await waitFor(() => expect(s().remote?.id).toBe('g_2'));
      expect(window.history.state).toEqual(openedIn);
      expect(window.location.search).toBe('?graph=g_2');
      expect(confirm).not.toHaveBeenCalled();
    });

    it('keeps the graph open when Forward names one deleted since, in its own entry', async () => {
      const { s, server } = await twoGraphs();
      await s().openGraph('g_1');
      await s().openGraph('g_2');
      window.history.back();
      await waitFor(() => expect(s().remote?.id).toBe('g_1'));
      const openedIn: unknown = window.history.state;
      server.graphs.delete('g_2');
      window.history.forward();
      await waitFor(() => expect(s().status?.text).toContain('g_2'));
      expect(s().remote?.id).toBe('g_1');
      await waitFor(() => expect(window.history.state).toEqual(openedIn));
      expect(window.location.search).toBe('?graph=g_1');

      // With no entry beyond the deleted graph's, Forward again stays where it was.
      await travel(() => window.history.forward(), 2);
      expect(window.history.state).toEqual(openedIn);
      expect(window.location.search).toBe('?graph=g_1');
      expect(s().remote?.id).toBe('g_1');
    });

    it("stays on the graph open when Back finds the deleted graph in the tab's first entry", async () => {
      const { s, server, store } = signedIn();
      s().loadTemplate('ad-counter');
      await s().save();
      s().loadTemplate('leaderboard');
      await s().save();
      // A tab opened at the ad counter's address: its entry is the tab's first.
      window.history.replaceState(null, '', '/?graph=g_1');
      const length = vi.spyOn(window.history, 'length', 'get').mockReturnValue(1);
      render(<Harness store={store} />);
      length.mockRestore();
      await waitFor(() => expect(s().remote?.id).toBe('g_1'));
      await s().openGraph('g_2');
      const openedIn: unknown = window.history.state;
      server.graphs.delete('g_1');
      await travel(() => window.history.back(), 2);
      expect(s().status?.text).toContain('g_1');

      // Back again has nowhere to go: the leaderboard stays, named by its own entry only.
      await travel(() => window.history.back(), 2);
      expect(window.history.state).toEqual(openedIn);
      expect(window.location.search).toBe('?graph=g_2');
      expect(s().remote?.id).toBe('g_2');
    });

    it('names a new graph in the same entry when it is first saved, and when saved as a new one', async () => {
      const { s, server, store } = signedIn();
      render(<Harness store={store} />);
      s().loadTemplate('ad-counter');
      const entries = window.history.length;
      await s().save();
      expect(window.location.search).toBe('?graph=g_1');
      // Deleted in another tab: saved again as a new graph, in place of the one gone.
      server.graphs.delete('g_1');
      s().updateNode('ads', (n) => ({ ...n, label: 'mine' }));
      expect(await s().save()).toBe(false);
      expect(s().conflict?.cause).toBe('gone');
      expect(await s().saveAsNew()).toBe(true);
      expect(window.location.search).toBe('?graph=g_2');
      expect(window.history.length).toBe(entries);
    });
  });
});
