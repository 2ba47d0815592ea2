import { memo, useMemo } from 'react';
import { useStatsVersion, useStore } from '../../state/context';
import { formatKiB, formatPercent } from '../../format';
import { Sparkline } from './Sparkline';

const SPARK_SAMPLES = 60;

/**
 * The CPU and Memory cells of one row. They subscribe to this VM's stats alone, so a stats tick
 * re-renders these two cells of the rows on screen and nothing else.
 */
export const StatsCells = memo(function StatsCells({
  vmKey,
  maxMemoryKiB,
  active,
  labels,
}: {
  vmKey: string;
  /** The sparklines' accessible names, translated by the grid. */
  labels: { cpu: string; memory: string };
  maxMemoryKiB: number;
  /** Stats of a stopped VM are stale: the cells show a dash instead. */
  active: boolean;
}) {
  const store = useStore();
  const version = useStatsVersion(vmKey);
  const { cpu, memory } = useMemo(() => {
    void version;
    const samples = store.stats.samples(vmKey, SPARK_SAMPLES);
    const cpuValues: number[] = [];
    const memValues: number[] = [];
    for (const s of samples) {
      if (s.cpuPercent !== undefined) cpuValues.push(s.cpuPercent);
      if (s.memoryKiB !== undefined) memValues.push(s.memoryKiB);
    }
    return { cpu: cpuValues, memory: memValues };
  }, [store, vmKey, version]);
  const lastCpu = cpu[cpu.length - 1];
  const lastMemory = memory[memory.length - 1];
  return (
    <>
      <div role="gridcell" className="vd-cell vd-cell--stats vd-col--cpu">
        <Sparkline values={active ? cpu : []} max={100} label={labels.cpu} />
        <span className="vd-stat-value">
          <bdi>{active && lastCpu !== undefined ? formatPercent(lastCpu) : '—'}</bdi>
        </span>
      </div>
      <div role="gridcell" className="vd-cell vd-cell--stats vd-col--memory">
        <Sparkline values={active ? memory : []} max={maxMemoryKiB} label={labels.memory} />
        <span className="vd-stat-value">
          <bdi>{active && lastMemory !== undefined ? formatKiB(lastMemory) : '—'}</bdi>
        </span>
      </div>
    </>
  );
});
