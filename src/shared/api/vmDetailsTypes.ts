/**
 * The VM details page's data: every device of a VM as cards read from its XML, the edits a user
 * can make, and what an edit did (live, persistent, or only after the next guest shutdown).
 */
import type { VmState } from './types';

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

/** A device to add (Add hardware). The backend builds its XML; the same XML goes live and persistent. */
export type NewDevice =
  | {
      kind: 'disk';
      device: 'disk' | 'cdrom';
      bus: 'virtio' | 'sata' | 'scsi' | 'usb' | 'ide';
      /** An existing file or volume path, or a new volume in a pool. */
      source:
        | { path: string }
        | { pool: string; name: string; capacityBytes: number; format: 'qcow2' | 'raw' }
        | { empty: true };
      readonly?: boolean;
    }
  | {
      kind: 'interface';
      source: { network: string } | { bridge: string };
      model: 'virtio' | 'e1000e' | 'e1000' | 'rtl8139';
      mac?: string;
    }
  | { kind: 'input'; type: 'tablet' | 'mouse' | 'keyboard'; bus: 'usb' | 'virtio' | 'ps2' }
  | { kind: 'graphics'; type: 'vnc' | 'spice'; listen: string; password?: string }
  | { kind: 'sound'; model: 'ich9' | 'ich6' | 'ac97' | 'usb' }
  | { kind: 'serial' }
  | { kind: 'channel'; type: 'guest-agent' | 'spice-vdagent' }
  /** A host PCI or USB device, by its node device name (vms.hostDevices). */
  | { kind: 'hostdev'; nodeDevice: string }
  | { kind: 'tpm'; model: 'tpm-crb' | 'tpm-tis'; version: '2.0' | '1.2' }
  | { kind: 'rng'; source: '/dev/urandom' | '/dev/random' | '/dev/hwrng' }
  | { kind: 'watchdog'; model: 'i6300esb' | 'itco' | 'ib700'; action: WatchdogAction }
  | { kind: 'filesystem'; source: string; target: string; readonly?: boolean }
  | { kind: 'controller'; type: 'usb' | 'scsi' | 'virtio-serial' | 'sata'; model?: string };

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

/** What a watchdog does when the guest stops feeding it (libvirt's <watchdog action>). */
export const WATCHDOG_ACTIONS = [
  'reset',
  'shutdown',
  'poweroff',
  'pause',
  'none',
  'dump',
  'inject-nmi',
] as const;
export type WatchdogAction = (typeof WATCHDOG_ACTIONS)[number];

/** One change a user makes on the details page. */
export type VmEdit =
  | { kind: 'memory'; maximumKiB?: number; currentKiB?: number }
  | { kind: 'vcpus'; maximum?: number; current?: number }
  | { kind: 'cpuMode'; mode: 'host-passthrough' | 'host-model' | 'custom'; model?: string }
  /** Boot from these device keys in this order (per-device <boot order>). */
  | { kind: 'bootOrder'; devices: string[] }
  /** Boot by device type (<os><boot dev>): hd, cdrom, network, fd. */
  | { kind: 'bootDevs'; devs: ('hd' | 'cdrom' | 'network' | 'fd')[] }
  | { kind: 'bootMenu'; enabled: boolean }
  | { kind: 'addDevice'; device: NewDevice }
  /** Live and persistent; `configOnly` removes it from the config alone ("at next shutdown"). */
  | { kind: 'removeDevice'; key: string; configOnly?: boolean }
  /** Insert (a path) or eject (null) the media of a CD-ROM or floppy. */
  | { kind: 'media'; key: string; source: string | null }
  | {
      kind: 'interface';
      key: string;
      linkUp?: boolean;
      source?: NicSourceChoice;
      /** virtio, e1000e...: the guest sees a new card at its next start. */
      model?: string;
    }
  | { kind: 'metadata'; title?: string; description?: string }
  /** A disk's driver cache / io, readonly, shareable, serial ('' removes it). */
  | { kind: 'disk'; key: string; settings: DiskSettingsChange }
  /** A display: protocol, listen address, password (a string sets it, null clears it). */
  | {
      kind: 'graphics';
      key: string;
      type?: 'vnc' | 'spice';
      listen?: string;
      password?: string | null;
    }
  /** Models and the like of the other device kinds (video, sound, input, TPM, RNG, watchdog). */
  | { kind: 'deviceSettings'; key: string; settings: DeviceSettingsChange }
  /** What a serial / parallel port or console is connected to on the host. */
  | { kind: 'charSource'; key: string; type: 'pty' | 'file' | 'unix'; path?: string }
  /** Direct kernel boot; '' removes a value. */
  | { kind: 'kernelBoot'; kernel?: string; initrd?: string; cmdline?: string }
  /** Sockets × cores × threads; the maximum vCPU count follows the product. */
  | { kind: 'cpuTopology'; sockets: number; cores: number; threads: number }
  | { kind: 'sharedMemory'; enabled: boolean };

/** A NIC's source: a virtual network, a host bridge, or macvtap on a host device ("direct"). */
export type NicSourceChoice =
  | { network: string }
  | { bridge: string }
  | { direct: string; mode: 'bridge' | 'vepa' | 'private' | 'passthrough' };

export interface DiskSettingsChange {
  cache?: 'default' | 'none' | 'writethrough' | 'writeback' | 'directsync' | 'unsafe';
  io?: 'default' | 'native' | 'threads' | 'io_uring';
  readonly?: boolean;
  shareable?: boolean;
  serial?: string;
}

export type DeviceSettingsChange =
  | { device: 'video'; model: 'virtio' | 'qxl' | 'vga' | 'cirrus' | 'bochs' | 'ramfb' | 'none' }
  | {
      device: 'sound';
      model: 'ich9' | 'ich6' | 'ich7' | 'ac97' | 'es1370' | 'sb16' | 'usb' | 'pcspk';
    }
  | { device: 'input'; bus: 'usb' | 'virtio' | 'ps2' }
  | { device: 'tpm'; model: 'tpm-crb' | 'tpm-tis'; version?: '1.2' | '2.0' }
  | { device: 'rng'; source: '/dev/urandom' | '/dev/random' | '/dev/hwrng' }
  | {
      device: 'watchdog';
      model: 'i6300esb' | 'ib700' | 'itco' | 'diag288';
      action: WatchdogAction;
    };

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
