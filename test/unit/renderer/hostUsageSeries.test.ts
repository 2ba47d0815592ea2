/**
 * Host CPU use is measured per caller: each graph's series computes the busy share against its
 * own previous sample, so two windows polling the same host each get the share over their own
 * interval (the backend side, which keeps nothing, is test/unit/host/hostUsage.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { HostUsageSample } from '../../../src/shared/api/hostTypes';
import { HostUsageSeries, hostCpuPercent } from '../../../src/renderer/views/host/hostUsageSeries';

function sample(time: number, busy: number, idle: number): HostUsageSample {
  return {
    time,
    cpu: { busyNs: busy, totalNs: busy + idle },
    memoryTotalKiB: 1000,
    memoryUsedKiB: 250,
  };
}

describe('host CPU use per caller', () => {
  it('computes the busy share between two samples', () => {
    expect(hostCpuPercent({ busyNs: 0, totalNs: 0 }, { busyNs: 400, totalNs: 1000 })).toBe(40);
    // No CPU time passed (the same counters twice): no share rather than 0 or NaN.
    expect(hostCpuPercent({ busyNs: 5, totalNs: 9 }, { busyNs: 5, totalNs: 9 })).toBeUndefined();
  });

  it('two windows polling the same host each measure their own interval', () => {
    // The host's counters over time: 10% busy during the first second, 90% during the next.
    const timeline = [sample(0, 0, 0), sample(1, 100, 900), sample(2, 1000, 1000)];
    const a = new HostUsageSeries(10);
    const b = new HostUsageSeries(10);
    // Window A samples at 0 and 2; window B at 1 and 2, its calls interleaved with A's.
    expect(a.push(timeline[0]!).cpuPercent).toBeUndefined();
    expect(b.push(timeline[1]!).cpuPercent).toBeUndefined();
    expect(b.push(timeline[2]!).cpuPercent).toBe(90);
    // A's share is over its whole interval (1000 busy of 2000), not B's last second.
    expect(a.push(timeline[2]!).cpuPercent).toBe(50);
    expect(a.points.map((p) => p.memoryPercent)).toEqual([25, 25]);
  });

  it('keeps at most `keep` points, oldest dropped first', () => {
    const series = new HostUsageSeries(2);
    for (let t = 0; t < 4; t++) series.push(sample(t, t * 10, t * 90));
    expect(series.points.map((p) => p.time)).toEqual([2, 3]);
    expect(series.points[1]?.cpuPercent).toBe(10);
  });
});
