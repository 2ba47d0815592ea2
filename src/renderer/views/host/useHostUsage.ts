import { useEffect, useMemo } from 'react';
import type uPlot from 'uplot';
import type { GraphSource } from '../../components/graphs/TimeSeriesGraph';
import { useClient } from '../../state/context';
import { HostUsageSeries } from './hostUsageSeries';

const INTERVAL_MS = 3000;
/** Five minutes of samples. */
const KEEP = 100;

/**
 * Samples the host's CPU and memory use every 3 s while the component using it is mounted and
 * the window visible; the samples feed a graph without re-rendering React. CPU use is computed
 * here from this hook's own previous sample (see HostUsageSeries).
 */
export function useHostUsage(connectionId: string): GraphSource {
  const client = useClient();
  const state = useMemo(() => {
    const series = new HostUsageSeries(KEEP);
    const listeners = new Set<() => void>();
    return { series, listeners };
    // A new connection starts a new series: the samples of another host must not mix in.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- connectionId is the reset key
  }, [connectionId]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const tick = () => {
      if (document.visibilityState === 'hidden') {
        timer = setTimeout(tick, INTERVAL_MS);
        return;
      }
      client
        .call('host.usage', { connectionId })
        .then((s) => {
          if (!live) return;
          state.series.push(s);
          for (const l of state.listeners) l();
        })
        .catch(() => {})
        .finally(() => {
          // The next sample is asked after this one arrives, so requests never pile up.
          if (live) timer = setTimeout(tick, INTERVAL_MS);
        });
    };
    tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, connectionId, state]);

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
