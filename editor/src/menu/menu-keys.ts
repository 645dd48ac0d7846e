/**
 * Where focus goes in a menu of `count` items when `key` is pressed with item `now` focused
 * (-1 for none): arrows move and wrap, Home and End jump. `undefined` for any other key.
 */
export function menuKeyTarget(key: string, now: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'ArrowDown':
      return (now + 1) % count;
    case 'ArrowUp':
      return (Math.max(now, 0) - 1 + count) % count;
    default:
      return undefined;
  }
}

/**
 * The same for a combobox's list, whose focus stays in its text box: only the arrows move
 * through the options, as Home and End move the caret.
 */
export const comboboxKeyTarget = (key: string, now: number, count: number): number | undefined =>
  key === 'ArrowDown' || key === 'ArrowUp' ? menuKeyTarget(key, now, count) : undefined;
