/**
 * Host CPU and memory use from node stats. The renderer asks every few seconds while the
 * Overview tab is open, so nothing runs when nobody looks; CPU use is the busy share of the CPU
 * time counters since the previous sample of the same connection.
 */
import type { HostUsageSample } from '../../../shared/api/hostTypes';
import type { LibvirtConnection } from '../../libvirt/connection';

interface CpuCounters {
  busy: number;
  total: number;
}

const previous = new WeakMap<LibvirtConnection, CpuCounters>();

export function cpuCounters(stats: Record<string, number>): CpuCounters {
  const user = stats.user ?? 0;
  const kernel = stats.kernel ?? 0;
  const idle = stats.idle ?? 0;
  const iowait = stats.iowait ?? 0;
  return { busy: user + kernel, total: user + kernel + idle + iowait };
}

export function cpuPercent(before: CpuCounters, after: CpuCounters): number | undefined {
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  return Math.min(100, Math.max(0, (100 * (after.busy - before.busy)) / total));
}

export async function sampleHostUsage(connection: LibvirtConnection): Promise<HostUsageSample> {
  const [cpu, memory] = await Promise.all([
    connection.nodeCpuStats(),
    connection.nodeMemoryStats(),
  ]);
  const counters = cpuCounters(cpu);
  const before = previous.get(connection);
  previous.set(connection, counters);
  const total = memory.total ?? 0;
  const used = total - (memory.free ?? 0) - (memory.buffers ?? 0) - (memory.cached ?? 0);
  return {
    time: Date.now(),
    cpuPercent: before ? cpuPercent(before, counters) : undefined,
    memoryTotalKiB: total,
    memoryUsedKiB: Math.max(0, used),
  };
}
