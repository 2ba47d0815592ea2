/**
 * The VM details page's data: every device of a VM as cards read from its XML, the edits a user
 * can make, and what an edit did (live, persistent, or only after the next guest shutdown).
 */
import type { VmState } from './types';
import type { NewDevice } from './methods/vmEdits';

/** What every card of a device has, whatever its kind. */
interface DeviceBase {
  /** 'disk:vda', 'interface:52:54:00:..', 'graphics:0', 'live:rng:1': how edits name it. */
  key: string;
  /** The element name under <devices> ('disk' for CD-ROMs too). */
  element: string;
  /** A short label: "vda", "52:54:00:12:34:56", "VNC". */
  label: string;
  /** In the persistent config / in the running guest. */
  inConfig: boolean;
  inLive: boolean;
  /** Boot order (<boot order='N'/>) when it has one. */
  bootOrder?: number;
  /** The device's own XML (without secrets), as in the XML tab. */
  xml: string;
  /** A disk's size in bytes, when its image is a volume of a storage pool. */
  capacityBytes?: number;
}

/*
 * What the XML says of each kind of device, read next to the edit that writes it
 * (src/main/xml/edits/domain). A value the XML lacks is undefined; values are libvirt's words,
 * which may be outside the choices the forms offer.
 */

/** `T` for each kind of `K` apart, so that checking a device's kind narrows it to one. */
type OfKinds<K extends string, T> = K extends unknown ? T & { kind: K } : never;

/** A disk, CD-ROM or floppy (disks.ts). `source`: a path, POOL/VOLUME or PROTOCOL://HOST/NAME. */
export type DiskRead = OfKinds<'disk' | 'cdrom' | 'floppy', DiskFields>;
interface DiskFields {
  source?: string;
  bus?: string;
  format?: string;
  cache?: string;
  io?: string;
  readonly: boolean;
  shareable: boolean;
  serial?: string;
}

/** A NIC (interfaces.ts). `source`: its network, bridge or host device. */
export interface InterfaceRead {
  kind: 'interface';
  type?: string;
  source?: string;
  model?: string;
  mac?: string;
  linkUp: boolean;
}

/** A VNC or SPICE display (graphics.ts): only whether it has a password, never the password. */
export interface GraphicsRead {
  kind: 'graphics';
  type?: string;
  listen?: string;
  port?: string;
  hasPassword: boolean;
}

/** A serial or parallel port, console or channel (serialType.ts). */
export type CharDeviceRead = OfKinds<'serial' | 'console' | 'channel' | 'parallel', CharFields>;
interface CharFields {
  type?: string;
  target?: string;
  source?: string;
}

/** A TPM (tpm.ts): `backend` is 'emulator' or 'passthrough'. */
export interface TpmRead {
  kind: 'tpm';
  model?: string;
  backend?: string;
  version?: string;
}

/** A virtio RNG (deviceSettings.ts): `backend` is its host source (/dev/urandom...). */
export interface RngRead {
  kind: 'rng';
  model?: string;
  backend?: string;
}

export interface WatchdogRead {
  kind: 'watchdog';
  model?: string;
  action?: string;
}

export interface VideoRead {
  kind: 'video';
  model?: string;
  vram?: string;
  heads?: string;
}

/** A filesystem share (filesystem.ts): host directory and mount tag. */
export interface FilesystemRead {
  kind: 'filesystem';
  driver?: string;
  source?: string;
  target?: string;
}

/** A host device given to the guest (deviceBuilders.ts): VENDOR:PRODUCT or its PCI address. */
export interface HostdevRead {
  kind: 'hostdev';
  type?: string;
  source?: string;
}

export interface ControllerRead {
  kind: 'controller';
  type?: string;
  model?: string;
  index?: string;
}

/** Sound cards, inputs and the kinds without a reader of their own: their common attributes. */
export type OtherDeviceRead = OfKinds<
  'sound' | 'input' | 'redirdev' | 'memballoon' | 'other',
  OtherFields
>;
interface OtherFields {
  type?: string;
  model?: string;
  bus?: string;
}

export type DeviceRead =
  | DiskRead
  | InterfaceRead
  | GraphicsRead
  | CharDeviceRead
  | TpmRead
  | RngRead
  | WatchdogRead
  | VideoRead
  | FilesystemRead
  | HostdevRead
  | ControllerRead
  | OtherDeviceRead;

/** One device as its card shows it: what every device has, and what its kind reads. */
export type DeviceView = DeviceBase & DeviceRead;

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

export interface VmDetails {
  uuid: string;
  name: string;
  title: string;
  description: string;
  state: VmState;
  running: boolean;
  persistent: boolean;
  autostart: boolean;
  /** <domain type=...>: kvm, qemu, xen, lxc... */
  hypervisor: string;
  arch?: string;
  machine?: string;
  /** 'bios', 'efi' or a loader path. */
  firmware: string;
  memory: { maximumKiB?: number; currentKiB?: number; sharedMemory: boolean };
  cpu: {
    maximum: number;
    current: number;
    mode?: string;
    model?: string;
    topology?: { sockets: number; dies: number; clusters: number; cores: number; threads: number };
  };
  boot: {
    /** <os><boot dev=...> entries, in order, when the guest boots by device type. */
    devices: string[];
    menu: boolean;
    kernel?: string;
    initrd?: string;
    cmdline?: string;
  };
  tags: string[];
  /** Devices of the persistent config, then those only in the running guest. */
  devices: DeviceView[];
  inactiveXml: string;
  /** Absent when the guest is not running. */
  liveXml?: string;
  host: { memoryKiB: number; maxVcpus: number };
}

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

export interface EditResult {
  /** The change reaches the running guest only at its next start. */
  needsRestart: boolean;
  /** Why it did not apply live, in libvirt's words, when it could not. */
  liveError?: string;
  /**
   * A removed device the running guest still holds: libvirt asked it to let go (a PCI unplug
   * the guest must acknowledge) and it has not; the config no longer has it.
   */
  stillPresent?: boolean;
}

/** A host PCI or USB device a guest may take. */
export interface HostDeviceView {
  name: string;
  kind: 'pci' | 'usb';
  label: string;
}
