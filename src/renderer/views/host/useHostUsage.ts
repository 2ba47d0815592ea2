import { useEffect, useMemo } from 'react';
import type uPlot from 'uplot';
import type { GraphSource } from '../../components/graphs/TimeSeriesGraph';
import { useApiQuery } from '../../state/queries';
import { HostUsageSeries } from './hostUsageSeries';

const INTERVAL_MS = 3000;
/** Five minutes of samples. */
const KEEP = 100;

/**
 * Samples the host's CPU and memory use every 3 s while the component using it is mounted and
 * the window visible (useApiQuery's timer; the next sample is not asked while one is under way);
 * the samples feed a graph in place (the graph's uPlot is not rebuilt). CPU use is computed here
 * from this hook's own previous sample (see HostUsageSeries).
 */
export function useHostUsage(connectionId: string): GraphSource {
  const state = useMemo(() => {
    const series = new HostUsageSeries(KEEP);
    const listeners = new Set<() => void>();
    return { series, listeners };
    // A new connection starts a new series: the samples of another host must not mix in.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- connectionId is the reset key
  }, [connectionId]);
  const sample = useApiQuery(
    'host.usage',
    { connectionId },
    { everyMs: INTERVAL_MS, keepPrevious: false },
  ).data;

  // Each new sample once (a failed read gives none: the graph waits for the next).
  useEffect(() => {
    if (!sample) return;
    state.series.push(sample);
    for (const l of state.listeners) l();
  }, [sample, state]);

  return useMemo<GraphSource>(
    () => ({
      data: (): uPlot.AlignedData => [
        state.series.points.map((p) => p.time / 1000),
        state.series.points.map((p) => p.cpuPercent ?? null),
        state.series.points.map((p) => p.memoryPercent ?? null),
      ],
      subscribe: (onChange) => {
        state.listeners.add(onChange);
        return () => state.listeners.delete(onChange);
      },
    }),
    [state],
  );
}
