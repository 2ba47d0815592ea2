import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { GraphSource } from '../../components/graphs/TimeSeriesGraph';
import { useStore } from '../../state/context';
import type { StatsSample } from '../../state/statsStore';

/** A graph's source from one VM's samples in the stats store, `toData` picking its series. */
export function useStatsSource(
  vmKey: string,
  toData: (samples: readonly StatsSample[]) => uPlot.AlignedData,
): GraphSource {
  const store = useStore();
  return useMemo<GraphSource>(
    () => ({
      data: () => toData(store.stats.samples(vmKey)),
      subscribe: (onChange) => store.stats.subscribe(vmKey, onChange),
    }),
    [store, vmKey, toData],
  );
}
