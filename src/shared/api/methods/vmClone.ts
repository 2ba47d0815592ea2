/**
 * Clones and templates (virt-clone, virt-manager's clone dialog, Proxmox's templates): a plan the
 * dialog shows (each disk with the ways it can be cloned, the target volume names, what the host
 * offers for resetting the guest's identity), the clone job, and the template mark.
 */
import * as v from 'valibot';
import { createVmStarted, newVmNetwork } from '../newVmTypes';
import {
  flag,
  formText,
  nothing,
  numberIn,
  optionalFormText,
  text,
  vmRef,
  type MethodsOf,
  type ResultSchemas,
} from '../schema';

/**
 * How one disk reaches the clone: `copy` (a new volume with the same content), `linked` (a qcow2
 * overlay whose backing file is the original: the original then stays shut off, as a template),
 * `share` (the clone uses the same disk: CD-ROMs, read-only and shareable disks).
 */
export const CLONE_DISK_MODES = ['copy', 'linked', 'share'] as const;
export type CloneDiskMode = (typeof CLONE_DISK_MODES)[number];

/** Why `copy` / `linked` are not offered for a disk (it can only be shared, or is dropped). */
const CLONE_DISK_LIMITS = [
  'cdrom',
  'read-only',
  'shareable',
  /** A network or block disk: no volume to copy. */
  'not-a-volume',
  /** A file in no pool of the host: copy it? Not without a pool to make the new volume in. */
  'outside-pool',
  /** Linked needs a pool that can hold a qcow2 overlay (dir, fs, netfs). */
  'no-overlay-pool',
] as const;

/** What virt-sysprep (or virt-customize) is asked to reset in the clone's disks. */
export const IDENTITY_OPERATIONS = ['machine-id', 'ssh-hostkeys', 'hostname'] as const;
export type IdentityOperation = (typeof IDENTITY_OPERATIONS)[number];

const cloneDisk = v.object({
  /** `vda`, `hdc`...: what `vms.clone` names the disk by. */
  target: v.string(),
  device: v.picklist(['disk', 'cdrom', 'floppy', 'lun']),
  /** The source path (absent for an empty CD-ROM or a network disk). */
  path: v.optional(v.string()),
  pool: v.optional(v.string()),
  volume: v.optional(v.string()),
  /** The image format (`qcow2`, `raw`...). */
  format: v.optional(v.string()),
  capacityBytes: v.optional(v.number()),
  allocationBytes: v.optional(v.number()),
  /** The modes offered for this disk, in the order the dialog lists them. */
  modes: v.array(v.picklist(CLONE_DISK_MODES)),
  defaultMode: v.picklist(CLONE_DISK_MODES),
  /** Why copy / linked are missing from `modes`. */
  limit: v.optional(v.picklist(CLONE_DISK_LIMITS)),
  /** The new volume's name for copy / linked, derived from the clone's default name. */
  suggestedVolume: v.optional(v.string()),
});
export type CloneDisk = v.InferOutput<typeof cloneDisk>;

const clonePlan = v.object({
  uuid: v.string(),
  name: v.string(),
  /** "NAME-clone" (or "NAME-clone-2"... when taken). */
  suggestedName: v.string(),
  /** Running or paused: a clone needs the user's consent to pause it during the copy. */
  active: v.boolean(),
  template: v.boolean(),
  disks: v.array(cloneDisk),
  /** The NVRAM file that is copied for the clone (UEFI guests). */
  nvram: v.optional(v.string()),
  /** The guest has an emulated TPM whose state is copied. */
  tpm: v.boolean(),
  /** What the host offers to reset the guest's identity inside its disks. */
  identityReset: v.object({
    /** The tool found on the host; absent when it has neither. */
    tool: v.optional(v.picklist(['virt-sysprep', 'virt-customize'])),
    /** The Debian / Fedora package that brings it (shown when the tool is missing). */
    package: v.string(),
    operations: v.array(v.picklist(IDENTITY_OPERATIONS)),
  }),
});
export type ClonePlan = v.InferOutput<typeof clonePlan>;

/** What the New VM wizard's "from template" pages change in the clone. */
const cloneOverrides = v.object({
  memoryMiB: v.optional(numberIn('memoryMiB', 1)),
  vcpus: v.optional(numberIn('vcpus', 1)),
  /** Replaces the first NIC's source (or removes NICs with `none`). */
  network: v.optional(newVmNetwork),
});

export const cloneOptions = v.object({
  ...vmRef,
  /** The clone's name; checked free on the connection before anything is made. */
  name: formText(),
  /** Every disk of the plan by target; a disk left out is shared when it can be, else refused. */
  disks: v.array(
    v.object({
      target: text('disks.target'),
      mode: v.picklist(CLONE_DISK_MODES, 'Unknown disk mode'),
      /** The new volume's name (copy / linked); the plan's suggestion when empty. */
      volume: optionalFormText('disks.volume'),
    }),
  ),
  /** The user accepted pausing a running source for the copy (resumed after). */
  pauseSource: flag(),
  /** Reset the guest's identity in the clone's disks (never while anything runs on them). */
  identityReset: v.optional(
    v.object({
      operations: v.array(v.picklist(IDENTITY_OPERATIONS, 'Unknown identity operation')),
      /** The guest's new hostname (operation `hostname`); the clone's name when empty. */
      hostname: optionalFormText('identityReset.hostname'),
    }),
  ),
  overrides: v.optional(cloneOverrides),
  /** Start the clone when it is made. */
  start: flag(),
});
export type CloneOptions = v.InferOutput<typeof cloneOptions>;

export const vmCloneParams = {
  /** The clone dialog's content. */
  'vms.clonePlan': v.object(vmRef),
  /**
   * Checks everything first (name free, volume names free, space in each pool, the source's
   * state), then one job (unit steps): copy or overlay each disk, the NVRAM and TPM state, define
   * the clone with a new UUID, new MACs and new serial / log file paths, reset its identity.
   * Cancel or failure removes every volume and the definition it made.
   */
  'vms.clone': cloneOptions,
  /**
   * Marks (or unmarks) a VM as a template in Virtdeck's metadata: a badge, and lifecycle actions
   * that would change it are refused. A running VM cannot become a template.
   */
  'vms.setTemplate': v.object({ ...vmRef, template: v.boolean('Expected true or false') }),
};

export const vmCloneResults = {
  'vms.clonePlan': clonePlan,
  /** The job, and the clone as it will be named (its UUID once defined: `uuid` of the job's end). */
  'vms.clone': createVmStarted,
  'vms.setTemplate': nothing,
} satisfies ResultSchemas<typeof vmCloneParams>;

export type VmCloneMethods = MethodsOf<typeof vmCloneParams, typeof vmCloneResults>;
