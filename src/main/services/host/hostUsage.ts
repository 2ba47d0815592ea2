/**
 * Host CPU and memory use from node stats. The renderer asks every few seconds while the
 * Overview tab is open, so nothing runs when nobody looks. The CPU time counters are returned
 * as they are, and each caller computes the busy share since ITS previous sample: two windows
 * polling the same host would otherwise share one "previous" and each measure a shorter,
 * wrong interval.
 */
import type { HostCpuCounters, HostUsageSample } from '../../../shared/api/hostTypes';
import type { LibvirtConnection } from '../../libvirt/connection';

/** Busy (user + kernel) and total (busy + idle + iowait) CPU time, in nanoseconds. */
export function cpuCounters(stats: Record<string, number>): HostCpuCounters {
  const user = stats.user ?? 0;
  const kernel = stats.kernel ?? 0;
  const idle = stats.idle ?? 0;
  const iowait = stats.iowait ?? 0;
  return { busyNs: user + kernel, totalNs: user + kernel + idle + iowait };
}

export async function sampleHostUsage(connection: LibvirtConnection): Promise<HostUsageSample> {
  const [cpu, memory] = await Promise.all([
    connection.nodeCpuStats(),
    connection.nodeMemoryStats(),
  ]);
  const total = memory.total ?? 0;
  const used = total - (memory.free ?? 0) - (memory.buffers ?? 0) - (memory.cached ?? 0);
  return {
    time: Date.now(),
    cpu: cpuCounters(cpu),
    memoryTotalKiB: total,
    memoryUsedKiB: Math.max(0, used),
  };
}
