// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import '../jsdom-gaps';
import { useShortcuts } from '../keyboard/use-shortcuts';
import { EditorStoreProvider } from '../store/editor-context';
import type { EditorStore } from '../store/editor-store';
import { testStore } from '../store/test-store';
import { FindNodeDialog } from './FindNodeDialog';

afterEach(cleanup);

function Harness({ store }: { store: EditorStore }) {
  useShortcuts(store);
  return <FindNodeDialog />;
}

function setup() {
  const { store } = testStore();
  store.getState().loadTemplate('ad-counter');
  render(
    <EditorStoreProvider store={store}>
      <Harness store={store} />
    </EditorStoreProvider>,
  );
  return { s: () => store.getState() };
}

const input = () => screen.getByTestId('find-node-input');
const options = () => screen.getAllByRole('option');
const activeOption = () => options().find((o) => o.getAttribute('aria-selected') === 'true');

describe('finding a node', () => {
  it('opens with Ctrl+F on the page, focused, listing every node', () => {
    const { s } = setup();
    expect(screen.queryByTestId('find-node')).toBeNull();
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    expect(s().findOpen).toBe(true);
    expect(document.activeElement).toBe(input());
    expect(options()).toHaveLength(10);
    expect(screen.getByTestId('find-node-count').textContent).toBe('10 of 10 nodes');
  });

  it('narrows as the user types and says where a word matched', () => {
    setup();
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    fireEvent.change(input(), { target: { value: 'x[1]' } });
    expect(options().map((o) => o.dataset.testid)).toEqual(['find-node-option-adsWithContracts']);
    expect(options()[0]?.textContent).toContain('predicate: x[0].id == x[1].id');
    expect(input().getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
    fireEvent.change(input(), { target: { value: 'nothing like it' } });
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(screen.getByTestId('find-node-count').textContent).toBe(
      'No node matches “nothing like it”.',
    );
  });

  it('moves with the arrows, wrapping, and Enter selects, centres on the node and closes', () => {
    const { s } = setup();
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    fireEvent.change(input(), { target: { value: 'ads' } });
    expect(activeOption()?.dataset.testid).toBe('find-node-option-ads');
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    expect(activeOption()).toBe(options().at(-1));
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(activeOption()?.dataset.testid).toBe('find-node-option-adsContracts');
    const seq = s().focus?.seq ?? 0;
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(s().selectedNodeIds).toEqual(['adsContracts']);
    expect(s().focus).toEqual({ seq: seq + 1, nodeIds: ['adsContracts'] });
    expect(s().findOpen).toBe(false);
    expect(screen.queryByTestId('find-node')).toBeNull();
  });

  it('selects a clicked node', () => {
    const { s } = setup();
    act(() => s().setFindOpen(true));
    fireEvent.click(screen.getByTestId('find-node-option-removeAd'));
    expect(s().selectedNodeIds).toEqual(['removeAd']);
    expect(s().findOpen).toBe(false);
  });

  it('closes on Escape or a press outside, changing nothing, and opens empty again', () => {
    const { s } = setup();
    act(() => s().select(['ads']));
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    fireEvent.change(input(), { target: { value: 'riot' } });
    fireEvent.keyDown(input(), { key: 'Escape' });
    expect(s().findOpen).toBe(false);
    expect(s().selectedNodeIds).toEqual(['ads']);
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    expect((input() as HTMLInputElement).value).toBe('');
    const dialog = screen.getByTestId('find-node');
    fireEvent.click(dialog);
    expect(s().findOpen).toBe(true);
    fireEvent.click(dialog.parentElement as HTMLElement);
    expect(s().findOpen).toBe(false);
    expect(s().selectedNodeIds).toEqual(['ads']);
  });

  it('gives the focus back to where it was', () => {
    const { s } = setup();
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    fireEvent.keyDown(button, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(input());
    fireEvent.keyDown(input(), { key: 'Escape' });
    expect(document.activeElement).toBe(button);
    fireEvent.keyDown(button, { key: 'f', ctrlKey: true });
    fireEvent.change(input(), { target: { value: 'riot' } });
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(s().selectedNodeIds).toEqual(['riotAds']);
    expect(document.activeElement).toBe(button);
    button.remove();
  });

  it('leaves Ctrl+F to the browser in a text field', () => {
    const { s } = setup();
    const field = document.createElement('input');
    document.body.append(field);
    fireEvent.keyDown(field, { key: 'f', ctrlKey: true });
    expect(s().findOpen).toBe(false);
    field.remove();
  });
});
