import type { SnapshotInfo } from '../../../shared/api/methods/snapshots';

/** One row of the snapshot tree: the snapshot, how deep it sits, and how many descend from it. */
export interface SnapshotRow {
  snapshot: SnapshotInfo;
  depth: number;
  descendants: number;
}

/**
 * The snapshots as the rows of a tree: each parent before its children, siblings oldest first
 * (as `virsh snapshot-list --tree`). A snapshot whose parent is not in the list (deleted while
 * the list was read) is shown as a root rather than lost.
 */
export function snapshotRows(snapshots: readonly SnapshotInfo[]): SnapshotRow[] {
  const names = new Set(snapshots.map((s) => s.name));
  const children = new Map<string | undefined, SnapshotInfo[]>();
  for (const s of snapshots) {
    const parent = s.parent !== undefined && names.has(s.parent) ? s.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const byAge = (a: SnapshotInfo, b: SnapshotInfo) =>
    a.createdAt - b.createdAt || a.name.localeCompare(b.name);
  const rows: SnapshotRow[] = [];
  const visit = (parent: string | undefined, depth: number): number => {
    let count = 0;
    for (const snapshot of [...(children.get(parent) ?? [])].sort(byAge)) {
      const row: SnapshotRow = { snapshot, depth, descendants: 0 };
      rows.push(row);
      row.descendants = visit(snapshot.name, depth + 1);
      count += 1 + row.descendants;
    }
    return count;
  };
  visit(undefined, 0);
  return rows;
}

/**
 * How a revert brings the guest back, as the backend asks libvirt to: as it was taken (running or
 * paused, with its memory), started afresh from the disks (a running guest's disks alone), or
 * shut off.
 */
export function stateAfterRevert(
  snapshot: SnapshotInfo,
): 'running' | 'paused' | 'booted' | 'shutoff' {
  if (snapshot.state === 'paused') return 'paused';
  if (['running', 'blocked', 'disk-snapshot'].includes(snapshot.state)) {
    return snapshot.memory ? 'running' : 'booted';
  }
  return 'shutoff';
}
