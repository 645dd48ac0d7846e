// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorStoreProvider } from '../store/editor-context';
import { TEMPLATES } from '../store/templates';
import { testStore } from '../store/test-store';
import { ImportProblemsDialog, PasteImportDialog } from './ImportDialog';

afterEach(cleanup);

describe('importing pasted JSON', () => {
  it('lists what is wrong beside the text, in the one dialog, and imports once it is fixed', () => {
    const { store } = testStore();
    render(
      <EditorStoreProvider store={store}>
        <ImportProblemsDialog />
        <PasteImportDialog />
      </EditorStoreProvider>,
    );
    act(() => store.getState().setPasteImportOpen(true));
    const text = screen.getByTestId('import-text');
    fireEvent.change(text, { target: { value: '{"format": "inflow-graph", ' } });
    fireEvent.click(screen.getByTestId('import-text-submit'));
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    const problems = screen.getByTestId('import-problems');
    expect(screen.getByTestId('import-paste-dialog').contains(problems)).toBe(true);
    expect(problems.textContent).toMatch(/^Nothing was changed\. It has 1 problem:.*JSON/);
    expect(text).toHaveProperty('value', '{"format": "inflow-graph", ');

    fireEvent.change(text, { target: { value: TEMPLATES[1]?.text } });
    fireEvent.click(screen.getByTestId('import-text-submit'));
    expect(store.getState().doc.name).toBe('Leaderboard');
    expect(screen.queryByTestId('import-paste-dialog')).toBeNull();
    expect(screen.queryByTestId('import-problems')).toBeNull();
  });
});
