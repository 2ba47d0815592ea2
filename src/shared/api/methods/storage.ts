/**
 * Storage pools and volumes (virt-manager's Storage tab, virsh pool-* / vol-*): the methods and the
 * data they carry. Sizes are bytes. Errors of a form come back as invalid-input with `fields`
 * naming the form field at fault (the keys of the form below).
 */
import * as v from 'valibot';
import {
  checkedForm,
  connectionId,
  flag,
  formText,
  numberIn,
  oneOf,
  text,
  type ParamsIn,
} from '../schema';

export const POOL_TYPES = ['dir', 'fs', 'netfs', 'logical', 'iscsi', 'disk'] as const;
export type PoolType = (typeof POOL_TYPES)[number];

export type PoolStateName = 'inactive' | 'building' | 'running' | 'degraded' | 'inaccessible';

/** One pool as the list shows it. */
export interface PoolSummary {
  name: string;
  uuid: string;
  /** libvirt's pool type; any type libvirt has (rbd, zfs, ...) is listed, not only creatable ones. */
  type: string;
  state: PoolStateName;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
  capacity: number;
  allocation: number;
  available: number;
  /** The target path (a directory, /dev/VG, /dev/disk/by-path ...), when the pool has one. */
  path?: string;
}

/**
 * The Create pool form. Which fields a type reads (the others are ignored):
 * - dir: path
 * - fs: path (mount point), sourceDevice (/dev/sdb1), sourceFormat (auto, ext4, xfs, ...)
 * - netfs: path (mount point), sourceHost, sourcePath (the export, /export/images), sourceFormat
 *   (auto, nfs, cifs, glusterfs)
 * - logical: sourceName (the volume group, default the pool name), sourceDevices (physical volumes,
 *   only needed to build a new group); path defaults to /dev/<group>
 * - iscsi: sourceHost, sourcePort, sourcePath (target IQN), initiatorIqn; path /dev/disk/by-path
 * - disk: sourceDevice (/dev/sdb), sourceFormat (dos, gpt, ...); path /dev
 */
export interface PoolForm {
  name: string;
  type: PoolType;
  path?: string;
  sourceHost?: string;
  sourcePort?: number;
  sourcePath?: string;
  sourceDevice?: string;
  sourceDevices?: string[];
  sourceName?: string;
  sourceFormat?: string;
  initiatorIqn?: string;
  /**
   * Build the pool's storage before starting it: create the directory (dir) or mount point
   * (netfs, fs); for fs, logical and disk this FORMATS the device (mkfs, vgcreate, a new
   * partition table). Without it a dir pool's path must already be a directory.
   */
  build?: boolean;
  autostart?: boolean;
}

export type PoolFormField =
  | 'name'
  | 'type'
  | 'path'
  | 'sourceHost'
  | 'sourcePort'
  | 'sourcePath'
  | 'sourceDevice'
  | 'sourceDevices'
  | 'sourceName'
  | 'sourceFormat'
  | 'initiatorIqn';

export const VOLUME_FORMATS = ['qcow2', 'raw'] as const;
export type NewVolumeFormat = (typeof VOLUME_FORMATS)[number];
/** What an upload may carry: a disk image, or an ISO. */
export const UPLOAD_FORMATS = [...VOLUME_FORMATS, 'iso'] as const;

/** One volume as the pool's list shows it. */
export interface VolumeSummary {
  pool: string;
  name: string;
  /** file, block, dir, network ... */
  type: string;
  /** qcow2, raw, iso ... (what libvirt detected; absent for volumes without one, e.g. LVM). */
  format?: string;
  capacity: number;
  allocation: number;
  path: string;
  /** The backing file of a qcow2 overlay. */
  backingPath?: string;
  /** Names of the VMs whose disks (inactive or live XML) use this volume. */
  usedBy: string[];
}

export interface VolumeForm {
  name: string;
  format: NewVolumeFormat;
  /** Bytes. May be omitted with a backing store (the backing volume's capacity is used). */
  capacity?: number;
  /** Path of an existing volume this qcow2 overlay is based on. */
  backingPath?: string;
}

