import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from '../../state/context';
import type { StatsSample } from '../../state/statsStore';

const HEIGHT = 220;

function toData(samples: readonly StatsSample[]): uPlot.AlignedData {
  return [
    samples.map((s) => s.time / 1000),
    samples.map((s) => s.cpuPercent ?? null),
    samples.map((s) => (s.memoryKiB === undefined ? null : s.memoryKiB / 1024)),
  ];
}

/**
 * CPU and memory over the last 5 minutes (the store keeps 300 samples). uPlot draws on a
 * canvas and is fed new data in place, so a tick costs one redraw and no React render.
 */
export function VmStatsGraph({ vmKey }: { vmKey: string }) {
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
          { label: t('graph.cpu'), scale: '%', stroke: '#0066cc', width: 1.5 },
          { label: t('graph.memory'), scale: 'MiB', stroke: '#3e8635', width: 1.5 },
        ],
        scales: { '%': { range: [0, 100] } },
        axes: [
          {},
          { scale: '%', size: 60, values: (_u, vals) => vals.map((v) => `${v} %`) },
          {
            scale: 'MiB',
            side: 1,
            grid: { show: false },
            values: (_u, vals) => vals.map((v) => `${v} MiB`),
          },
        ],
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

  return <div ref={box} className="vd-graph" role="img" aria-label={t('graph.label')} />;
}
