// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EditorStore } from '../store/editor-store';
import { testStore } from '../store/test-store';
import { clipboardEvent } from './clipboard-event';
import { useClipboard } from './use-clipboard';
import { useShortcuts } from './use-shortcuts';

afterEach(cleanup);

function Harness({ store }: { store: EditorStore }) {
  useShortcuts(store);
  useClipboard(store);
  return <input data-testid="field" />;
}

function setup() {
  const { store } = testStore();
  store.getState().loadTemplate('ad-counter');
  const view = render(<Harness store={store} />);
  return { s: () => store.getState(), field: view.getByTestId('field') };
}

describe('copy, cut and paste through the system clipboard', () => {
  it('leaves Ctrl+C, Ctrl+X and Ctrl+V to the browser, which sends the clipboard events', () => {
    setup();
    for (const key of ['c', 'x', 'v']) {
      expect(fireEvent.keyDown(window, { key, ctrlKey: true })).toBe(true);
    }
  });

  it('puts the selected nodes on the clipboard as a graph document', () => {
    const { s } = setup();
    s().select(['rovioAds', 'ads']);
    const copy = clipboardEvent('copy');
    document.body.dispatchEvent(copy.event);
    expect(copy.event.defaultPrevented).toBe(true);
    const doc = JSON.parse(copy.text()) as { format: string; nodes: { id: string }[] };
    expect(doc.format).toBe('inflow-graph');
    expect(doc.nodes.map((n) => n.id)).toEqual(['rovioAds', 'ads']);

    const cut = clipboardEvent('cut');
    document.body.dispatchEvent(cut.event);
    expect(cut.text()).toBe(copy.text());
    expect(s().doc.nodes.map((n) => n.id)).not.toContain('ads');
  });

  it('pastes nodes another tab copied, and says so when the clipboard holds none', () => {
    const other = testStore().store.getState();
    other.loadTemplate('leaderboard');
    other.select(['scores']);
    const text = other.copySelection() ?? '';
    const { s } = setup();
    const before = s().doc.nodes.length;
    const paste = clipboardEvent('paste', text);
    document.body.dispatchEvent(paste.event);
    expect(paste.event.defaultPrevented).toBe(true);
    expect(s().doc.nodes).toHaveLength(before + 1);
    expect(s().selectedNodeIds).toEqual(['scores']);

    document.body.dispatchEvent(clipboardEvent('paste', 'hello').event);
    expect(s().doc.nodes).toHaveLength(before + 1);
    expect(s().status?.text).toBe('Nothing to paste: the clipboard holds no nodes');
  });

  it('leaves a field its own copy and paste', () => {
    const { s, field } = setup();
    s().select(['ads']);
    const copy = clipboardEvent('copy');
    field.dispatchEvent(copy.event);
    expect(copy.event.defaultPrevented).toBe(false);
    expect(copy.text()).toBe('');
    const doc = s().doc;
    const paste = clipboardEvent('paste', s().clipboardText ?? 'x');
    field.dispatchEvent(paste.event);
    expect(paste.event.defaultPrevented).toBe(false);
    expect(s().doc).toBe(doc);
  });
});
