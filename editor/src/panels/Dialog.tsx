import { useRef, type ReactNode } from 'react';
import { useModalFocus } from './use-modal-focus';

interface DialogProps {
  onClose: () => void;
  /** The id of the dialog's title, or else `label`. */
  labelledBy?: string;
  label?: string;
  testId: string;
  className?: string;
  backdropClassName?: string;
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}

/**
 * A modal dialog over a backdrop: a click on the backdrop or Escape closes it, and focus stays
 * inside while it is open (`useModalFocus`). Render it only while open.
 */
export function Dialog(props: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  const { onKeyDown } = useModalFocus(box, props.onClose);
  return (
    <div
      className={`dialog-backdrop${props.backdropClassName ? ` ${props.backdropClassName}` : ''}`}
      onClick={props.onClose}
    >
      <div
        ref={box}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={props.labelledBy}
        aria-label={props.label}
        // Focusable itself, for a dialog with no control to take focus when it opens.
        tabIndex={-1}
        className={`dialog${props.className ? ` ${props.className}` : ''}`}
        data-testid={props.testId}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        {props.children}
      </div>
    </div>
  );
}
