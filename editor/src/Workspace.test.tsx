// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import './jsdom-gaps';
import { EditorStoreProvider } from './store/editor-context';
import { testStore } from './store/test-store';
import { Workspace } from './Workspace';

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
