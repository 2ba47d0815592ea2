/**
 * Deleting a VM with its storage (virsh undefine --remove-all-storage, virt-manager's delete.py):
 * first a plan the dialog shows (every disk with a checkbox and the reason a disk is left
 * unchecked), then the delete of what the user kept checked.
 */
import * as v from 'valibot';
import { flag, text, vmRef, type ParamsIn } from '../schema';

/** Why a disk is offered unchecked (virt-manager's rules, plus a disk in no pool). */
export type DiskKeepReason =
  | 'read-only'
  | 'shareable'
  | 'cdrom'
  | 'iso'
  /** Another VM's live or inactive XML uses it (any connection of the same host). */
  | 'used-by-other-vm'
  /** A volume in one of the host's pools is backed by it (a linked clone's base). */
  | 'backing-file'
  /** Not a file or volume: a network disk, a block device, a directory. Never offered. */
  | 'not-a-file'
  /** A file in none of the host's pools: deleted (over SFTP) only when the user checks it. */
  | 'outside-pool';

export interface DeletableDisk {
  /** The path (or `pool/volume` name) the checkbox stands for; what `vms.delete` takes back. */
  path: string;
  /** `vda`, `sdb`...; for an external snapshot overlay, the disk's target it belongs to. */
  target: string;
  device: 'disk' | 'cdrom' | 'floppy' | 'lun';
  /** An external snapshot's overlay (or a file of the disk's backing chain that the VM owns). */
  overlayOf?: string;
  /** The pool and volume when the file is a volume of one of the host's pools. */
  pool?: string;
  volume?: string;
  /** Bytes allocated, when known. */
  sizeBytes?: number;
  /** Checked when the dialog opens. */
  defaultChecked: boolean;
  /** Why it starts unchecked (absent when checked). */
  keepReason?: DiskKeepReason;
  /** Names of the other VMs using it (keepReason used-by-other-vm) or backed by it. */
  usedBy?: string[];
  /** False when it cannot be deleted at all (not-a-file): no checkbox. */
  deletable: boolean;
}

export interface VmDeletePlan {
  uuid: string;
  name: string;
  /** Running or paused: the delete forces it off first, after its own confirmation. */
  active: boolean;
  disks: DeletableDisk[];
  /** What goes with the definition whatever the disks: shown as a list in the dialog. */
  alsoRemoved: {
    managedSave: boolean;
    snapshots: number;
    /** The NVRAM file (UEFI guests). */
    nvram?: string;
    /** The guest has an emulated TPM whose state libvirt keeps. */
    tpmState: boolean;
  };
}

/** One thing the delete removed, or could not. */
export interface DeleteItem {
  /** `disk`: a path from the plan; the others are what the VM owned. */
  kind: 'disk' | 'definition' | 'managed-save' | 'snapshot-metadata' | 'nvram' | 'tpm-state';
  /** A path, a snapshot name, or the VM's name for the definition. */
  what: string;
}

/**
 * How a delete ended. A failure part way names what was deleted and what remains: `failed` says
 * what was being done when it stopped (with libvirt's or the host's message), `remaining` what is
 * still there.
 */
export interface VmDeleteOutcome {
  deleted: DeleteItem[];
  remaining: DeleteItem[];
  failed?: DeleteItem & { message: string };
}

export const vmDeleteParams = {
  'vms.deletePlan': v.object(vmRef),
  'vms.delete': v.object({
    ...vmRef,
    /** Paths from the plan's disks; anything not in the plan is refused before anything changes. */
    disks: v.array(text('disks'), 'Missing disks'),
    /** The user confirmed forcing a running VM off; without it an active VM is refused. */
    forceOff: flag(),
  }),
};
type In<M extends keyof typeof vmDeleteParams> = ParamsIn<(typeof vmDeleteParams)[M]>;

export interface VmDeleteMethods {
  /** The dialog's content: disks with their default and reason, and what goes with the VM. */
  'vms.deletePlan': { params: In<'vms.deletePlan'>; result: VmDeletePlan };
  /**
   * Forces the VM off (with `forceOff`), removes its managed save and snapshot metadata, undefines
   * it with its NVRAM and TPM state, then deletes the disks asked for: volumes through libvirt, a
   * file in no pool through the host's own file access (SFTP). Checks everything first (the disks
   * against a fresh plan: a disk that became used since is refused, naming the VM).
   */
  'vms.delete': { params: In<'vms.delete'>; result: VmDeleteOutcome };
}
