import { memo } from 'react';

const WIDTH = 60;
const HEIGHT = 20;

/**
 * A small inline SVG of the last values. `data-last` carries the newest value so that end-to-end
 * tests can see it change without reading pixels.
 */
export const Sparkline = memo(function Sparkline({
  values,
  max,
  label,
}: {
  values: readonly number[];
  /** The top of the scale; values above it raise it. */
  max: number;
  label: string;
}) {
  let top = max;
  for (const v of values) if (v > top) top = v;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  let points = '';
  for (let i = 0; i < values.length; i++) {
    const y = HEIGHT - (top > 0 ? ((values[i] ?? 0) / top) * (HEIGHT - 1) : 0);
    points += `${(i * step).toFixed(1)},${y.toFixed(1)} `;
  }
  const last = values[values.length - 1];
  return (
    <svg
      className="vd-sparkline"
      role="img"
      aria-label={label}
      data-last={last === undefined ? '' : String(Math.round(last * 10) / 10)}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      width={WIDTH}
      height={HEIGHT}
    >
      {values.length > 1 && (
        <polyline points={points} fill="none" vectorEffect="non-scaling-stroke" />
      )}
    </svg>
  );
});
