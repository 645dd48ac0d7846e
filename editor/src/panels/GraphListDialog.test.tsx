// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../jsdom-gaps';
import { EditorStoreProvider } from '../store/editor-context';
import { fakeGraphsServer, TOKEN } from '../store/fake-graphs-server';
import { TOKEN_KEY } from '../store/session-slice';
import { memoryStorage, testStore } from '../store/test-store';
import { GraphListDialog } from './GraphListDialog';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/**
 * Stored in this order: "Ad counter" g_1, "Leaderboard" g_2, "Ad counter" g_3, then g_1 saved
 * again; the new graph left open is unsaved. The list is then opened.
 */
async function threeGraphs() {
  const server = fakeGraphsServer();
  const { store } = testStore({
    respond: server.respond,
    storage: memoryStorage({ [TOKEN_KEY]: TOKEN }),
  });
  const s = () => store.getState();
  for (const template of ['ad-counter', 'leaderboard', 'ad-counter']) {
    s().loadTemplate(template);
    await s().save();
  }
  await s().openGraph('g_1');
  s().updateNode('ads', (n) => ({ ...n, label: 'Every ad' }));
  await s().save();
  s().newGraph();
  render(
    <EditorStoreProvider store={store}>
      <GraphListDialog />
    </EditorStoreProvider>,
  );
  act(() => s().setGraphsOpen(true));
  await waitFor(() => expect(listed()).toHaveLength(3));
  return { s, server };
}

const listed = () =>
  screen
    .queryAllByTestId(/^graph-item-/)
    .map((li) => li.getAttribute('data-testid')?.replace('graph-item-', ''));
const search = () => screen.getByTestId('graph-search');
const type = (text: string) => fireEvent.change(search(), { target: { value: text } });

describe('the graph list', () => {
  it('lists the most recently changed first, and tells graphs of one name apart', async () => {
    await threeGraphs();
    expect(listed()).toEqual(['g_1', 'g_3', 'g_2']);
    expect(screen.getByTestId('graph-count').textContent).toBe('Most recently changed first');
    const [first, second] = ['g_1', 'g_3'].map((id) => screen.getByTestId(`graph-meta-${id}`));
    expect(first?.textContent).toMatch(/^changed .+ · rev 2 · g_1$/);
    expect(second?.textContent).toMatch(/^changed .+ · rev 1 · g_3$/);
    expect(first?.querySelector('time')?.getAttribute('dateTime')).toBe('2030-01-01T00:00:04.000Z');
  });

  it('finds graphs by name or id as it is typed, and says how many match', async () => {
    await threeGraphs();
    expect(search().getAttribute('aria-label')).toBe('Search graphs by name or id');
    type('AD COUNTER');
    expect(listed()).toEqual(['g_1', 'g_3']);
    expect(screen.getByTestId('graph-count').textContent).toBe(
      '2 of 3 match; Enter opens the first',
    );
    type('g_2');
    expect(listed()).toEqual(['g_2']);
    type('nothing like it');
    expect(listed()).toEqual([]);
    expect(screen.getByTestId('graph-count').textContent).toBe(
      'No graph matches “nothing like it”',
    );
  });

  it('opens the first match on Enter, asking first about unsaved changes', async () => {
    const { s } = await threeGraphs();
    s().loadTemplate('leaderboard');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    type('ad counter');
    fireEvent.keyDown(search(), { key: 'Enter' });
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(s().remote).toBeUndefined();

    confirm.mockReturnValue(true);
    fireEvent.keyDown(search(), { key: 'Enter' });
    await waitFor(() => expect(s().remote?.id).toBe('g_1'));
    expect(s().graphsOpen).toBe(false);
  });

  it('clears the search on Escape, and closes the list on the next', async () => {
    const { s } = await threeGraphs();
    type('board');
    fireEvent.keyDown(search(), { key: 'Escape' });
    expect(search()).toHaveProperty('value', '');
    expect(listed()).toEqual(['g_1', 'g_3', 'g_2']);
    expect(s().graphsOpen).toBe(true);
    fireEvent.keyDown(search(), { key: 'Escape' });
    expect(s().graphsOpen).toBe(false);
  });
});
