// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { menuKeyTarget } from './menu-keys';
import { MenuButton } from './MenuButton';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function setup() {
  const chosen: string[] = [];
  const item = (testId: string) => ({
    testId,
    label: testId,
    onSelect: () => chosen.push(testId),
  });
  const onKey = vi.fn();
  render(
    <div onKeyDown={onKey}>
      <MenuButton label="File" testId="file" items={[item('one'), item('two'), item('three')]} />
      <button type="button">elsewhere</button>
    </div>,
  );
  const button = screen.getByTestId('file');
  const menu = () => screen.queryByRole('menu');
  return { chosen, onKey, button, menu };
}

describe('a menu button', () => {
  it('opens on a click with focus on its first item, and runs the item clicked', () => {
    const { chosen, button, menu } = setup();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu()?.getAttribute('aria-label')).toBe('File');
    expect(document.activeElement).toBe(screen.getByTestId('one'));
    fireEvent.click(screen.getByTestId('two'));
    expect(chosen).toEqual(['two']);
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('is worked by the keyboard, and keeps its keys from the editor', () => {
    const { chosen, onKey, button, menu } = setup();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    expect(menu()).not.toBeNull();
    const list = menu() as HTMLElement;
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getByTestId('three'));
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByTestId('one'));
    fireEvent.keyDown(list, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByTestId('three'));
    // A shortcut such as Delete must not reach the editor while the menu has the keys.
    fireEvent.keyDown(list, { key: 'Delete' });
    expect(onKey).not.toHaveBeenCalledWith(expect.objectContaining({ key: 'Delete' }));
    fireEvent.keyDown(list, { key: 'Escape' });
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(chosen).toEqual([]);
  });

  it('closes on a press elsewhere, and a second click on the button closes it', () => {
    const { button, menu } = setup();
    fireEvent.click(button);
    fireEvent.pointerDown(screen.getByText('elsewhere'));
    expect(menu()).toBeNull();
    fireEvent.click(button);
    expect(menu()).not.toBeNull();
    fireEvent.pointerDown(button);
    fireEvent.click(button);
    expect(menu()).toBeNull();
  });
});

describe('a closed menu button', () => {
  it('does not listen to presses and wheel turns elsewhere until it opens', () => {
    const listen = vi.spyOn(document, 'addEventListener');
    const { button } = setup();
    const dismissers = () =>
      listen.mock.calls.filter(([type]) => type === 'pointerdown' || type === 'wheel').length;
    expect(dismissers()).toBe(0);
    fireEvent.click(button);
    expect(dismissers()).toBe(2);
  });
});

describe('menu keys', () => {
  it('wrap at both ends, jump with Home and End, and ignore other keys', () => {
    expect(menuKeyTarget('ArrowDown', 2, 3)).toBe(0);
    expect(menuKeyTarget('ArrowUp', 0, 3)).toBe(2);
    expect(menuKeyTarget('ArrowUp', -1, 3)).toBe(2);
    expect(menuKeyTarget('ArrowDown', -1, 3)).toBe(0);
    expect(menuKeyTarget('Home', 2, 3)).toBe(0);
    expect(menuKeyTarget('End', 0, 3)).toBe(2);
    expect(menuKeyTarget('a', 0, 3)).toBeUndefined();
    expect(menuKeyTarget('ArrowDown', -1, 0)).toBeUndefined();
  });
});
