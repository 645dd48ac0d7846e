// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import '../jsdom-gaps';
import { useShortcuts } from '../keyboard/use-shortcuts';
import { EditorStoreProvider } from '../store/editor-context';
import type { EditorStore } from '../store/editor-store';
import { testStore } from '../store/test-store';
import { FindNodeDialog } from './FindNodeDialog';
import { GraphListDialog } from './GraphListDialog';
import { HelpPanel } from './HelpPanel';
import { ImportProblemsDialog, PasteImportDialog } from './ImportDialog';

afterEach(cleanup);

/** The page's dialogs and shortcuts, with a button to open each from, as the toolbar has. */
function Page({ store }: { store: EditorStore }) {
  useShortcuts(store);
  const s = () => store.getState();
  return (
    <>
      <button type="button" data-testid="opener-help" onClick={() => s().setHelpOpen(true)}>
        ?
      </button>
      <button type="button" data-testid="opener-graphs" onClick={() => s().setGraphsOpen(true)}>
        Graphs…
      </button>
      <button type="button" data-testid="opener-paste" onClick={() => s().setPasteImportOpen(true)}>
        Paste…
      </button>
      <HelpPanel />
      <GraphListDialog />
      <FindNodeDialog />
      <ImportProblemsDialog />
      <PasteImportDialog />
    </>
  );
}

function setup() {
  const { store } = testStore();
  render(
    <EditorStoreProvider store={store}>
      <Page store={store} />
    </EditorStoreProvider>,
  );
  const open = (which: 'help' | 'graphs' | 'paste') => {
    const opener = screen.getByTestId(`opener-${which}`);
    opener.focus();
    fireEvent.click(opener);
    return opener;
  };
  return { s: () => store.getState(), store, open };
}

const focused = () => (document.activeElement as HTMLElement | null)?.dataset.testid;

describe('the dialogs', () => {
  it('move focus into the help, keep Tab inside it and give focus back when closed', () => {
    const { s, open } = setup();
    const opener = open('help');
    const dialog = screen.getByTestId('help-panel');
    expect(dialog.contains(document.activeElement)).toBe(true);
    // Its one control: Tab and Shift+Tab stay on it rather than reaching the page behind.
    fireEvent.keyDown(document.activeElement ?? dialog, { key: 'Tab' });
    expect(focused()).toBe('help-close');
    fireEvent.keyDown(document.activeElement ?? dialog, { key: 'Tab', shiftKey: true });
    expect(focused()).toBe('help-close');
    fireEvent.keyDown(document.activeElement ?? dialog, { key: 'Escape' });
    expect(s().helpOpen).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('make the page behind inert while open, and only what they made inert live again', () => {
    const { open } = setup();
    const other = screen.getByTestId('opener-graphs');
    other.setAttribute('inert', '');
    const opener = open('help');
    expect(opener.closest('[inert]')).not.toBeNull();
    expect(screen.getByTestId('help-panel').closest('[inert]')).toBeNull();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(opener.closest('[inert]')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(other.hasAttribute('inert')).toBe(true);
  });

  it('wraps Tab from the last control of the paste dialog to its first, and back', () => {
    const { open } = setup();
    open('paste');
    expect(focused()).toBe('import-text');
    const buttons = screen.getByTestId('import-paste-dialog').querySelectorAll('button');
    const last = buttons[buttons.length - 1];
    last?.focus();
    fireEvent.keyDown(last ?? document.body, { key: 'Tab' });
    expect(focused()).toBe('import-text');
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it('close the paste dialog on Escape, typing in it or from the page, and start it empty', () => {
    const { s, open } = setup();
    const opener = open('paste');
    fireEvent.change(screen.getByTestId('import-text'), { target: { value: '{' } });
    fireEvent.keyDown(screen.getByTestId('import-text'), { key: 'Escape' });
    expect(s().pasteImportOpen).toBe(false);
    expect(document.activeElement).toBe(opener);

    open('paste');
    expect(screen.getByTestId('import-text')).toHaveProperty('value', '');
    act(() => document.body.focus());
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(s().pasteImportOpen).toBe(false);
    expect(screen.queryByTestId('import-paste-dialog')).toBeNull();
  });

  it('cancel a rename on Escape in its input, then close the graph list on the next', () => {
    const { s, store, open } = setup();
    const summary = { id: 'g_1', name: 'Ads', rev: 2, updatedAt: new Date(0).toISOString() };
    act(() => store.setState({ graphs: [summary] }));
    const opener = open('graphs');
    expect(focused()).toBe('new-graph-name');
    fireEvent.click(screen.getByTestId('graph-rename-g_1'));
    const input = screen.getByTestId('graph-rename-input-g_1');
    fireEvent.change(input, { target: { value: 'Adverts' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('graph-rename-input-g_1')).toBeNull();
    expect(s().graphsOpen).toBe(true);
    expect(focused()).toBe('graph-rename-g_1');

    fireEvent.keyDown(screen.getByTestId('new-graph-name'), { key: 'Escape' });
    expect(s().graphsOpen).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('offer no Delete for a running graph in the list, and say why', () => {
    const { store, open } = setup();
    const at = new Date(0).toISOString();
    const graphs = [
      { id: 'g_1', name: 'Ads', rev: 2, updatedAt: at, running: { deployment: 'd_1', rev: 2 } },
      { id: 'g_2', name: 'Scores', rev: 1, updatedAt: at },
    ];
    act(() => store.setState({ graphs }));
    open('graphs');
    const running = screen.getByTestId('graph-delete-g_1');
    expect(running).toHaveProperty('disabled', true);
    expect(running.title).toBe('A running graph cannot be deleted: stop it first');
    expect(screen.getByTestId('graph-delete-g_2')).toHaveProperty('disabled', false);
  });

  it('leave the canvas selection alone when Escape closes a dialog', () => {
    const { s, store, open } = setup();
    act(() => {
      store.getState().loadTemplate('ad-counter');
      store.getState().select(['ads']);
    });
    open('help');
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(s().helpOpen).toBe(false);
    expect(s().selectedNodeIds).toEqual(['ads']);
  });
});
