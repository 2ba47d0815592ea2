/**
 * The VM details page's data: every device of a VM as cards read from its XML, the edits a user
 * can make, and what an edit did (live, persistent, or only after the next guest shutdown).
 */
import * as v from 'valibot';
import { vmState } from './types';
import type { NewDevice } from './methods/vmEdits';

const optionalText = v.optional(v.string());

/** What every card of a device has, whatever its kind. */
const deviceBase = v.object({
  /** 'disk:vda', 'interface:52:54:00:..', 'graphics:0', 'live:rng:1': how edits name it. */
  key: v.string(),
  /** The element name under <devices> ('disk' for CD-ROMs too). */
  element: v.string(),
  /** A short label: "vda", "52:54:00:12:34:56", "VNC". */
  label: v.string(),
  /** In the persistent config / in the running guest. */
  inConfig: v.boolean(),
  inLive: v.boolean(),
  /** Boot order (<boot order='N'/>) when it has one. */
  bootOrder: v.optional(v.number()),
  /** The device's own XML (without secrets), as in the XML tab. */
  xml: v.string(),
  /** A disk's size in bytes, when its image is a volume of a storage pool. */
  capacityBytes: v.optional(v.number()),
});

/*
 * What the XML says of each kind of device, read next to the edit that writes it
 * (src/main/xml/edits/domain). A value the XML lacks is undefined; values are libvirt's words,
 * which may be outside the choices the forms offer.
 */

/** A device of `kind` with these entries: one object per kind, so checking a kind narrows. */
const read = <K extends string, E extends v.ObjectEntries>(kind: K, entries: E) =>
  v.object({ kind: v.literal(kind), ...entries });

/** A disk, CD-ROM or floppy (disks.ts). `source`: a path, POOL/VOLUME or PROTOCOL://HOST/NAME. */
const diskFields = {
  source: optionalText,
  bus: optionalText,
  format: optionalText,
  cache: optionalText,
  io: optionalText,
  readonly: v.boolean(),
  shareable: v.boolean(),
  serial: optionalText,
};
const diskReads = [
  read('disk', diskFields),
  read('cdrom', diskFields),
  read('floppy', diskFields),
] as const;
export type DiskRead = v.InferOutput<(typeof diskReads)[number]>;

/** A NIC (interfaces.ts). `source`: its network, bridge or host device. */
const interfaceRead = read('interface', {
  type: optionalText,
  source: optionalText,
  model: optionalText,
  mac: optionalText,
  linkUp: v.boolean(),
});
export type InterfaceRead = v.InferOutput<typeof interfaceRead>;

/** A VNC or SPICE display (graphics.ts): only whether it has a password, never the password. */
const graphicsRead = read('graphics', {
  type: optionalText,
  listen: optionalText,
  port: optionalText,
  hasPassword: v.boolean(),
});
export type GraphicsRead = v.InferOutput<typeof graphicsRead>;

/** A serial or parallel port, console or channel (serialType.ts). */
const charFields = { type: optionalText, target: optionalText, source: optionalText };
const charReads = [
  read('serial', charFields),
  read('console', charFields),
  read('channel', charFields),
  read('parallel', charFields),
] as const;
export type CharDeviceRead = v.InferOutput<(typeof charReads)[number]>;

/** A TPM (tpm.ts): `backend` is 'emulator' or 'passthrough'. */
const tpmRead = read('tpm', { model: optionalText, backend: optionalText, version: optionalText });
export type TpmRead = v.InferOutput<typeof tpmRead>;

/** A virtio RNG (deviceSettings.ts): `backend` is its host source (/dev/urandom...). */
const rngRead = read('rng', { model: optionalText, backend: optionalText });
export type RngRead = v.InferOutput<typeof rngRead>;

const watchdogRead = read('watchdog', { model: optionalText, action: optionalText });
export type WatchdogRead = v.InferOutput<typeof watchdogRead>;

const videoRead = read('video', { model: optionalText, vram: optionalText, heads: optionalText });
export type VideoRead = v.InferOutput<typeof videoRead>;

/** A filesystem share (filesystem.ts): host directory and mount tag. */
const filesystemRead = read('filesystem', {
  driver: optionalText,
  source: optionalText,
  target: optionalText,
});
export type FilesystemRead = v.InferOutput<typeof filesystemRead>;

/** A host device given to the guest (deviceBuilders.ts): VENDOR:PRODUCT or its PCI address. */
const hostdevRead = read('hostdev', { type: optionalText, source: optionalText });
export type HostdevRead = v.InferOutput<typeof hostdevRead>;

const controllerRead = read('controller', {
  type: optionalText,
  model: optionalText,
  index: optionalText,
});
export type ControllerRead = v.InferOutput<typeof controllerRead>;

