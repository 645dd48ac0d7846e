/**
 * Scrolls the nearest scrolling ancestor of `el` (a side panel) just enough to show it whole.
 * Not `scrollIntoView`: that also scrolls every `overflow: hidden` ancestor, and shifted the
 * whole editor layout under the pointer.
 */
export function revealInPanel(el: HTMLElement): void {
  let panel = el.parentElement;
  while (panel && !scrolls(panel)) panel = panel.parentElement;
  if (!panel) return;
  const shown = panel.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  if (box.bottom > shown.bottom)
    panel.scrollTop += Math.min(box.bottom - shown.bottom, box.top - shown.top);
  else if (box.top < shown.top) panel.scrollTop -= shown.top - box.top;
}

function scrolls(el: HTMLElement): boolean {
  const { overflowY } = getComputedStyle(el);
  return (overflowY === 'auto' || overflowY === 'scroll') && el.scrollHeight > el.clientHeight;
}
