/**
 * Snapshots of a VM (virsh snapshot-*): the tree, create, revert, delete, and a thumbnail of the
 * display at snapshot time kept on this machine.
 */
import * as v from 'valibot';
import { flag, optionalFormText, text, vmRef, type ParamsIn } from '../schema';

export interface SnapshotInfo {
  name: string;
  /** The parent snapshot's name; absent for a root. */
  parent?: string;
  /** Seconds since the epoch, as libvirt's `<creationTime>`. */
  createdAt: number;
  description: string;
  /** The guest's state when it was taken (libvirt's `<state>`: running, shutoff, paused...). */
  state: string;
  location: 'internal' | 'external';
  /** The guest's memory is included (a revert comes back running or paused). */
  memory: boolean;
  current: boolean;
  /** A thumbnail was kept for it on this machine (`vms.snapshots.thumbnail`). */
  hasThumbnail: boolean;
}

/** Why no snapshot can be made, said before anything is made. */
export type SnapshotBlocker =
  /** A disk is raw (or another format without internal snapshots) and external is not possible. */
  | 'raw-disk'
  /** UEFI guest: internal snapshots need libvirt 10.9 (create) / 10.10 (revert, delete). */
  | 'uefi-old-libvirt'
  /** libvirt too old for any mode the disks allow. */
  | 'libvirt-too-old'
  /** A disk is not a file (network, block) and internal is not possible either. */
  | 'disk-not-file'
  /** The VM already has snapshots of the other mode: never mix the two in one VM. */
  | 'mixed-modes';

export interface SnapshotCapability {
  /** The mode a new snapshot will use; absent when none is possible (`blocker` says why). */
  mode?: 'internal' | 'external';
  blocker?: SnapshotBlocker;
  /** The disk the blocker is about (its target), when it is about one. */
  blockerDisk?: string;
}

export interface SnapshotList {
  snapshots: SnapshotInfo[];
  capability: SnapshotCapability;
}

const snapshotRef = v.object({ ...vmRef, name: text('name') });

export const snapshotParams = {
  'vms.snapshots.list': v.object(vmRef),
  'vms.snapshots.create': v.object({
    ...vmRef,
    /** Empty: a timestamp. A used name is refused (field `name`). */
    name: optionalFormText('name'),
    description: optionalFormText('description'),
    /** Include the memory of a running VM. */
    memory: flag(),
  }),
  'vms.snapshots.revert': v.object({
    ...snapshotRef.entries,
    /** Revert even where libvirt calls it risky (VIR_DOMAIN_SNAPSHOT_REVERT_FORCE). */
    force: flag(),
  }),
  'vms.snapshots.delete': v.object({ ...snapshotRef.entries, children: flag() }),
  'vms.snapshots.thumbnail': snapshotRef,
};
type In<M extends keyof typeof snapshotParams> = ParamsIn<(typeof snapshotParams)[M]>;

export interface SnapshotMethods {
  /** The VM's snapshots (parent links make the tree) and the mode a new one would use. */
  'vms.snapshots.list': { params: In<'vms.snapshots.list'>; result: SnapshotList };
  /**
   * Takes a snapshot in the mode `capability` says, refused in words when none is possible or the
   * name is empty after trimming or used. A running job on the domain is refused too. Keeps a
   * thumbnail of the display when the VM runs and has one.
   */
  'vms.snapshots.create': { params: In<'vms.snapshots.create'>; result: SnapshotInfo };
  /** Back to the snapshot, in the state it was taken in; libvirt's refusals explained in words. */
  'vms.snapshots.revert': { params: In<'vms.snapshots.revert'>; result: void };
  /** Deletes it (with `children`, its descendants too); external ones through libvirt only. */
  'vms.snapshots.delete': { params: In<'vms.snapshots.delete'>; result: void };
  /** The kept thumbnail as a PNG data URL, or null when none was kept. */
  'vms.snapshots.thumbnail': { params: In<'vms.snapshots.thumbnail'>; result: string | null };
}
