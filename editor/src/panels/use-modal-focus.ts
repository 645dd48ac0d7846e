import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

const tabbables = (box: HTMLElement): HTMLElement[] =>
  [...box.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => !el.closest('[hidden]'));

/**
 * Makes everything on the page but `el` and its ancestors inert (no focus, clicks or screen
 * reader cursor), as a native modal `<dialog>` does; returns the undo. Elements inert already
 * are left alone, so undoing never frees what something else made inert.
 */
function inertOutside(el: HTMLElement): () => void {
  const made: Element[] = [];
  let node: Element = el;
  let parent = node.parentElement;
  while (parent && node !== document.body) {
    for (const sibling of parent.children) {
      if (sibling === node || sibling.hasAttribute('inert')) continue;
      sibling.setAttribute('inert', '');
      made.push(sibling);
    }
    node = parent;
    parent = node.parentElement;
  }
  return () => {
    for (const m of made) m.removeAttribute('inert');
  };
}

/**
 * What an `aria-modal` dialog owes the keyboard: focus moves in when it opens (to an
 * `autoFocus` control, else the first one), Tab and Shift+Tab cycle inside it, the page behind
 * is inert (so a click or a screen reader's cursor cannot leave it either), Escape closes it,
 * and focus goes back to what had it (the button that opened it) when it closes. For a dialog
 * mounted only while open.
 */
export function useModalFocus(
  box: RefObject<HTMLElement | null>,
  onClose: () => void,
): { onKeyDown: (e: KeyboardEvent) => void } {
  // Read on the first render: by the time effects run, React has focused an `autoFocus` control.
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // The backdrop stays live: a click on it closes the dialog.
    const restore = inertOutside(el.parentElement ?? el);
    if (!el.contains(document.activeElement)) (tabbables(el)[0] ?? el).focus();
    return () => {
      restore();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [box, opener]);
  const onKeyDown = (e: KeyboardEvent) => {
    const el = box.current;
    if (!el) return;
    if (e.key === 'Escape') {
      // Handled here, so the page's Escape does not also clear the canvas selection.
      e.stopPropagation();
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const all = tabbables(el);
    const first = all[0];
    const last = all.at(-1);
    if (!first || !last) {
      e.preventDefault();
      return;
    }
    const at = document.activeElement;
    if (e.shiftKey && (at === first || !el.contains(at) || at === el)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !el.contains(at))) {
      e.preventDefault();
      first.focus();
    }
  };
  return { onKeyDown };
}
