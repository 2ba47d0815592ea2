/** The host overview and the host's interfaces, as the Host page shows them. */
import * as v from 'valibot';

const hostFirmware = v.object({
  /** The domain capabilities could be read (QEMU hosts; not the test driver). */
  known: v.boolean(),
  /** <os firmware> values: bios, efi. */
  kinds: v.array(v.string()),
  /** UEFI loader images (OVMF_CODE...). */
  loaders: v.array(v.string()),
  secureBoot: v.boolean(),
});
export type HostFirmware = v.InferOutput<typeof hostFirmware>;

/**
 * How the connection's libvirt stream reaches the daemon: its unix socket straight (a local
 * connect, or SSH stream-local forwarding: one process hop less), or through `virt-ssh-helper`
 * (a relay process on the host, needed to start a session daemon or when the user cannot open the
 * socket itself).
 */
export const libvirtTransport = v.picklist([
  'local-socket',
  'local-helper',
  'ssh-stream-local',
  'ssh-helper',
]);
export type LibvirtTransport = v.InferOutput<typeof libvirtTransport>;

export const hostOverview = v.object({
  hostname: v.string(),
  hypervisorType: v.string(),
  hypervisorVersion: v.string(),
  libvirtVersion: v.string(),
  /** From the capabilities XML (<host><cpu><model>), else node info's model (x86_64). */
  cpuModel: v.string(),
  cpuVendor: v.optional(v.string()),
  arch: v.string(),
  cpus: v.number(),
  mhz: v.number(),
  sockets: v.number(),
  cores: v.number(),
  threads: v.number(),
  numaNodes: v.number(),
  memoryKiB: v.number(),
  /** 'kvm' when the host can run guests with KVM, else 'qemu' (TCG emulation), or the driver's own. */
  acceleration: v.picklist(['kvm', 'tcg', 'other']),
  /** Guest machine types of the host's architecture; `alias` (pc, q35) points to `name`. */
  machines: v.array(
    v.object({ name: v.string(), alias: v.optional(v.string()), deprecated: v.boolean() }),
  ),
  firmware: hostFirmware,
  /** How this connection reaches libvirt. */
  transport: libvirtTransport,
});
export type HostOverview = v.InferOutput<typeof hostOverview>;

/** The host's CPU time counters since boot (all CPUs), nanoseconds. */
const hostCpuCounters = v.object({
  /** user + kernel. */
  busyNs: v.number(),
  /** busy + idle + iowait. */
  totalNs: v.number(),
});
export type HostCpuCounters = v.InferOutput<typeof hostCpuCounters>;

/**
 * One sample of the host's CPU and memory use. CPU use is a share between two samples: the
 * caller keeps its previous sample and computes it (renderer's hostUsageSeries.ts), so that every window
 * measures its own interval.
 */
export const hostUsageSample = v.object({
  /** Epoch ms. */
  time: v.number(),
  cpu: hostCpuCounters,
  memoryTotalKiB: v.number(),
  /** Total minus free, buffers and cache, as `free` counts "used". */
  memoryUsedKiB: v.number(),
});
export type HostUsageSample = v.InferOutput<typeof hostUsageSample>;

const hostInterfaceAddress = v.object({
  family: v.picklist(['ipv4', 'ipv6']),
  address: v.string(),
  prefix: v.number(),
});
export type HostInterfaceAddress = v.InferOutput<typeof hostInterfaceAddress>;

const hostInterface = v.object({
  name: v.string(),
  /** ethernet, bridge, bond, vlan, loopback... */
  type: v.string(),
  mac: v.optional(v.string()),
  state: v.picklist(['up', 'down', 'unknown']),
  addresses: v.array(hostInterfaceAddress),
  /** For a bridge: the interfaces enslaved to it. */
  members: v.array(v.string()),
  /** The bridge this interface is a member of. */
  bridge: v.optional(v.string()),
});
export type HostInterface = v.InferOutput<typeof hostInterface>;

export const hostInterfaces = v.object({
  /** Where the list came from: libvirt's interface driver, or `ip` run on the host. */
  source: v.picklist(['libvirt', 'ip']),
  /** Where the addresses came from, when not from `source` (libvirt's udev backend has none). */
  addressesFrom: v.optional(v.literal('ip')),
  interfaces: v.array(hostInterface),
});
export type HostInterfaces = v.InferOutput<typeof hostInterfaces>;

/** The 'host.resourcesChanged' event: libvirt said a network or pool changed on this host. */
export const hostResourcesChanged = v.object({
  connectionId: v.string(),
  kind: v.picklist(['network', 'pool']),
  /** The network's or pool's name. */
  name: v.string(),
});
export type HostResourcesChanged = v.InferOutput<typeof hostResourcesChanged>;
