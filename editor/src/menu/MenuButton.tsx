import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MenuItemButton } from './MenuItemButton';
import { menuKeyTarget } from './menu-keys';
import { useDismiss } from './use-dismiss';

export interface MenuButtonItem {
  /** Also the item's test id. */
  testId: string;
  label: string;
  title?: string;
  onSelect(): void;
}

interface MenuButtonProps {
  label: string;
  testId: string;
  title?: string;
  items: readonly MenuButtonItem[];
}

/**
 * A button that opens a menu of actions under it (the ARIA menu button pattern): Enter, Space or
 * the down arrow open it on its first item, arrows move, Enter runs an item, Escape or Tab or a
 * press elsewhere closes it; focus comes back to the button unless the user moved it elsewhere.
 */
export function MenuButton({ label, testId, title, items }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const entries = useRef<(HTMLButtonElement | null)[]>([]);
  const close = useCallback(() => setOpen(false), []);
  const closeToButton = () => {
    setOpen(false);
    button.current?.focus();
  };

  useDismiss(box, close, { keep: button, open });
  useLayoutEffect(() => {
    if (open) entries.current[0]?.focus({ preventScroll: true });
  }, [open]);

  const onMenuKeyDown = (e: KeyboardEvent) => {
    // While the menu is open the keys are its own, not the editor's shortcuts.
    e.stopPropagation();
    if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault();
      closeToButton();
      return;
    }
    const now = entries.current.findIndex((b) => b === document.activeElement);
    const next = menuKeyTarget(e.key, now, items.length);
    if (next !== undefined) {
      e.preventDefault();
      entries.current[next]?.focus({ preventScroll: true });
    }
  };

  return (
    <div className="menu-button">
      <button
        ref={button}
        type="button"
        data-testid={testId}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {label} ▾
      </button>
      {open && (
        <div
          ref={box}
          className="menu"
          role="menu"
          aria-label={label}
          data-testid={`${testId}-menu`}
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item, i) => (
            <MenuItemButton
              key={item.testId}
              label={item.label}
              testId={item.testId}
              title={item.title}
              register={(el) => {
                entries.current[i] = el;
              }}
              onActivate={() => {
                closeToButton();
                item.onSelect();
              }}
            />
          ))}
        </div>
      )}
    </div>
  );
}
