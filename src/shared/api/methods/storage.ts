/**
 * Storage pools and volumes (virt-manager's Storage tab, virsh pool-* / vol-*): the methods and the
 * data they carry. Sizes are bytes. Errors of a form come back as invalid-input with `fields`
 * naming the form field at fault (the keys of the form below).
 */
import * as v from 'valibot';
import {
  connectionId,
  flag,
  formText,
  nothing,
  numberIn,
  oneOf,
  record,
  text,
  type MethodsOf,
  type ResultSchemas,
} from '../schema';

export const POOL_TYPES = ['dir', 'fs', 'netfs', 'logical', 'iscsi', 'disk'] as const;
export type PoolType = (typeof POOL_TYPES)[number];

const POOL_STATES = ['inactive', 'building', 'running', 'degraded', 'inaccessible'] as const;

/** One pool as the list shows it. */
const poolSummary = v.object({
  name: v.string(),
  uuid: v.string(),
  /** libvirt's pool type; any type libvirt has (rbd, zfs, ...) is listed, not only creatable ones. */
  type: v.string(),
  state: v.picklist(POOL_STATES),
  active: v.boolean(),
  persistent: v.boolean(),
  autostart: v.boolean(),
  capacity: v.number(),
  allocation: v.number(),
  available: v.number(),
  /** The target path (a directory, /dev/VG, /dev/disk/by-path ...), when the pool has one. */
  path: v.optional(v.string()),
});
export type PoolSummary = v.InferOutput<typeof poolSummary>;

// The forms' fields: each one's shape is checked here; what a value means (a usable name, an
// absolute path, a port number, a device on the host) is checked by services/storage, whose
// errors name the form field. Text may arrive empty, a number out of range: the service says so.
const formString = (name: string) => v.optional(v.string(`"${name}" must be text`));
/**
 * A number, or null: a field typed as no number is NaN in the page, which JSON sends as null. The
 * service says what is wrong with it, naming the field.
 */
const formNumber = (name: string) =>
  v.nullish(v.custom<number>((value) => typeof value === 'number', `"${name}" must be a number`));
const formFlag = (name: string) => v.optional(v.boolean(`"${name}" must be true or false`));

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
const poolForm = record(
  {
    name: v.string('"name" must be text'),
    type: oneOf(POOL_TYPES, 'pool type'),
    path: formString('path'),
    sourceHost: formString('sourceHost'),
    sourcePort: formNumber('sourcePort'),
    sourcePath: formString('sourcePath'),
    sourceDevice: formString('sourceDevice'),
    sourceDevices: v.optional(
      v.array(v.string('"sourceDevices" must be text'), '"sourceDevices" must be a list'),
    ),
    sourceName: formString('sourceName'),
    sourceFormat: formString('sourceFormat'),
    initiatorIqn: formString('initiatorIqn'),
    /**
     * Build the pool's storage before starting it: create the directory (dir) or mount point
     * (netfs, fs); for fs, logical and disk this FORMATS the device (mkfs, vgcreate, a new
     * partition table). Without it a dir pool's path must already be a directory.
     */
    build: formFlag('build'),
    autostart: formFlag('autostart'),
  },
  'pool form',
);
export type PoolForm = v.InferOutput<typeof poolForm>;

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
const volumeSummary = v.object({
  pool: v.string(),
  name: v.string(),
  /** file, block, dir, network ... */
  type: v.string(),
  /** qcow2, raw, iso ... (what libvirt detected; absent for volumes without one, e.g. LVM). */
  format: v.optional(v.string()),
  capacity: v.number(),
  allocation: v.number(),
  path: v.string(),
  /** The backing file of a qcow2 overlay. */
  backingPath: v.optional(v.string()),
  /** Names of the VMs whose disks (inactive or live XML) use this volume. */
  usedBy: v.array(v.string()),
});
export type VolumeSummary = v.InferOutput<typeof volumeSummary>;

const volumeForm = record(
  {
    name: v.string('"name" must be text'),
    format: oneOf(VOLUME_FORMATS, 'format'),
    /** Bytes. May be omitted with a backing store (the backing volume's capacity is used). */
    capacity: formNumber('capacity'),
    /** Path of an existing volume this qcow2 overlay is based on. */
    backingPath: formString('backingPath'),
  },
  'volume form',
);

export type VolumeFormField = 'name' | 'format' | 'capacity' | 'backingPath';

const transferTicket = v.object({
  /** The job (unit bytes) that follows the transfer: progress, speed, cancel. */
  jobId: v.string(),
  /** One-time URL on the loopback gateway: PUT the file to it (upload) or open it (download). */
  url: v.string(),
});

const onPool = { connectionId, pool: text('pool') };
const volumeRef = v.object({ ...onPool, name: text('name') });

export const storageParams = {
  'storage.pools.list': v.object({ connectionId }),
  /** Checks, defines, builds (when asked), starts, sets autostart; undoes it all on a failure. */
  'storage.pools.create': v.object({ connectionId, form: poolForm }),
  'storage.pools.start': v.object(onPool),
  'storage.pools.stop': v.object(onPool),
  'storage.pools.refresh': v.object(onPool),
  'storage.pools.setAutostart': v.object({ ...onPool, autostart: flag() }),
  /**
   * Stops and undefines the pool. `deleteStorage` (asked separately) also deletes its storage
   * (the directory of a dir pool), refused while it holds volumes.
   */
  'storage.pools.delete': v.object({ ...onPool, deleteStorage: flag() }),
  'storage.volumes.list': v.object(onPool),
  'storage.volumes.create': v.object({ ...onPool, form: volumeForm }),
  /** New capacity in bytes; a smaller one needs `shrink` (data past it is lost). */
  'storage.volumes.resize': v.object({
    ...volumeRef.entries,
    capacity: numberIn('capacity', 1),
    shrink: flag(),
  }),
  /** A full copy of the volume under a new name in the same pool (checked by the service). */
  'storage.volumes.clone': v.object({ ...volumeRef.entries, newName: formText() }),
  /** Refused with code 'in-use', naming the VMs, while a VM uses the volume. */
  'storage.volumes.delete': volumeRef,
  /**
   * Creates the volume (capacity = size) and returns where to PUT the file. A cancelled or failed
   * upload (jobs.cancel, or the page aborting the request) deletes the volume it created.
   */
  'storage.volumes.upload': v.object({
    ...onPool,
    // An empty name is refused by the service, naming the form field.
    name: formText(),
    format: oneOf(UPLOAD_FORMATS, 'format'),
    size: numberIn('size', 1),
  }),
  /** A URL that downloads the volume's bytes as a file named `filename`. */
  'storage.volumes.download': volumeRef,
};

export const storageResults = {
  'storage.pools.list': v.array(poolSummary),
  'storage.pools.create': poolSummary,
  'storage.pools.start': nothing,
  'storage.pools.stop': nothing,
  'storage.pools.refresh': nothing,
  'storage.pools.setAutostart': nothing,
  'storage.pools.delete': nothing,
  'storage.volumes.list': v.array(volumeSummary),
  'storage.volumes.create': volumeSummary,
  'storage.volumes.resize': nothing,
  'storage.volumes.clone': volumeSummary,
  'storage.volumes.delete': nothing,
  'storage.volumes.upload': transferTicket,
  'storage.volumes.download': v.object({ ...transferTicket.entries, filename: v.string() }),
} satisfies ResultSchemas<typeof storageParams>;

export type StorageMethods = MethodsOf<typeof storageParams, typeof storageResults>;