export type VolumeFormField = 'name' | 'format' | 'capacity' | 'backingPath';

export interface TransferTicket {
  /** The job (unit bytes) that follows the transfer: progress, speed, cancel. */
  jobId: string;
  /** One-time URL on the loopback gateway: PUT the file to it (upload) or open it (download). */
  url: string;
}

const onPool = { connectionId, pool: text('pool') };
const volumeRef = v.object({ ...onPool, name: text('name') });

export const storageParams = {
  'storage.pools.list': v.object({ connectionId }),
  'storage.pools.create': v.object({ connectionId, form: checkedForm<PoolForm>('pool form') }),
  'storage.pools.start': v.object(onPool),
  'storage.pools.stop': v.object(onPool),
  'storage.pools.refresh': v.object(onPool),
  'storage.pools.setAutostart': v.object({ ...onPool, autostart: flag() }),
  'storage.pools.delete': v.object({ ...onPool, deleteStorage: flag() }),
  'storage.volumes.list': v.object(onPool),
  'storage.volumes.create': v.object({ ...onPool, form: checkedForm<VolumeForm>('volume form') }),
  'storage.volumes.resize': v.object({
    ...volumeRef.entries,
    capacity: numberIn('capacity', 1),
    shrink: flag(),
  }),
  // The new name is checked by the service, which names the form field.
  'storage.volumes.clone': v.object({ ...volumeRef.entries, newName: v.unknown() }),
  'storage.volumes.delete': volumeRef,
  'storage.volumes.upload': v.object({
    ...onPool,
    // An empty name is refused by the service, naming the form field.
    name: formText(),
    format: oneOf(UPLOAD_FORMATS, 'format'),
    size: numberIn('size', 1),
  }),
  'storage.volumes.download': volumeRef,
};
type In<M extends keyof typeof storageParams> = ParamsIn<(typeof storageParams)[M]>;

export type VolumeRef = ParamsIn<typeof volumeRef>;

export interface StorageMethods {
  'storage.pools.list': { params: In<'storage.pools.list'>; result: PoolSummary[] };
  /** Checks, defines, builds (when asked), starts, sets autostart; undoes it all on a failure. */
  'storage.pools.create': { params: In<'storage.pools.create'>; result: PoolSummary };
  'storage.pools.start': { params: In<'storage.pools.start'>; result: void };
  'storage.pools.stop': { params: In<'storage.pools.stop'>; result: void };
  'storage.pools.refresh': { params: In<'storage.pools.refresh'>; result: void };
  'storage.pools.setAutostart': { params: In<'storage.pools.setAutostart'>; result: void };
  /**
   * Stops and undefines the pool. `deleteStorage` (asked separately) also deletes its storage
   * (the directory of a dir pool), refused while it holds volumes.
   */
  'storage.pools.delete': { params: In<'storage.pools.delete'>; result: void };

  'storage.volumes.list': { params: In<'storage.volumes.list'>; result: VolumeSummary[] };
  'storage.volumes.create': { params: In<'storage.volumes.create'>; result: VolumeSummary };
  /** New capacity in bytes; a smaller one needs `shrink` (data past it is lost). */
  'storage.volumes.resize': { params: In<'storage.volumes.resize'>; result: void };
  /** A full copy of the volume under a new name in the same pool. */
  'storage.volumes.clone': {
    params: VolumeRef & { newName: string };
    result: VolumeSummary;
  };
  /** Refused with code 'in-use', naming the VMs, while a VM uses the volume. */
  'storage.volumes.delete': { params: VolumeRef; result: void };
  /**
   * Creates the volume (capacity = size) and returns where to PUT the file. A cancelled or failed
   * upload (jobs.cancel, or the page aborting the request) deletes the volume it created.
   */
  'storage.volumes.upload': {
    params: In<'storage.volumes.upload'> & { name: string };
    result: TransferTicket;
  };
  /** A URL that downloads the volume's bytes as a file named `filename`. */
  'storage.volumes.download': { params: VolumeRef; result: TransferTicket & { filename: string } };
}
