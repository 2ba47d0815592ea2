/**
 * What the defaults are chosen from: the devices an OS has drivers for, its firmware and its
 * resources, as libosinfo describes them. They come from the host's osinfo-db XML (osinfoDb.ts)
 * or, when the host has none or is older than the OS, from the built-in profiles below.
 */
import type { OsEntry } from '../../../shared/api/newVmTypes';

export interface OsResources {
  ramBytes?: number;
  cpus?: number;
  storageBytes?: number;
}

export interface OsCapabilities {
  virtioNet: boolean;
  /** virtio 1.0 (modern) devices; a guest with only legacy virtio stays on i440fx. */
  virtio1: boolean;
  virtioDisk: boolean;
  virtioGpu: boolean;
  virtioRng: boolean;
  virtioSerial: boolean;
  virtioBalloon: boolean;
  usb3: boolean;
  q35: boolean;
  /** The OS boots only with UEFI (osinfo: efi supported, bios not). */
  efiOnly: boolean;
  windows: boolean;
  minimum: OsResources;
  recommended: OsResources;
}

const GiB = 1024 ** 3;

const MODERN_LINUX: Omit<OsCapabilities, 'minimum' | 'recommended'> = {
  virtioNet: true,
  virtio1: true,
  virtioDisk: true,
  virtioGpu: true,
  virtioRng: true,
  virtioSerial: true,
  virtioBalloon: true,
  usb3: true,
  q35: true,
  efiOnly: false,
  windows: false,
};

const WINDOWS: Omit<OsCapabilities, 'minimum' | 'recommended'> = {
  virtioNet: false,
  virtio1: false,
  virtioDisk: false,
  virtioGpu: false,
  virtioRng: false,
  virtioSerial: false,
  virtioBalloon: false,
  usb3: true,
  q35: true,
  efiOnly: false,
  windows: true,
};

/** FreeBSD has legacy virtio drivers only (osinfo lists no virtio1.0 device): i440fx. */
const BSD: Omit<OsCapabilities, 'minimum' | 'recommended'> = {
  ...WINDOWS,
  virtioNet: true,
  virtioDisk: true,
  windows: false,
};

/** Anything unknown: the most widely supported emulated hardware (virt-install's "generic"). */
export const GENERIC: OsCapabilities = {
  ...WINDOWS,
  usb3: false,
  q35: false,
  windows: false,
  minimum: {},
  recommended: {},
};

interface BuiltInOs extends Omit<OsEntry, 'source'> {
  caps: OsCapabilities;
  /**
   * The osinfo id virt-install would be given for this OS on a host whose osinfo-db is older
   * than the OS (the generic entry of its era), used by the tests' comparison.
   */
  like?: string;
}

function linux(min: OsResources, rec: OsResources): OsCapabilities {
  return { ...MODERN_LINUX, minimum: min, recommended: rec };
}

const LINUX_2GB = linux(
  { ramBytes: 1 * GiB, cpus: 1, storageBytes: 10 * GiB },
  { ramBytes: 2 * GiB, storageBytes: 20 * GiB },
);
const UBUNTU = linux(
  { ramBytes: 2 * GiB, cpus: 1, storageBytes: 10 * GiB },
  { ramBytes: 4 * GiB, storageBytes: 25 * GiB },
);

