import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssColor, useShownTheme } from '../../appearance/theme';
import { formatClock, formatNumber, formatPercent } from '../../format';

/** One line of a graph: its legend label, colour and the unit of the axis it is drawn against. */
export interface GraphSeries {
  label: string;
  /** A colour or `var(--token)`, read again when the theme changes (app.css: --vd-graph-*). */
  stroke: string;
  /** The scale (and axis) of the series; series sharing a unit share an axis. */
  unit: string;
  /** A fixed range for the unit's axis, e.g. [0, 100] for percent. */
  range?: [number, number];
  /** How the unit's axis writes a value ("12 MiB/s"); by default the number and the unit. */
  format?(value: number): string;
}

/** Where the graph's data comes from: read it now, and hear when it changes. */
export interface GraphSource {
  /** [times in epoch seconds, then one array per series (null for a gap)]. */
  data(): uPlot.AlignedData;
  subscribe(onChange: () => void): () => void;
}

const HEIGHT = 220;
const AXIS_SIZE = 60;
/** What the graphs are titled with: "over the last 5 minutes". */
const WINDOW_SECONDS = 5 * 60;
const AXIS_TEXT = 'var(--pf-t--global--text--color--subtle)';
const GRID = 'var(--pf-t--global--border--color--default)';

/**
 * The time axis always spans the window, ending now (or at the newest sample, if a clock ran
 * ahead). uPlot's own range fits the data: with the single sample of a shut-off VM it padded one
 * instant out to years (an axis from 2027 to 2029).
 */
export function timeWindow(newest: number | null, seconds = WINDOW_SECONDS): uPlot.Range.MinMax {
  const now = Date.now() / 1000;
  const end = newest !== null && Number.isFinite(newest) ? Math.max(newest, now) : now;
  return [end - seconds, end];
}

/**
 * A live time-series graph (CPU, memory...) on uPlot. uPlot draws on a canvas and is fed new
 * data in place, so a tick costs one redraw and no React render. The first unit gets the left
 * axis, the second the right one.
 */
export function TimeSeriesGraph({
  series,
  source,
  label,
  height = HEIGHT,
  axisSize = AXIS_SIZE,
}: {
  series: readonly GraphSeries[];
  source: GraphSource;
  label: string;
  height?: number;
  /** The width of a value axis, in pixels: room for its longest label. */
  axisSize?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  // Drawn again in the theme's colours when it changes (the canvas keeps none of the page's CSS).
  const theme = useShownTheme();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axisText = cssColor(el, AXIS_TEXT);
    const grid = cssColor(el, GRID);
    const axisColours = { stroke: axisText, ticks: { stroke: grid } };
    const units = [...new Set(series.map((s) => s.unit))];
    // Values and times in the UI language (format.ts): the graph is built again when it changes,
    // as the series' labels change with it.
    const plain = (unit: string) => (v: number) =>
      unit === '%' ? formatPercent(v) : `${formatNumber(v)} ${unit}`;
    const formatOf = (unit: string) =>
      series.find((s) => s.unit === unit && s.format)?.format ?? plain(unit);
    const clock = (seconds: number | null) =>
      seconds === null ? '' : formatClock(seconds * 1000, true);
    const scales: uPlot.Scales = { x: { time: true, range: (_u, _min, max) => timeWindow(max) } };
    for (const s of series) if (s.range) scales[s.unit] = { range: s.range };
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height,
        series: [
          { value: (_u: uPlot, seconds: number | null) => clock(seconds) },
          ...series.map((s) => ({
            label: s.label,
            scale: s.unit,
            stroke: cssColor(el, s.stroke),
            width: 1.5,
          })),
        ],
        scales,
        axes: [
          {
            ...axisColours,
            grid: { stroke: grid },
            // Seconds only when the ticks are less than a minute apart.
            values: (_u: uPlot, ticks: number[]) =>
              ticks.map((t) => formatClock(t * 1000, (ticks[1] ?? t + 60) - (ticks[0] ?? t) < 60)),
          },
          ...units.map((unit, i) => ({
            ...axisColours,
            scale: unit,
            size: axisSize,
            side: i === 0 ? 3 : 1,
            grid: { show: i === 0, stroke: grid },
            values: (_u: uPlot, vals: number[]) => vals.map(formatOf(unit)),
          })),
        ],
      },
      source.data(),
      el,
    );
    const unsubscribe = source.subscribe(() => plot.setData(source.data()));
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      unsubscribe();
      resize.disconnect();
      plot.destroy();
    };
  }, [series, source, height, axisSize, theme]);

  return <div ref={box} className="vd-graph" role="img" aria-label={label} data-theme={theme} />;
}
