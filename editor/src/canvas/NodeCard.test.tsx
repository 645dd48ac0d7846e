// @vitest-environment jsdom
import { ReactFlowProvider } from '@xyflow/react';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import '../jsdom-gaps';
import { EditorStoreProvider } from '../store/editor-context';
import { testStore } from '../store/test-store';
import { Canvas } from './Canvas';

afterEach(cleanup);

function renderCanvas(setup: (store: ReturnType<typeof testStore>['store']) => void) {
  const { store } = testStore();
  setup(store);
  render(
    <EditorStoreProvider store={store}>
      <ReactFlowProvider>
        <Canvas />
      </ReactFlowProvider>
    </EditorStoreProvider>,
  );
}

/** What axe's aria-prohibited-attr finds: a name on an element whose (generic) role has none. */
const namedWithoutRole = () =>
  [...document.querySelectorAll<HTMLElement>('.inflow-node [aria-label]')].filter(
    (el) => ['DIV', 'SPAN'].includes(el.tagName) && !el.hasAttribute('role'),
  );

describe('a node card', () => {
  it('names its handles on elements that may carry a name, keeping their test ids', () => {
    renderCanvas((s) => s.getState().loadTemplate('ad-counter'));
    expect(namedWithoutRole().map((el) => el.dataset.testid)).toEqual([]);
    // React Flow keeps unmeasured nodes hidden, so jsdom computes no names: the attributes are read.
    const named = (testId: string) => {
      const el = screen.getByTestId(testId);
      return [el.getAttribute('role'), el.getAttribute('aria-label')];
    };
    expect(named('handle-impressions-out')).toEqual(['img', 'output out of impressions']);
    expect(named('handle-impressions-in')).toEqual(['img', 'input in of impressions']);
  });

  it('names its problem count on an element that may carry a name', () => {
    renderCanvas((s) => s.getState().addNodeOfType('operator', 'filter', { x: 0, y: 0 }));
    expect(namedWithoutRole().map((el) => el.dataset.testid)).toEqual([]);
    const badge = screen.getByTestId('node-problems-filter1');
    expect(badge.getAttribute('role')).toBe('img');
    expect(badge.getAttribute('aria-label')).toMatch(/^\d+ problems?$/);
  });
});
