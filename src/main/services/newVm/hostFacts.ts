/**
 * What the wizard needs to know of the host: memory and CPUs (the fields' bounds), how it runs
 * guests (KVM or TCG), its pools, networks, bridges and interfaces, the names already used, and a
 * directory listing for picking an ISO among the files the connecting user can read.
 */
import { dirname, posix } from 'node:path';
import type { HostDirListing, NewVmHostFacts } from '../../../shared/api/newVmTypes';
import type { Host } from '../../hosts/host';
import { listAllDomains } from '../../libvirt/domain';
import { isNetworkActive, listAllNetworks } from '../../libvirt/network';
import type { RpcClient } from '../../libvirt/rpc/client';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import { listPools } from '../storage/pools';

const SYS_NET = '/sys/class/net';

async function hostInterfaces(host: Host): Promise<{ bridges: string[]; interfaces: string[] }> {
  const files = await host.files();
  const names = (await files.list(SYS_NET).catch(() => [])).map((e) => e.name).sort();
  const bridges: string[] = [];
  const interfaces: string[] = [];
  await Promise.all(
    names.map(async (name) => {
      if (name === 'lo') return;
      const isBridge = await files
        .stat(`${SYS_NET}/${name}/bridge`)
        .then(() => true)
        .catch(() => false);
      // virbrN belong to libvirt's own networks: offered as networks, not bridges.
      if (isBridge && !/^virbr\d+$/.test(name)) bridges.push(name);
      else if (!isBridge && !/^(vnet|macvtap|virbr)\d+/.test(name)) interfaces.push(name);
    }),
  );
  return { bridges: bridges.sort(), interfaces: interfaces.sort() };
}

/** KVM when the host's capabilities offer it for `arch`, else TCG ("qemu"), as virt-install. */
export async function hostVirtType(rpc: RpcClient, arch = 'x86_64'): Promise<'kvm' | 'qemu'> {
  const caps = (await rpc.call('CONNECT_GET_CAPABILITIES', null)).capabilities;
  const root = parseXml(caps).documentElement;
  const guests = root ? childElements(root, 'guest') : [];
  for (const guest of guests) {
    const archEl = firstChild(guest, 'arch');
    if (attribute(archEl, 'name') !== arch || !archEl) continue;
    if (childElements(archEl, 'domain').some((d) => attribute(d, 'type') === 'kvm')) return 'kvm';
  }
  return 'qemu';
}

export async function newVmHostFacts(host: Host, rpc: RpcClient): Promise<NewVmHostFacts> {
  const [info, virtType, pools, nets, doms, ifaces] = await Promise.all([
    rpc.call('NODE_GET_INFO', null),
    hostVirtType(rpc),
    listPools(rpc),
    listAllNetworks(rpc),
    listAllDomains(rpc),
    hostInterfaces(host),
  ]);
  const maxVcpus = await rpc
    .call('CONNECT_GET_MAX_VCPUS', { type: virtType })
    .then((r) => r.max_vcpus)
    .catch(() => info.cpus);
  const networks = await Promise.all(
    nets.map(async (net) => ({ name: net.name, active: await isNetworkActive(rpc, net) })),
  );
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
    networks: networks.sort((a, b) => a.name.localeCompare(b.name)),
    bridges: ifaces.bridges,
    interfaces: ifaces.interfaces,
    vmNames: doms.map((d) => d.name),
  };
}

/** Lists `dir` on the host: directories, then files (ISO images first), hidden ones left out. */
export async function browseHostDir(host: Host, dir: string): Promise<HostDirListing> {
  const path = posix.normalize(dir.startsWith('/') ? dir : `/${dir}`);
  const files = await host.files();
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
