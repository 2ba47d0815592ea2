/** The New VM wizard's data: the OS catalogue, OS-aware defaults, the options the user chose. */

/** One operating system the wizard offers (from the host's osinfo-db or the built-in list). */
export interface OsEntry {
  /** libosinfo short id, e.g. "debian12", "win11"; "generic" for an OS the app does not know. */
  shortId: string;
  name: string;
  version?: string;
  family?: string;
  vendor?: string;
  /** Where the entry comes from: the host's osinfo-db, or the app's own list. */
  source: 'osinfo-db' | 'built-in';
}

export type DiskBus = 'virtio' | 'sata' | 'ide' | 'scsi';
export type NicModel = 'virtio' | 'e1000e' | 'e1000' | 'rtl8139';
export type VideoModel = 'virtio' | 'qxl' | 'bochs' | 'vga';

/** What the wizard fills in from the chosen OS, as virt-install would choose it. */
export interface OsDefaults {
  shortId: string;
  /** Where the OS facts come from: the host's osinfo-db XML, or the app's built-in profiles. */
  source: 'osinfo-db' | 'built-in';
  /** "q35" for guests with PCIe-era drivers, "pc" (i440fx) for older ones. */
  machine: 'q35' | 'pc';
  firmware: 'bios' | 'efi';
  secureBoot: boolean;
  tpm: boolean;
  diskBus: DiskBus;
  cdromBus: 'sata' | 'ide';
  nicModel: NicModel;
  video: VideoModel;
  /** USB tablet, so the pointer follows the console without grabs. */
  tablet: boolean;
  usbController: 'qemu-xhci' | 'ich9-ehci1';
  rng: boolean;
  guestAgent: boolean;
  balloon: boolean;
  sound: 'ich9' | 'ich6';
  /** Windows guests: Hyper-V enlightenments and a localtime clock. */
  windows: boolean;
  memoryMiB: number;
  minMemoryMiB?: number;
  vcpus: number;
  diskGiB: number;
  minDiskGiB?: number;
}

export type { InstallSource, NewVmDisk, NewVmNetwork, NewVmOptions } from './methods/newVm';

/** The wizard's pages; a FieldError names fields as "<page>.<field>". */
export const NEW_VM_PAGES = ['source', 'os', 'resources', 'storage', 'network', 'name'] as const;
export type NewVmPage = (typeof NEW_VM_PAGES)[number];

export interface PoolChoice {
  name: string;
  active: boolean;
  availableBytes: number;
  path?: string;
}

/** The host facts the wizard bounds its fields with. */
export interface NewVmHostFacts {
  memoryMiB: number;
  cpus: number;
  maxVcpus: number;
  /** How this host can run x86_64 guests: "kvm" first when it can. */
  virtTypes: ('kvm' | 'qemu')[];
  pools: PoolChoice[];
  networks: { name: string; active: boolean }[];
  /** Host interfaces: bridges (for bridge networking) and others (for macvtap). */
  bridges: string[];
  interfaces: string[];
  vmNames: string[];
}

export interface HostDirListing {
  dir: string;
  parent?: string;
  entries: { name: string; path: string; type: 'file' | 'directory'; size: number }[];
}

export interface DetectedOs {
  /** The OS id, when the media says which OS it is. */
  shortId?: string;
  /** How it was found: osinfo-detect on the host, the ISO's .disk/info, or its volume label. */
  method?: 'osinfo-detect' | 'disk-info' | 'volume-label';
  volumeLabel?: string;
}

export interface CreateVmStarted {
  jobId: string;
  uuid: string;
  name: string;
}
