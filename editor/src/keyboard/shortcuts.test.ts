import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyboardEventLike } from './shortcuts';

const press = (key: string, mods: Partial<KeyboardEventLike> = {}): KeyboardEventLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it.each([
    [press('z', { ctrlKey: true }), 'undo'],
    [press('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
    [press('y', { ctrlKey: true }), 'redo'],
    [press('z', { metaKey: true }), 'undo'],
    [press('c', { ctrlKey: true }), 'copy'],
    [press('v', { ctrlKey: true }), 'paste'],
    [press('Delete'), 'delete'],
    [press('Backspace'), 'delete'],
    [press('s', { ctrlKey: true }), 'save'],
    [press('\\', { ctrlKey: true }), 'panels'],
    [press('?', { shiftKey: true }), 'help'],
    [press('Escape'), 'escape'],
  ])('maps %o to %s', (event, id) => {
    expect(shortcutFor(event)?.id).toBe(id);
  });

  it('leaves plain typing and Alt chords alone', () => {
    expect(shortcutFor(press('z'))).toBeUndefined();
    expect(shortcutFor(press('c', { ctrlKey: true, altKey: true }))).toBeUndefined();
  });

  it('does not delete on Ctrl+Backspace (word delete in fields)', () => {
    expect(shortcutFor(press('Backspace', { ctrlKey: true }))).toBeUndefined();
  });
});
