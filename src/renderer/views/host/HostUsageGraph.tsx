import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeSeriesGraph, type GraphSeries } from '../../components/graphs/TimeSeriesGraph';
import { useHostUsage } from './useHostUsage';

/** The host's CPU and memory use (percent) over the last five minutes, sampled every 3 s. */
export function HostUsageGraph({ connectionId }: { connectionId: string }) {
  const { t } = useTranslation('host');
  const source = useHostUsage(connectionId);
  const series = useMemo<GraphSeries[]>(
    () => [
      { label: t('overview.cpuUsage'), unit: '%', stroke: 'var(--vd-graph-1)', range: [0, 100] },
      { label: t('overview.memoryUsage'), unit: '%', stroke: 'var(--vd-graph-2)', range: [0, 100] },
    ],
    [t],
  );
  return <TimeSeriesGraph series={series} source={source} label={t('overview.graphLabel')} />;
}
