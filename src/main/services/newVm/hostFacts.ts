/**
 * What the wizard needs to know of the host: memory and CPUs (the fields' bounds), how it runs
 * guests (KVM or TCG), its pools, networks, bridges and interfaces, the names already used, and a
 * directory listing for picking an ISO among the files the connecting user can read.
 */
import { dirname, posix } from 'node:path';
import type { HostInterface } from '../../../shared/api/hostTypes';
import { BROWSE_START_DIR } from '../../../shared/api/methods/newVm';
import type { HostDirListing, NewVmHostFacts } from '../../../shared/api/newVmTypes';
import type { Host, HostFiles } from '../../hosts/host';
import { listAllDomains } from '../../libvirt/domain';
import type { RpcClient } from '../../libvirt/rpc/client';
import { listHostInterfaces } from '../host/hostInterfaces';
import { readCapabilities } from '../host/hostOverview';
import { listNetworks } from '../networks/networkList';
import { listPools } from '../storage/pools';

/**
 * The host's bridges (offered for bridged NICs) and its other interfaces (for macvtap), from the
 * host interfaces service. libvirt's own virbrN, vnetN and macvtapN are left out: those belong to
 * its networks and guests.
 */
export async function bridgesAndInterfaces(host: Host, rpc: RpcClient) {
  const { interfaces: all } = await listHostInterfaces(host, rpc).catch(() => ({
    interfaces: [] as HostInterface[],
  }));
  const usable = all.filter(
    (i) => i.type !== 'loopback' && !/^(virbr|vnet|macvtap)\d+/.test(i.name),
  );
  const names = (list: HostInterface[]) => list.map((i) => i.name).sort();
  return {
    bridges: names(usable.filter((i) => i.type === 'bridge')),
    interfaces: names(usable.filter((i) => i.type !== 'bridge')),
  };
}

/** KVM when the host's capabilities offer it for its own arch, else TCG ("qemu"), as virt-install. */
export async function hostVirtType(rpc: RpcClient): Promise<'kvm' | 'qemu'> {
  const caps = (await rpc.call('CONNECT_GET_CAPABILITIES', null)).capabilities;
  return readCapabilities(caps).kvm ? 'kvm' : 'qemu';
}

export async function newVmHostFacts(host: Host, rpc: RpcClient): Promise<NewVmHostFacts> {
  const [info, virtType, pools, nets, doms, ifaces] = await Promise.all([
    rpc.call('NODE_GET_INFO', null),
    hostVirtType(rpc),
    listPools(rpc),
    listNetworks(rpc),
    listAllDomains(rpc),
    bridgesAndInterfaces(host, rpc),
  ]);
  const maxVcpus = await rpc
    .call('CONNECT_GET_MAX_VCPUS', { type: virtType })
    .then((r) => r.max_vcpus)
    .catch(() => info.cpus);
  return {
    memoryMiB: Math.floor(Number(info.memory) / 1024),
    cpus: info.cpus,
    maxVcpus,
    virtTypes: virtType === 'kvm' ? ['kvm', 'qemu'] : ['qemu'],
    pools: pools.map((p) => ({
      name: p.name,
      active: p.active,
      availableBytes: p.available,
      path: p.path,
    })),
    networks: nets.map(({ name, active }) => ({ name, active })),
    bridges: ifaces.bridges,
    interfaces: ifaces.interfaces,
    vmNames: doms.map((d) => d.name),
  };
}

/**
 * Where the file browser opens: a folder the connecting user can read, never one that answers
 * "Permission denied" (a non-root SSH user cannot read /var/lib/libvirt/images). The `default`
 * pool's folder (where ISOs are kept), else the user's home, else another pool's folder, else "/".
 */
async function browseStartDir(host: Host, rpc: RpcClient, files: HostFiles): Promise<string> {
  const readable = (path: string): Promise<boolean> =>
    files.list(path).then(
      () => true,
      () => false,
    );
  const pools = (await listPools(rpc).catch(() => [])).filter((p) => p.type === 'dir' && p.path);
  const defaultPath = pools.find((p) => p.name === 'default')?.path;
  if (defaultPath && (await readable(defaultPath))) return defaultPath;
  // A fixed script: the login's own $HOME, where ssh itself starts.
  const home = await host
    .exec(['sh', '-c', 'printf %s "$HOME"'])
    .then((r) => r.stdout.toString('utf8'))
    .catch(() => '');
  if (home.startsWith('/') && (await readable(home))) return home;
  for (const pool of pools) {
    if (pool.path && (await readable(pool.path))) return pool.path;
  }
  return '/';
}

/**
 * Lists `dir` on the host: directories, then files (ISO images first), hidden ones left out.
 * BROWSE_START_DIR lists the start folder (browseStartDir); the listing says which it is.
 */
export async function browseHostDir(
  host: Host,
  rpc: RpcClient,
  dir: string,
): Promise<HostDirListing> {
  const files = await host.files();
  const start = dir === BROWSE_START_DIR ? await browseStartDir(host, rpc, files) : dir;
  const path = posix.normalize(start.startsWith('/') ? start : `/${start}`);
  const entries = await files.list(path);
  const rows: HostDirListing['entries'] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    let type = e.type;
    let size = e.size;
    if (type === 'symlink') {
      // Follow links (e.g. /var/lib/libvirt/images -> elsewhere) so they can be opened.
      const target = await files.stat(posix.join(path, e.name)).catch(() => undefined);
      if (!target) continue;
      type = target.type;
      size = target.size;
    }
    if (type !== 'file' && type !== 'directory') continue;
    rows.push({ name: e.name, path: posix.join(path, e.name), type, size });
  }
  rows.sort((a, b) =>
    a.type !== b.type ? (a.type === 'directory' ? -1 : 1) : a.name.localeCompare(b.name),
  );
  return { dir: path, parent: path === '/' ? undefined : dirname(path), entries: rows };
}