/** Sound cards, inputs and the kinds without a reader of their own: their common attributes. */
const otherFields = { type: optionalText, model: optionalText, bus: optionalText };
const otherReads = [
  read('sound', otherFields),
  read('input', otherFields),
  read('redirdev', otherFields),
  read('memballoon', otherFields),
  read('other', otherFields),
] as const;
export type OtherDeviceRead = v.InferOutput<(typeof otherReads)[number]>;

const deviceRead = v.variant('kind', [
  ...diskReads,
  interfaceRead,
  graphicsRead,
  ...charReads,
  tpmRead,
  rngRead,
  watchdogRead,
  videoRead,
  filesystemRead,
  hostdevRead,
  controllerRead,
  ...otherReads,
]);
export type DeviceRead = v.InferOutput<typeof deviceRead>;

/** One device as its card shows it: what every device has, and what its kind reads. */
const deviceView = v.intersect([deviceBase, deviceRead]);
export type DeviceView = v.InferOutput<typeof deviceView>;

/** The device of `kind`, narrowed (DeviceViewOf<'disk'> is a disk's view). */
export type DeviceViewOf<K extends DeviceKind> = DeviceView & { kind: K };

export const DEVICE_KINDS = [
  'disk',
  'cdrom',
  'floppy',
  'interface',
  'graphics',
  'video',
  'sound',
  'input',
  'serial',
  'console',
  'channel',
  'parallel',
  'tpm',
  'rng',
  'watchdog',
  'filesystem',
  'hostdev',
  'redirdev',
  'controller',
  'memballoon',
  'other',
] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const vmDetails = v.object({
  uuid: v.string(),
  name: v.string(),
  title: v.string(),
  description: v.string(),
  state: vmState,
  running: v.boolean(),
  persistent: v.boolean(),
  autostart: v.boolean(),
  /** <domain type=...>: kvm, qemu, xen, lxc... */
  hypervisor: v.string(),
  arch: optionalText,
  machine: optionalText,
  /** 'bios', 'efi' or a loader path. */
  firmware: v.string(),
  memory: v.object({
    maximumKiB: v.optional(v.number()),
    currentKiB: v.optional(v.number()),
    sharedMemory: v.boolean(),
  }),
  cpu: v.object({
    maximum: v.number(),
    current: v.number(),
    mode: optionalText,
    model: optionalText,
    topology: v.optional(
      v.object({
        sockets: v.number(),
        dies: v.number(),
        clusters: v.number(),
        cores: v.number(),
        threads: v.number(),
      }),
    ),
  }),
  boot: v.object({
    /** <os><boot dev=...> entries, in order, when the guest boots by device type. */
    devices: v.array(v.string()),
    menu: v.boolean(),
    kernel: optionalText,
    initrd: optionalText,
    cmdline: optionalText,
  }),
  tags: v.array(v.string()),
  /** An LXC container's init command and arguments; absent for other guests. */
  container: v.optional(v.object({ init: optionalText, args: v.array(v.string()) })),
  /** Devices of the persistent config, then those only in the running guest. */
  devices: v.array(deviceView),
  inactiveXml: v.string(),
  /** Absent when the guest is not running. */
  liveXml: optionalText,
  host: v.object({ memoryKiB: v.number(), maxVcpus: v.number() }),
});
export type VmDetails = v.InferOutput<typeof vmDetails>;

/** Every kind Add hardware offers, in the order the form lists them. */
export const NEW_DEVICE_KINDS = [
  'disk',
  'interface',
  'input',
  'graphics',
  'sound',
  'serial',
  'channel',
  'hostdev',
  'tpm',
  'rng',
  'watchdog',
  'filesystem',
  'controller',
] as const satisfies readonly NewDevice['kind'][];

export type {
  DeviceSettingsChange,
  DiskSettingsChange,
  NewDevice,
  NicSourceChoice,
  VmEdit,
} from './methods/vmEdits';
export { WATCHDOG_ACTIONS } from '../deviceOptions';

export const editResult = v.object({
  /** The change reaches the running guest only at its next start. */
  needsRestart: v.boolean(),
  /** Why it did not apply live, in libvirt's words, when it could not. */
  liveError: optionalText,
  /**
   * A removed device the running guest still holds: libvirt asked it to let go (a PCI unplug
   * the guest must acknowledge) and it has not; the config no longer has it.
   */
  stillPresent: v.optional(v.boolean()),
});
export type EditResult = v.InferOutput<typeof editResult>;

/** A host PCI or USB device a guest may take. */
export const hostDeviceView = v.object({
  name: v.string(),
  kind: v.picklist(['pci', 'usb']),
  label: v.string(),
});
export type HostDeviceView = v.InferOutput<typeof hostDeviceView>;
