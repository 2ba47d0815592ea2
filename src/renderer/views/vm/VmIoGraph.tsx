import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { TimeSeriesGraph, type GraphSeries } from '../../components/graphs/TimeSeriesGraph';
import { formatBytes } from '../../format';
import type { StatsSample } from '../../state/statsStore';
import { useStatsSource } from './useStatsSource';

const FIELDS = ['diskReadBps', 'diskWriteBps', 'netRxBps', 'netTxBps'] as const;
const COLORS = [1, 3, 2, 4].map((n) => `var(--vd-graph-${n})`);
const perSecond = (v: number) => `${formatBytes(v)}/s`;

function toData(samples: readonly StatsSample[]): uPlot.AlignedData {
  return [
    samples.map((s) => s.time / 1000),
    ...FIELDS.map((f) => samples.map((s) => s[f] ?? null)),
  ];
}

/**
 * Disk read / write and network receive / transmit, bytes per second, over the same window as
 * VmStatsGraph (the store keeps at least 5 minutes), on one axis.
 */
export function VmIoGraph({ vmKey }: { vmKey: string }) {
  const { t } = useTranslation('vm');
  const series = useMemo<GraphSeries[]>(
    () =>
      FIELDS.map((f, i) => ({
        label: t(`graph.${f}`),
        unit: 'B/s',
        stroke: COLORS[i] ?? '',
        format: perSecond,
      })),
    [t],
  );
  const source = useStatsSource(vmKey, toData);
  return (
    <TimeSeriesGraph
      series={series}
      source={source}
      label={t('graph.ioLabel')}
      height={180}
      axisSize={80}
    />
  );
}
