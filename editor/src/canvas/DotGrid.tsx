import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';

/** `a` modulo `n`, from 0 up to `n`, for negative `a` too. */
const wrap = (a: number, n: number) => ((a % n) + n) % n;

/**
 * The canvas's dot grid, `gap` flow units apart, painted once per zoom. A pan moves the painted
 * layer by under one cell, which the compositor does alone; React Flow's <Background> moves an
 * SVG pattern instead, and the browser paints every dot in the pane again on each frame of a
 * pan. In a drag past the pane's edge over 625 nodes, that repaint made about one frame in
 * twenty more than a refresh long. The layer reaches past the pane by `.dot-grid`'s slack
 * (canvas.css), which must be at least one cell: `gap` at the largest zoom.
 */
export function DotGrid({ gap }: { gap: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  useEffect(() => {
    let painted = 0;
    let moved = '';
    const place = ({ transform: [x, y, zoom] }: ReactFlowState) => {
      const grid = ref.current;
      if (!grid) return;
      const cell = gap * zoom;
      if (cell !== painted) {
        painted = cell;
        // A dot of one flow unit, as <Background>'s, but never under a pixel: it would vanish.
        const r = Math.max(0.5 * zoom, 0.5);
        grid.style.backgroundSize = `${cell}px ${cell}px`;
        grid.style.backgroundImage = `radial-gradient(circle at ${r}px ${r}px, var(--grid-dot) ${r}px, transparent ${r + 0.5}px)`;
      }
      // Every change to React Flow's store comes here, most of them not a pan.
      const at = `translate(${wrap(x, cell) - cell}px, ${wrap(y, cell) - cell}px)`;
      if (at !== moved) {
        moved = at;
        grid.style.transform = at;
      }
    };
    place(store.getState());
    return store.subscribe(place);
  }, [store, gap]);
  return <div ref={ref} className="dot-grid" data-testid="dot-grid" aria-hidden="true" />;
}
