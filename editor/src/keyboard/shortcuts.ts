/** Every keyboard shortcut, as data: the help panel lists these and the handler runs them. */
export interface Shortcut {
  id: ShortcutId;
  /** How the help panel shows the keys. */
  keys: string;
  description: string;
  /** Whether it also works while typing in a field (Ctrl+S does; Delete must not). */
  inFields?: boolean;
  /**
   * Comes as the browser's copy, cut or paste event rather than a key press, so that the system
   * clipboard takes part (use-clipboard.ts).
   */
  clipboard?: boolean;
  matches(e: KeyboardEventLike): boolean;
}

export type ShortcutId =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'delete'
  | 'select-all'
  | 'save'
  | 'find'
  | 'panels'
  | 'help'
  | 'escape';

/** The parts of a KeyboardEvent the matchers read, so tests need no DOM. */
export interface KeyboardEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

// Cmd on macOS plays the part of Ctrl.
const mod = (e: KeyboardEventLike) => (e.ctrlKey || e.metaKey) && !e.altKey;
const key = (e: KeyboardEventLike) => e.key.toLowerCase();

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'undo',
    keys: 'Ctrl+Z',
    description: 'Undo',
    matches: (e) => mod(e) && !e.shiftKey && key(e) === 'z',
  },
  {
    id: 'redo',
    keys: 'Ctrl+Shift+Z or Ctrl+Y',
    description: 'Redo',
    matches: (e) => mod(e) && ((e.shiftKey && key(e) === 'z') || (!e.shiftKey && key(e) === 'y')),
  },
  {
    id: 'copy',
    keys: 'Ctrl+C',
    description: 'Copy the selected nodes (another tab or graph can paste them)',
    clipboard: true,
    matches: (e) => mod(e) && !e.shiftKey && key(e) === 'c',
  },
  {
    id: 'cut',
    keys: 'Ctrl+X',
    description: 'Cut the selected nodes',
    clipboard: true,
    matches: (e) => mod(e) && !e.shiftKey && key(e) === 'x',
  },
  {
    id: 'paste',
    keys: 'Ctrl+V',
    description:
      'Paste the copied nodes (a taken id gets a fresh one), or nodes copied in another tab',
    clipboard: true,
    matches: (e) => mod(e) && !e.shiftKey && key(e) === 'v',
  },
  {
    id: 'delete',
    keys: 'Delete or Backspace',
    description: 'Delete the selected nodes and edges',
    matches: (e) => !mod(e) && (e.key === 'Delete' || e.key === 'Backspace'),
  },
  {
    id: 'select-all',
    keys: 'Ctrl+A',
    description: 'Select every node',
    matches: (e) => mod(e) && !e.shiftKey && key(e) === 'a',
  },
  {
    id: 'save',
    keys: 'Ctrl+S',
    description: 'Save the graph to the control plane',
    inFields: true,
    matches: (e) => mod(e) && !e.shiftKey && key(e) === 's',
  },
  {
    id: 'find',
    keys: 'Ctrl+F',
    description: 'Find a node by its id, type, label or parameters',
    matches: (e) => mod(e) && !e.shiftKey && key(e) === 'f',
  },
  {
    id: 'panels',
    keys: 'Ctrl+\\',
    description: 'Hide or show the palette and the side panel',
    inFields: true,
    matches: (e) => mod(e) && !e.shiftKey && e.key === '\\',
  },
  {
    id: 'help',
    keys: '?',
    description: 'Show or hide this list',
    matches: (e) => !mod(e) && e.key === '?',
  },
  {
    id: 'escape',
    keys: 'Esc',
    description: 'Close the open dialog, else clear the selection',
    matches: (e) => e.key === 'Escape',
  },
];

export const shortcutFor = (e: KeyboardEventLike): Shortcut | undefined =>
  SHORTCUTS.find((s) => s.matches(e));
