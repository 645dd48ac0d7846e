// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorStoreProvider } from '../store/editor-context';
import { testStore } from '../store/test-store';
import { EmptyCanvasHint } from './EmptyCanvasHint';

afterEach(cleanup);

describe('the empty canvas hint', () => {
  it('shows on an empty graph, opens a template, and goes once there is a node', () => {
    const { store } = testStore();
    render(
      <EditorStoreProvider store={store}>
        <EmptyCanvasHint />
      </EditorStoreProvider>,
    );
    expect(screen.getByTestId('empty-canvas-hint').textContent).toMatch(/^Drag a type/);
    fireEvent.click(screen.getByTestId('empty-template-leaderboard'));
    expect(store.getState().doc.name).toBe('Leaderboard');
    expect(screen.queryByTestId('empty-canvas-hint')).toBeNull();
    act(() => store.getState().newGraph());
    expect(screen.queryByTestId('empty-canvas-hint')).not.toBeNull();
  });
});
