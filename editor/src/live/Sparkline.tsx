import { memo } from 'react';
import { formatNumber } from '../text/count';

const WIDTH = 64;
const HEIGHT = 16;

/** The points of a polyline through `values`, scaled to the box (a flat line when constant). */
export function sparklinePoints(values: readonly number[], width = WIDTH, height = HEIGHT): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const y = span === 0 ? height / 2 : height - 1 - ((v - min) / span) * (height - 2);
      return `${(i * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/**
 * A small line of a variable's recent magnitudes (count, size or total). Drawn in pixels, with no
 * viewBox and no clip (live.css), so it adds no transform or clip to the node it sits in.
 */
export const Sparkline = memo(function Sparkline({ values }: { values: readonly number[] }) {
  if (values.length < 2) return null;
  const last = values.at(-1) ?? 0;
  const label = `recent values from ${formatNumber(Math.min(...values))} to ${formatNumber(Math.max(...values))}, now ${formatNumber(last)}`;
  return (
    <svg className="live-sparkline" width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <polyline
        points={sparklinePoints(values)}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  );
});
