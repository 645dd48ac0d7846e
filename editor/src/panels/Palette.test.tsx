// @vitest-environment jsdom
import { ReactFlowProvider } from '@xyflow/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorStoreProvider } from '../store/editor-context';
import { testStore } from '../store/test-store';
import { Palette } from './Palette';

afterEach(cleanup);

function renderPalette() {
  const { store } = testStore();
  render(
    <EditorStoreProvider store={store}>
      <ReactFlowProvider>
        <Palette />
      </ReactFlowProvider>
    </EditorStoreProvider>,
  );
  return store;
}

describe('the palette', () => {
  it('names each type button starting with the label it shows (WCAG 2.5.3)', () => {
    renderPalette();
    const palette = screen.getByTestId('palette');
    const buttons = within(palette).getAllByRole('button');
    expect(buttons.length).toBeGreaterThan(20);
    const startsWithLabel = within(palette).getAllByRole('button', {
      name: (name, el) => {
        const label = el?.querySelector('.palette-item-name')?.textContent;
        return label !== undefined && label !== null && name.startsWith(`${label} `);
      },
    });
    expect(startsWithLabel).toEqual(buttons);
  });

  it('adds a type when its button, found by its label, is clicked', () => {
    const store = renderPalette();
    const button = screen.getByRole('button', { name: /^gcounter / });
    expect(button.dataset.testid).toBe('palette-variable-gcounter');
    fireEvent.click(button);
    expect(store.getState().doc.nodes.map((n) => n.type)).toEqual(['gcounter']);
  });
});
