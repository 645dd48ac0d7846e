// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EditorStore } from '../store/editor-store';
import { fakeGraphsServer, TOKEN } from '../store/fake-graphs-server';
import { exportDocument } from '../store/import-document';
import { TOKEN_KEY } from '../store/session-slice';
import { json, memoryStorage, testStore } from '../store/test-store';
import { graphIdInUrl, urlWithGraph, useGraphInUrl } from './use-graph-url';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

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
});
