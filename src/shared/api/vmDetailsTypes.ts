/**
 * The VM details page's data: every device of a VM as cards read from its XML, the edits a user
 * can make, and what an edit did (live, persistent, or only after the next guest shutdown).
 */
import type { VmState } from './types';

/** What a card shows for one device: its kind, its key (stable within the VM) and its fields. */
export interface DeviceView {
  /** 'disk:vda', 'interface:52:54:00:..', 'graphics:0': how edits name the device. */
  key: string;
  kind: DeviceKind;
  /** The element name under <devices> ('disk' for CD-ROMs too). */
  element: string;
  /** A short label: "Disk vda", "NIC 52:54:00:12:34:56", "VNC display". */
  label: string;
  /** Fields as shown, in order: [name, value]; names are i18n keys of the vm namespace. */
  fields: [string, string][];
  /** In the persistent config / in the running guest. */
  inConfig: boolean;
  inLive: boolean;
  /** Boot order (<boot order='N'/>) when it has one. */
  bootOrder?: number;
  /** The device's own XML (without secrets), as in the XML tab. */
  xml: string;
}

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

export type WatchdogAction =
  'reset' | 'shutdown' | 'poweroff' | 'pause' | 'none' | 'dump' | 'inject-nmi';

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
  | { kind: 'removeDevice'; key: string }
  /** Insert (a path) or eject (null) the media of a CD-ROM or floppy. */
  | { kind: 'media'; key: string; source: string | null }
  | {
      kind: 'interface';
      key: string;
      linkUp?: boolean;
      source?: { network: string } | { bridge: string };
    }
  | { kind: 'metadata'; title?: string; description?: string };

export interface EditResult {
  /** The change reaches the running guest only at its next start. */
  needsRestart: boolean;
  /** Why it did not apply live, in libvirt's words, when it could not. */
  liveError?: string;
}

/** A host PCI or USB device a guest may take. */
export interface HostDeviceView {
  name: string;
  kind: 'pci' | 'usb';
  label: string;
}
