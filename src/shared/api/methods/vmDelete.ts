/**
 * Deleting a VM with its storage (virsh undefine --remove-all-storage, virt-manager's delete.py):
 * first a plan the dialog shows (every disk with a checkbox and the reason a disk is left
 * unchecked), then the delete of what the user kept checked.
 */
import * as v from 'valibot';
import { flag, text, vmRef, type MethodsOf, type ResultSchemas } from '../schema';

/** Why a disk is offered unchecked (virt-manager's rules, plus a disk in no pool). */
const DISK_KEEP_REASONS = [
  'read-only',
  'shareable',
  'cdrom',
  'iso',
  /** Another VM's live or inactive XML uses it (any connection of the same host). */
  'used-by-other-vm',
  /** A volume in one of the host's pools is backed by it (a linked clone's base). */
  'backing-file',
  /** Not a file or volume: a network disk, a block device, a directory. Never offered. */
  'not-a-file',
  /** A file in no pool: deleted (over the host's file access) only when the user checks it. */
  'outside-pool',
] as const;
export type DiskKeepReason = (typeof DISK_KEEP_REASONS)[number];

const deletableDisk = v.object({
  /** The path (or `pool/volume` name) the checkbox stands for; what `vms.delete` takes back. */
  path: v.string(),
  /** `vda`, `sdb`...; for an external snapshot overlay, the disk's target it belongs to. */
  target: v.string(),
  device: v.picklist(['disk', 'cdrom', 'floppy', 'lun']),
  /** An external snapshot's overlay (or a file of the disk's backing chain that the VM owns). */
  overlayOf: v.optional(v.string()),
  /** The memory state file of this external snapshot (a file, not a disk image). */
  memoryOf: v.optional(v.string()),
  /** The pool and volume when the file is a volume of one of the host's pools. */
  pool: v.optional(v.string()),
  volume: v.optional(v.string()),
  /** Bytes allocated, when known. */
  sizeBytes: v.optional(v.number()),
  /** Checked when the dialog opens. */
  defaultChecked: v.boolean(),
  /** Why it starts unchecked (absent when checked). */
  keepReason: v.optional(v.picklist(DISK_KEEP_REASONS)),
  /** Names of the other VMs using it (keepReason used-by-other-vm) or backed by it. */
  usedBy: v.optional(v.array(v.string())),
  /** False when it cannot be deleted at all (not-a-file): no checkbox. */
  deletable: v.boolean(),
});
export type DeletableDisk = v.InferOutput<typeof deletableDisk>;

const vmDeletePlan = v.object({
  uuid: v.string(),
  name: v.string(),
  /** Running or paused: the delete forces it off first, after its own confirmation. */
  active: v.boolean(),
  disks: v.array(deletableDisk),
  /** What goes with the definition whatever the disks: shown as a list in the dialog. */
  alsoRemoved: v.object({
    managedSave: v.boolean(),
    snapshots: v.number(),
    /** The NVRAM file (UEFI guests). */
    nvram: v.optional(v.string()),
    /** The guest has an emulated TPM whose state libvirt keeps. */
    tpmState: v.boolean(),
  }),
});
export type VmDeletePlan = v.InferOutput<typeof vmDeletePlan>;

/** One thing the delete removed, or could not. */
const deleteItem = v.object({
  /** `disk`: a path from the plan; the others are what the VM owned. */
  kind: v.picklist([
    'disk',
    'definition',
    'managed-save',
    'snapshot-metadata',
    'nvram',
    'tpm-state',
  ]),
  /** A path, a snapshot name, or the VM's name for the definition. */
  what: v.string(),
});
export type DeleteItem = v.InferOutput<typeof deleteItem>;

/**
 * How a delete ended. A failure part way names what was deleted and what remains: `failed` says
 * what was being done when it stopped (with libvirt's or the host's message), `remaining` what is
 * still there.
 */
const vmDeleteOutcome = v.object({
  deleted: v.array(deleteItem),
  remaining: v.array(deleteItem),
  failed: v.optional(v.object({ ...deleteItem.entries, message: v.string() })),
});
export type VmDeleteOutcome = v.InferOutput<typeof vmDeleteOutcome>;

export const vmDeleteParams = {
  /** The dialog's content: disks with their default and reason, and what goes with the VM. */
  'vms.deletePlan': v.object(vmRef),
  /**
   * Forces the VM off (with `forceOff`), removes its managed save and snapshot metadata, undefines
   * it with its NVRAM and TPM state, then deletes the disks asked for: volumes through libvirt, a
   * file in no pool through the host's own file access (SFTP). Checks everything first (the disks
   * against a fresh plan: a disk that became used since is refused, naming the VM).
   */
  'vms.delete': v.object({
    ...vmRef,
    /** Paths from the plan's disks; anything not in the plan is refused before anything changes. */
    disks: v.array(text('disks'), 'Missing disks'),
    /** The user confirmed forcing a running VM off; without it an active VM is refused. */
    forceOff: flag(),
  }),
};

export const vmDeleteResults = {
  'vms.deletePlan': vmDeletePlan,
  'vms.delete': vmDeleteOutcome,
} satisfies ResultSchemas<typeof vmDeleteParams>;

export type VmDeleteMethods = MethodsOf<typeof vmDeleteParams, typeof vmDeleteResults>;
