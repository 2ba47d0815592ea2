import type { HostCpuCounters, HostUsageSample } from '../../../shared/api/hostTypes';

/** One point of the host graph. */
export interface HostUsagePoint {
  /** Epoch ms. */
  time: number;
  /** Busy share of all CPUs since this series' previous sample; undefined for the first. */
  cpuPercent?: number;
  memoryPercent?: number;
}

/** Percent of all CPUs busy between two samples; undefined when no CPU time passed. */
export function hostCpuPercent(
  before: HostCpuCounters,
  after: HostCpuCounters,
): number | undefined {
  const total = after.totalNs - before.totalNs;
  if (total <= 0) return undefined;
  return Math.min(100, Math.max(0, (100 * (after.busyNs - before.busyNs)) / total));
}

/**
 * The samples one graph asked for, as points: each CPU share is measured against this series'
 * own previous sample, so another window polling the same host changes nothing here.
 */
export class HostUsageSeries {
  readonly points: HostUsagePoint[] = [];
  private previous: HostCpuCounters | undefined;

  constructor(private readonly keep: number) {}

  push(sample: HostUsageSample): HostUsagePoint {
    const point: HostUsagePoint = {
      time: sample.time,
      cpuPercent: this.previous ? hostCpuPercent(this.previous, sample.cpu) : undefined,
      memoryPercent:
        sample.memoryTotalKiB > 0
          ? (100 * sample.memoryUsedKiB) / sample.memoryTotalKiB
          : undefined,
    };
    this.previous = sample.cpu;
    this.points.push(point);
    if (this.points.length > this.keep) this.points.shift();
    return point;
  }
}
