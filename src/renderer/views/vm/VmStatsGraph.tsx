import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { TimeSeriesGraph, type GraphSeries } from '../../components/graphs/TimeSeriesGraph';
import { formatKiB } from '../../format';
import type { StatsSample } from '../../state/statsStore';
import { useStatsSource } from './useStatsSource';

function toData(samples: readonly StatsSample[]): uPlot.AlignedData {
  return [
    samples.map((s) => s.time / 1000),
    samples.map((s) => s.cpuPercent ?? null),
    samples.map((s) => (s.memoryKiB === undefined ? null : s.memoryKiB / 1024)),
  ];
}

/** CPU and memory over the last 5 minutes (the store keeps 300 samples). */
export function VmStatsGraph({ vmKey }: { vmKey: string }) {
  const { t } = useTranslation('vm');
  const series = useMemo<GraphSeries[]>(
    () => [
      { label: t('graph.cpu'), unit: '%', stroke: 'var(--vd-graph-1)', range: [0, 100] },
      {
        label: t('graph.memory'),
        unit: 'MiB',
        stroke: 'var(--vd-graph-2)',
        format: (mib: number) => formatKiB(mib * 1024),
      },
    ],
    [t],
  );
  const source = useStatsSource(vmKey, toData);
  return <TimeSeriesGraph series={series} source={source} label={t('graph.label')} />;
}
