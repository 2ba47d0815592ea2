import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from '../../state/context';
import type { StatsSample } from '../../state/statsStore';
import { formatBytes } from '../../format';

const HEIGHT = 180;
const FIELDS = ['diskReadBps', 'diskWriteBps', 'netRxBps', 'netTxBps'] as const;
const COLORS = ['#0066cc', '#8bc1f7', '#3e8635', '#95d58e'];

function toData(samples: readonly StatsSample[]): uPlot.AlignedData {
  return [
    samples.map((s) => s.time / 1000),
    ...FIELDS.map((f) => samples.map((s) => s[f] ?? null)),
  ];
}

/**
 * Disk read / write and network receive / transmit, bytes per second, over the same window as
 * VmStatsGraph (the store keeps at least 5 minutes); fed in place on every tick, as that one.
 */
export function VmIoGraph({ vmKey }: { vmKey: string }) {
  const { t } = useTranslation('vm');
  const store = useStore();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height: HEIGHT,
        series: [
          {},
          ...FIELDS.map((f, i) => ({ label: t(`graph.${f}`), stroke: COLORS[i], width: 1.5 })),
        ],
        axes: [{}, { size: 80, values: (_u, vals) => vals.map((v) => `${formatBytes(v)}/s`) }],
      },
      toData(store.stats.samples(vmKey)),
      el,
    );
    const unsubscribe = store.stats.subscribe(vmKey, () =>
      plot.setData(toData(store.stats.samples(vmKey))),
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: el.clientWidth, height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      unsubscribe();
      resize.disconnect();
      plot.destroy();
    };
  }, [store, vmKey, t]);

  return <div ref={box} className="vd-graph" role="img" aria-label={t('graph.ioLabel')} />;
}
