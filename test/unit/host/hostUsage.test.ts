/**
 * Host CPU use is measured per caller: the backend returns the raw CPU time counters and keeps
 * no previous sample (the share per caller is test/unit/renderer/hostUsageSeries.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { cpuCounters, sampleHostUsage } from '../../../src/main/services/host/hostUsage';

/** node stats as libvirt gives them after `busy` and `idle` ns of CPU time. */
function stats(busy: number, idle: number): Record<string, number> {
  return { user: busy * 0.75, kernel: busy * 0.25, idle: idle * 0.9, iowait: idle * 0.1 };
}

describe('host CPU use per caller', () => {
  it('counts user + kernel as busy and idle + iowait as the rest', () => {
    expect(cpuCounters(stats(400, 600))).toEqual({ busyNs: 400, totalNs: 1000 });
  });

  it('the backend keeps no previous sample: each call returns the counters as they are', async () => {
    const counters = [stats(100, 900), stats(300, 1700)];
    const connection = {
      nodeCpuStats: () => Promise.resolve(counters.shift() ?? {}),
      nodeMemoryStats: () => Promise.resolve({ total: 1000, free: 500, buffers: 100, cached: 150 }),
    } as unknown as LibvirtConnection;
    const first = await sampleHostUsage(connection);
    const second = await sampleHostUsage(connection);
    expect(first.cpu).toEqual({ busyNs: 100, totalNs: 1000 });
    expect(second.cpu).toEqual({ busyNs: 300, totalNs: 2000 });
    expect(second.memoryUsedKiB).toBe(250);
  });
});
