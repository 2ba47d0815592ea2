/**
 * Snapshots of a VM (virsh snapshot-*): the tree, create, revert, delete, and a thumbnail of the
 * display at snapshot time kept on this machine.
 */
import * as v from 'valibot';
import {
  flag,
  nothing,
  optionalFormText,
  text,
  vmRef,
  type MethodsOf,
  type ResultSchemas,
} from '../schema';

const snapshotInfo = v.object({
  name: v.string(),
  /** The parent snapshot's name; absent for a root. */
  parent: v.optional(v.string()),
  /** Seconds since the epoch, as libvirt's `<creationTime>`. */
  createdAt: v.number(),
  description: v.string(),
  /** The guest's state when it was taken (libvirt's `<state>`: running, shutoff, paused...). */
  state: v.string(),
  location: v.picklist(['internal', 'external']),
  /** The guest's memory is included (a revert comes back running or paused). */
  memory: v.boolean(),
  current: v.boolean(),
  /** A thumbnail was kept for it on this machine (`vms.snapshots.thumbnail`). */
  hasThumbnail: v.boolean(),
});
export type SnapshotInfo = v.InferOutput<typeof snapshotInfo>;

/** Why no snapshot can be made, said before anything is made. */
const SNAPSHOT_BLOCKERS = [
  /** A disk is raw (or another format without internal snapshots) and external is not possible. */
  'raw-disk',
  /** UEFI guest: internal snapshots need libvirt 10.9 (create) / 10.10 (revert, delete). */
  'uefi-old-libvirt',
  /** libvirt too old for any mode the disks allow. */
  'libvirt-too-old',
  /** A disk is not a file (network, block) and internal is not possible either. */
  'disk-not-file',
  /** The VM already has snapshots of the other mode: never mix the two in one VM. */
  'mixed-modes',
] as const;
export type SnapshotBlocker = (typeof SNAPSHOT_BLOCKERS)[number];

const snapshotCapability = v.object({
  /** The mode a new snapshot will use; absent when none is possible (`blocker` says why). */
  mode: v.optional(v.picklist(['internal', 'external'])),
  blocker: v.optional(v.picklist(SNAPSHOT_BLOCKERS)),
  /** The disk the blocker is about (its target), when it is about one. */
  blockerDisk: v.optional(v.string()),
});
export type SnapshotCapability = v.InferOutput<typeof snapshotCapability>;

const snapshotList = v.object({
  snapshots: v.array(snapshotInfo),
  capability: snapshotCapability,
});
export type SnapshotList = v.InferOutput<typeof snapshotList>;

const snapshotRef = v.object({ ...vmRef, name: text('name') });

export const snapshotParams = {
  /** The VM's snapshots (parent links make the tree) and the mode a new one would use. */
  'vms.snapshots.list': v.object(vmRef),
  /**
   * Takes a snapshot in the mode `capability` says, refused in words when none is possible or the
   * name is empty after trimming or used. A running job on the domain is refused too. Keeps a
   * thumbnail of the display when the VM runs and has one.
   */
  'vms.snapshots.create': v.object({
    ...vmRef,
    /** Empty: a timestamp. A used name is refused (field `name`). */
    name: optionalFormText('name'),
    description: optionalFormText('description'),
    /** Include the memory of a running VM. */
    memory: flag(),
  }),
  /** Back to the snapshot, in the state it was taken in; libvirt's refusals explained in words. */
  'vms.snapshots.revert': v.object({
    ...snapshotRef.entries,
    /** Revert even where libvirt calls it risky (VIR_DOMAIN_SNAPSHOT_REVERT_FORCE). */
    force: flag(),
  }),
  /** Deletes it (with `children`, its descendants too); external ones through libvirt only. */
  'vms.snapshots.delete': v.object({ ...snapshotRef.entries, children: flag() }),
  'vms.snapshots.thumbnail': snapshotRef,
};
export const snapshotResults = {
  'vms.snapshots.list': snapshotList,
  'vms.snapshots.create': snapshotInfo,
  'vms.snapshots.revert': nothing,
  'vms.snapshots.delete': nothing,
  /** The kept thumbnail as a PNG data URL, or null when none was kept. */
  'vms.snapshots.thumbnail': v.nullable(v.string()),
} satisfies ResultSchemas<typeof snapshotParams>;

export type SnapshotMethods = MethodsOf<typeof snapshotParams, typeof snapshotResults>;
