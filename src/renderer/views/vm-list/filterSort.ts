/** The VM list's filter, sort and grouping: pure, memoised by the view, tested on their own. */
import type { Dispatch, SetStateAction } from 'react';
import type { ConnectionConfig, VmState, VmSummary } from '../../../shared/api/types';
import { vmKey } from '../../state/vmKey';

export type StateFilter = 'all' | 'running' | 'paused' | 'shutoff' | 'other';
export const STATE_FILTERS: readonly StateFilter[] = [
  'all',
  'running',
  'paused',
  'shutoff',
  'other',
];

export type SortColumn = 'name' | 'state' | 'cpu' | 'memory' | 'vcpus' | 'memorySize' | 'autostart';
export type SortDirection = 'ascending' | 'descending';
export interface SortSpec {
  column: SortColumn;
  direction: SortDirection;
}

export interface VmFilter {
  text: string;
  state: StateFilter;
  /** A connection id, or 'all'. */
  host: string;
  /** A tag the VMs must have (from the details page), or 'all' / absent. */
  tag?: string;
}

/** setFilter's shape: the filter box and each select change their own field of the latest. */
export type FilterUpdate = Dispatch<SetStateAction<VmFilter>>;

const STATE_GROUP: Record<VmState, Exclude<StateFilter, 'all'>> = {
  running: 'running',
  blocked: 'running',
  paused: 'paused',
  pmsuspended: 'paused',
  shutoff: 'shutoff',
  shutdown: 'other',
  crashed: 'other',
  nostate: 'other',
};

// Running first, as virt-manager orders by state.
const STATE_ORDER: Record<VmState, number> = {
  running: 0,
  blocked: 1,
  paused: 2,
  pmsuspended: 3,
  shutdown: 4,
  crashed: 5,
  shutoff: 6,
  nostate: 7,
};

export function matchesFilter(vm: VmSummary, filter: VmFilter, needle: string): boolean {
  if (filter.host !== 'all' && vm.connectionId !== filter.host) return false;
  if (filter.state !== 'all' && STATE_GROUP[vm.state] !== filter.state) return false;
  if (filter.tag && filter.tag !== 'all' && !vm.tags?.includes(filter.tag)) return false;
  return needle === '' || vm.name.toLowerCase().includes(needle);
}

/** Every tag of the listed VMs, sorted, for the tag filter. */
export function allTags(vms: Iterable<VmSummary>): string[] {
  const tags = new Set<string>();
  for (const vm of vms) for (const tag of vm.tags ?? []) tags.add(tag);
  return [...tags].sort((a, b) => collator.compare(a, b));
}

export function filterVms(vms: Iterable<VmSummary>, filter: VmFilter): VmSummary[] {
  const needle = filter.text.trim().toLowerCase();
  const out: VmSummary[] = [];
  for (const vm of vms) if (matchesFilter(vm, filter, needle)) out.push(vm);
  return out;
}

/** The latest stats of a VM, for sorting by CPU or memory use. */
export type LatestStats = (key: string) => { cpuPercent?: number; memoryKiB?: number } | undefined;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function sortVms(
  vms: readonly VmSummary[],
  sort: SortSpec,
  latest?: LatestStats,
): VmSummary[] {
  const value = (vm: VmSummary): number => {
    switch (sort.column) {
      case 'state':
        return STATE_ORDER[vm.state];
      case 'cpu':
        return latest?.(vmKey(vm.connectionId, vm.uuid))?.cpuPercent ?? -1;
      case 'memory':
        return latest?.(vmKey(vm.connectionId, vm.uuid))?.memoryKiB ?? -1;
      case 'vcpus':
        return vm.vcpus;
      case 'memorySize':
        return vm.memoryKiB;
      case 'autostart':
        return vm.autostart ? 1 : 0;
      case 'name':
        return 0;
    }
  };
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const byName = (a: VmSummary, b: VmSummary) => collator.compare(a.name, b.name);
  const compare =
    sort.column === 'name'
      ? (a: VmSummary, b: VmSummary) => sign * byName(a, b)
      : (a: VmSummary, b: VmSummary) => sign * (value(a) - value(b)) || byName(a, b);
  return [...vms].sort(compare);
}

export type ListRow =
  | { kind: 'host'; connection: ConnectionConfig; vmCount: number }
  | { kind: 'vm'; key: string; vm: VmSummary };

/** One list for all hosts: a header row per connection, then its VMs in sorted order. */
export function groupRows(
  connections: readonly ConnectionConfig[],
  sorted: readonly VmSummary[],
  hostFilter: string,
): ListRow[] {
  const byConnection = new Map<string, VmSummary[]>();
  for (const vm of sorted) {
    let list = byConnection.get(vm.connectionId);
    if (!list) byConnection.set(vm.connectionId, (list = []));
    list.push(vm);
  }
  const rows: ListRow[] = [];
  for (const connection of connections) {
    if (hostFilter !== 'all' && connection.id !== hostFilter) continue;
    const list = byConnection.get(connection.id) ?? [];
    rows.push({ kind: 'host', connection, vmCount: list.length });
    for (const vm of list) rows.push({ kind: 'vm', key: vmKey(vm.connectionId, vm.uuid), vm });
  }
  return rows;
}
