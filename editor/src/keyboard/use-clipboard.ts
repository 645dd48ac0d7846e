import { useEffect } from 'react';
import type { EditorStore } from '../store/editor-store';
import { isField } from './use-shortcuts';

// Text selected on the page (a problem message) is the user's to copy, not the nodes.
const textSelected = () => (window.getSelection()?.toString() ?? '') !== '';

/**
 * Copy, cut and paste of nodes through the system clipboard, as the browser's clipboard events:
 * copied nodes go there as a graph document, so another tab (or a text editor) can take them, and
 * a paste takes nodes copied elsewhere. Fields and selected text keep the browser's own.
 */
export function useClipboard(store: EditorStore): void {
  useEffect(() => {
    const onCopyOrCut = (e: ClipboardEvent) => {
      if (isField(e.target) || textSelected()) return;
      const s = store.getState();
      if (s.selectedNodeIds.length === 0) return;
      const text = e.type === 'cut' ? s.cutSelection() : s.copySelection();
      if (text === undefined || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isField(e.target)) return;
      e.preventDefault();
      const s = store.getState();
      const text = e.clipboardData?.getData('text/plain') ?? '';
      // No text at all: a browser that keeps the clipboard from the page; this tab's copy it is.
      if (text === '') return s.paste();
      s.pasteText(text); // says itself why when there is nothing to paste
    };
    document.addEventListener('copy', onCopyOrCut);
    document.addEventListener('cut', onCopyOrCut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopyOrCut);
      document.removeEventListener('cut', onCopyOrCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [store]);
}
