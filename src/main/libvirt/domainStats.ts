/**
 * Bulk statistics for many domains in ONE call (virConnectGetAllDomainStats), which is how the
 * app keeps live graphs of hundreds of VMs without a call per VM.
 */
import type { RpcClient } from './rpc/client';
import type { DomainRef } from './refs';
import { typedParamsToRecord, type TypedValue } from './typedParams';

export interface DomainStatsRecord {
  dom: DomainRef;
  /** Flat libvirt fields, e.g. "state.state", "cpu.time", "balloon.current", "net.0.rx.bytes". */
  values: Record<string, TypedValue>;
}

/**
 * Stats for `doms`, or for every domain when `doms` is empty (then `flags` may filter by the
 * virConnectListAllDomains flags, e.g. only running ones).
 */
export async function getAllDomainStats(
  rpc: RpcClient,
  groups: number,
  options: { doms?: DomainRef[]; flags?: number } = {},
): Promise<DomainStatsRecord[]> {
  const ret = await rpc.call('CONNECT_GET_ALL_DOMAIN_STATS', {
    doms: options.doms ?? [],
    stats: groups,
    flags: options.flags ?? 0,
  });
  return ret.retStats.map((record) => ({
    dom: record.dom,
    values: typedParamsToRecord(record.params),
  }));
}

/** virDomainMemoryStatTags' ACTUAL_BALLOON (libvirt-domain.h); the generated enums lack it. */
export const MEMORY_STAT_ACTUAL_BALLOON = 6;

/** virDomainMemoryStats: tag -> value (KiB), as `virsh dommemstat` shows them. */
export async function getDomainMemoryStats(
  rpc: RpcClient,
  dom: DomainRef,
): Promise<Map<number, number>> {
  const { stats } = await rpc.call('DOMAIN_MEMORY_STATS', { dom, maxStats: 16, flags: 0 });
  return new Map(stats.map((s) => [s.tag, Number(s.val)]));
}

/** virDomainInterfaceStats of one interface (its host-side device, e.g. a veth). */
export async function getInterfaceStats(
  rpc: RpcClient,
  dom: DomainRef,
  device: string,
): Promise<{ rxBytes: number; txBytes: number }> {
  const ret = await rpc.call('DOMAIN_INTERFACE_STATS', { dom, device });
  return { rxBytes: Number(ret.rx_bytes), txBytes: Number(ret.tx_bytes) };
}
