/** The host overview and the host's interfaces, as the Host page shows them. */

export interface HostOverview {
  hostname: string;
  hypervisorType: string;
  hypervisorVersion: string;
  libvirtVersion: string;
  /** From the capabilities XML (<host><cpu><model>), else node info's model (x86_64). */
  cpuModel: string;
  cpuVendor?: string;
  arch: string;
  cpus: number;
  mhz: number;
  sockets: number;
  cores: number;
  threads: number;
  numaNodes: number;
  memoryKiB: number;
  /** 'kvm' when the host can run guests with KVM, else 'qemu' (TCG emulation), or the driver's own. */
  acceleration: 'kvm' | 'tcg' | 'other';
  /** Guest machine types of the host's architecture; `alias` (pc, q35) points to `name`. */
  machines: { name: string; alias?: string; deprecated: boolean }[];
  firmware: HostFirmware;
}

export interface HostFirmware {
  /** The domain capabilities could be read (QEMU hosts; not the test driver). */
  known: boolean;
  /** <os firmware> values: bios, efi. */
  kinds: string[];
  /** UEFI loader images (OVMF_CODE...). */
  loaders: string[];
  secureBoot: boolean;
}

/** The host's CPU time counters since boot (all CPUs), nanoseconds. */
export interface HostCpuCounters {
  /** user + kernel. */
  busyNs: number;
  /** busy + idle + iowait. */
  totalNs: number;
}

/**
 * One sample of the host's CPU and memory use. CPU use is a share between two samples: the
 * caller keeps its previous sample and computes it (renderer's hostUsageSeries.ts), so that every window
 * measures its own interval.
 */
export interface HostUsageSample {
  /** Epoch ms. */
  time: number;
  cpu: HostCpuCounters;
  memoryTotalKiB: number;
  /** Total minus free, buffers and cache, as `free` counts "used". */
  memoryUsedKiB: number;
}

export interface HostInterfaceAddress {
  family: 'ipv4' | 'ipv6';
  address: string;
  prefix: number;
}

export interface HostInterface {
  name: string;
  /** ethernet, bridge, bond, vlan, loopback... */
  type: string;
  mac?: string;
  state: 'up' | 'down' | 'unknown';
  addresses: HostInterfaceAddress[];
  /** For a bridge: the interfaces enslaved to it. */
  members: string[];
  /** The bridge this interface is a member of. */
  bridge?: string;
}

export interface HostInterfaces {
  /** Where the list came from: libvirt's interface driver, or `ip` run on the host. */
  source: 'libvirt' | 'ip';
  /** Where the addresses came from, when not from `source` (libvirt's udev backend has none). */
  addressesFrom?: 'ip';
  interfaces: HostInterface[];
}

/** The 'host.resourcesChanged' event: libvirt said a network or pool changed on this host. */
export interface HostResourcesChanged {
  connectionId: string;
  kind: 'network' | 'pool';
  /** The network's or pool's name. */
  name: string;
}
