/** "Ctrl+Shift+Z" in the form `aria-keyshortcuts` wants ("Control+Shift+Z"). */
const ariaKeys = (keys: string) => keys.replace(/\bCtrl\b/g, 'Control');

interface MenuItemButtonProps {
  label: string;
  testId: string;
  /** Called with the item's button, so the menu can move focus between its items. */
  register(button: HTMLButtonElement | null): void;
  onActivate(): void;
  /** The shortcut that runs the same action, shown at the right. */
  keys?: string;
  title?: string;
  disabled?: boolean;
}

/**
 * One row of a menu (ARIA menuitem). It is left out of the Tab order: the menu moves focus
 * between its items with the arrow keys. A disabled item stays focusable, so it can be read.
 */
export function MenuItemButton({
  label,
  testId,
  register,
  onActivate,
  keys,
  title,
  disabled,
}: MenuItemButtonProps) {
  return (
    <button
      ref={register}
      type="button"
      role="menuitem"
      tabIndex={-1}
      aria-disabled={disabled || undefined}
      aria-keyshortcuts={keys && ariaKeys(keys)}
      data-testid={testId}
      title={title}
      className="menu-item"
      onClick={onActivate}
    >
      <span className="menu-label">{label}</span>
      {keys && <kbd className="menu-keys">{keys}</kbd>}
    </button>
  );
}
