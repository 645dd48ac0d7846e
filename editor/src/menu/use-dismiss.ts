import { useEffect, type RefObject } from 'react';

/**
 * Closes a popup when the user turns elsewhere: a press or a wheel outside `box` (a wheel over
 * the canvas moves what the popup points at), the window resizing or losing focus. Presses
 * inside `keep` (the button that opened it, which toggles it itself) do not count. It listens
 * only while `open`: a closed menu must not run on every press and wheel turn over the canvas.
 */
export function useDismiss(
  box: RefObject<HTMLElement | null>,
  onClose: () => void,
  { keep, open = true }: { keep?: RefObject<HTMLElement | null>; open?: boolean } = {},
): void {
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) =>
      !(
        e.target instanceof Node &&
        (box.current?.contains(e.target) || keep?.current?.contains(e.target))
      );
    const onOutside = (e: Event) => {
      if (outside(e)) onClose();
    };
    document.addEventListener('pointerdown', onOutside, true);
    document.addEventListener('wheel', onOutside, true);
    window.addEventListener('resize', onClose);
    window.addEventListener('blur', onClose);
    return () => {
      document.removeEventListener('pointerdown', onOutside, true);
      document.removeEventListener('wheel', onOutside, true);
      window.removeEventListener('resize', onClose);
      window.removeEventListener('blur', onClose);
    };
  }, [box, keep, onClose, open]);
}
