import { useId, useState, type KeyboardEvent } from 'react';
import { comboboxKeyTarget } from './menu-keys';

interface ComboboxOptions<T> {
  /** The options shown now, in order (the caller filters them by its query). */
  items: readonly T[];
  /** Unique among the items, for the options' element ids. */
  keyOf(item: T): string;
  onChoose(item: T): void;
  onEscape?(): void;
}

/**
 * A filter box over a list of options (ARIA combobox): focus stays in the box while the arrows
 * move the active option into view, and Enter or a click chooses one. Returns the props for the
 * box, the list and each option; the caller owns the query and calls `restart` when it changes.
 */
export function useCombobox<T>({ items, keyOf, onChoose, onEscape }: ComboboxOptions<T>) {
  const listId = useId();
  const [active, setActive] = useState(0);
  const current = Math.min(active, items.length - 1);
  const activeItem = items[current];
  const optionId = (item: T) => `${listId}-${keyOf(item)}`;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const next = comboboxKeyTarget(e.key, current, items.length);
    const target = next === undefined ? undefined : items[next];
    if (next !== undefined && target !== undefined) {
      e.preventDefault();
      setActive(next);
      document.getElementById(optionId(target))?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (activeItem !== undefined) onChoose(activeItem);
    } else if (e.key === 'Escape' && onEscape) {
      e.preventDefault();
      onEscape();
    }
  };

  return {
    restart: () => setActive(0),
    inputProps: {
      role: 'combobox',
      'aria-expanded': true,
      'aria-controls': listId,
      'aria-activedescendant': activeItem === undefined ? undefined : optionId(activeItem),
      'aria-autocomplete': 'list',
      autoFocus: true,
      onKeyDown,
    } as const,
    listProps: { role: 'listbox', id: listId } as const,
    optionProps: (item: T, index: number) =>
      ({
        id: optionId(item),
        role: 'option',
        'aria-selected': item === activeItem,
        onMouseMove: () => setActive(index),
        onClick: () => onChoose(item),
      }) as const,
  };
}
