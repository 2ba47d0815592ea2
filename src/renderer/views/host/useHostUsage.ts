import { useEffect, useMemo } from 'react';
import type uPlot from 'uplot';
import type { HostUsageSample } from '../../../shared/api/hostTypes';
import type { GraphSource } from '../../components/graphs/TimeSeriesGraph';
import { useClient } from '../../state/context';

const INTERVAL_MS = 3000;
/** Five minutes of samples. */
const KEEP = 100;

/**
 * Samples the host's CPU and memory use every 3 s while the component using it is mounted and
 * the window visible; the samples feed a graph without re-rendering React.
 */
export function useHostUsage(connectionId: string): GraphSource {
  const client = useClient();
  const state = useMemo(() => {
    const samples: HostUsageSample[] = [];
    const listeners = new Set<() => void>();
    return { samples, listeners };
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
          state.samples.push(s);
          if (state.samples.length > KEEP) state.samples.shift();
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
        state.samples.map((s) => s.time / 1000),
        state.samples.map((s) => s.cpuPercent ?? null),
        state.samples.map((s) =>
          s.memoryTotalKiB > 0 ? (100 * s.memoryUsedKiB) / s.memoryTotalKiB : null,
        ),
      ],
      subscribe: (onChange) => {
        state.listeners.add(onChange);
        return () => state.listeners.delete(onChange);
      },
    }),
    [state],
  );
}
