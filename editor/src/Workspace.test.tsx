// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import './jsdom-gaps';
import { EditorStoreProvider } from './store/editor-context';
import { testStore } from './store/test-store';
import { Workspace } from './Workspace';

// jsdom has no ResizeObserver (React Flow measures with it) nor matchMedia (the narrow-window
// layout asks it); neither matters to these tests.
beforeAll(() => {
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }) as unknown as MediaQueryList;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

function renderWorkspace() {
  const { store } = testStore();
  store.getState().loadTemplate('ad-counter');
  render(
    <EditorStoreProvider store={store}>
      <Workspace />
    </EditorStoreProvider>,
  );
}

describe('the workspace', () => {
  it('starts the Tab order with a link that skips to the canvas', () => {
    renderWorkspace();
    const first = document.querySelector<HTMLElement>(
      'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])',
    );
    const link = screen.getByRole('link', { name: 'Skip to canvas' });
    expect(first).toBe(link);
    fireEvent.click(link);
    expect(document.activeElement).toBe(screen.getByRole('main', { name: 'Canvas' }));
  });

  it('has one top-level heading', () => {
    renderWorkspace();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});