/** Common OSes, so that a host without osinfo-db (or with an old one) still offers them. */
export const BUILT_IN_OSES: BuiltInOs[] = [
  {
    shortId: 'debian13',
    name: 'Debian 13',
    version: '13',
    family: 'linux',
    vendor: 'Debian Project',
    caps: LINUX_2GB,
    like: 'linux2022',
  },
  {
    shortId: 'debian12',
    name: 'Debian 12',
    version: '12',
    family: 'linux',
    vendor: 'Debian Project',
    caps: LINUX_2GB,
    like: 'linux2022',
  },
  {
    shortId: 'debian11',
    name: 'Debian 11',
    version: '11',
    family: 'linux',
    vendor: 'Debian Project',
    caps: linux(
      { ramBytes: GiB, cpus: 1, storageBytes: 10 * GiB },
      { ramBytes: GiB, storageBytes: 20 * GiB },
    ),
  },
  {
    shortId: 'ubuntu24.04',
    name: 'Ubuntu 24.04 LTS',
    version: '24.04',
    family: 'linux',
    vendor: 'Canonical Ltd',
    caps: UBUNTU,
    like: 'linux2022',
  },
  {
    shortId: 'ubuntu22.04',
    name: 'Ubuntu 22.04 LTS',
    version: '22.04',
    family: 'linux',
    vendor: 'Canonical Ltd',
    caps: UBUNTU,
  },
  {
    shortId: 'fedora41',
    name: 'Fedora Linux 41',
    version: '41',
    family: 'linux',
    vendor: 'Fedora Project',
    caps: LINUX_2GB,
    like: 'linux2022',
  },
  {
    shortId: 'fedora40',
    name: 'Fedora Linux 40',
    version: '40',
    family: 'linux',
    vendor: 'Fedora Project',
    caps: LINUX_2GB,
    like: 'linux2022',
  },
  {
    shortId: 'rhel9.4',
    name: 'Red Hat Enterprise Linux 9.4',
    version: '9.4',
    family: 'linux',
    vendor: 'Red Hat, Inc',
    caps: LINUX_2GB,
    like: 'linux2022',
  },
  {
    shortId: 'almalinux9',
    name: 'AlmaLinux 9',
    version: '9',
    family: 'linux',
    vendor: 'AlmaLinux',
    caps: LINUX_2GB,
    like: 'linux2022',
  },
  {
    shortId: 'opensuse15.6',
    name: 'openSUSE Leap 15.6',
    version: '15.6',
    family: 'linux',
    vendor: 'openSUSE',
    caps: LINUX_2GB,
    like: 'linux2022',
  },
  {
    shortId: 'archlinux',
    name: 'Arch Linux',
    family: 'linux',
    vendor: 'Arch Linux',
    caps: LINUX_2GB,
    like: 'linux2022',
  },
  {
    shortId: 'alpinelinux3.20',
    name: 'Alpine Linux 3.20',
    version: '3.20',
    family: 'linux',
    vendor: 'Alpine Linux Project',
    caps: linux(
      { ramBytes: GiB / 8, cpus: 1, storageBytes: GiB },
      { ramBytes: GiB / 4, storageBytes: 4 * GiB },
    ),
    like: 'linux2022',
  },
  {
    shortId: 'linux2022',
    name: 'Generic Linux 2022',
    version: '2022',
    family: 'linux',
    vendor: 'libosinfo',
    caps: UBUNTU,
  },
  {
    shortId: 'win11',
    name: 'Microsoft Windows 11',
    version: '11.0',
    family: 'winnt',
    vendor: 'Microsoft Corporation',
    caps: {
      ...WINDOWS,
      efiOnly: true,
      minimum: { ramBytes: 4 * GiB, cpus: 2, storageBytes: 64 * GiB },
      recommended: {},
    },
  },
  {
    shortId: 'win10',
    name: 'Microsoft Windows 10',
    version: '10.0',
    family: 'winnt',
    vendor: 'Microsoft Corporation',
    caps: {
      ...WINDOWS,
      minimum: { ramBytes: 2 * GiB, cpus: 1, storageBytes: 20 * GiB },
      recommended: {},
    },
  },
  {
    shortId: 'win2k22',
    name: 'Microsoft Windows Server 2022',
    version: '10.0',
    family: 'winnt',
    vendor: 'Microsoft Corporation',
    caps: {
      ...WINDOWS,
      minimum: { ramBytes: 2 * GiB, cpus: 1, storageBytes: 32 * GiB },
      recommended: {},
    },
  },
  {
    shortId: 'freebsd14.1',
    name: 'FreeBSD 14.1',
    version: '14.1',
    family: 'freebsd',
    vendor: 'FreeBSD Project',
    caps: { ...BSD, minimum: {}, recommended: {} },
    like: 'freebsd13.1',
  },
  {
    shortId: 'freebsd13.1',
    name: 'FreeBSD 13.1',
    version: '13.1',
    family: 'freebsd',
    vendor: 'FreeBSD Project',
    caps: { ...BSD, minimum: {}, recommended: {} },
  },
  { shortId: 'generic', name: 'Generic or unknown OS', family: 'generic', caps: GENERIC },
];

export function builtInOs(shortId: string): BuiltInOs | undefined {
  return BUILT_IN_OSES.find((os) => os.shortId === shortId);
}
