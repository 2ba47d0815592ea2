/**
 * What the New container wizard needs to know of the host: memory and CPUs, its libvirt networks
 * and bridges, whether it has user namespaces (and which subordinate ids root may map to), and
 * which tools can make a root file system there (lxc-create, debootstrap, and root to run them).
 */
import type { ContainerHostFacts } from '../../../shared/api/methods/lxc';
import { randomMac } from '../../../shared/inputChecks';
import type { Host } from '../../hosts/host';
import type { RpcClient } from '../../libvirt/rpc/client';
import { listNetworks } from '../networks/networkList';
import { bridgesAndInterfaces } from '../newVm/hostFacts';
import { debootstrapDefaults } from './aptSources';
import { hasProgram, hostTest } from './hostProbe';
import type { IdRanges } from './containerXml';

/** The range Debian's useradd gives the first user, used when root has none in /etc/sub[ug]id. */
const DEFAULT_RANGE = { start: 100000, count: 65536 };

/** root's first range in /etc/subuid or /etc/subgid ("root:100000:65536"). */
function rootRange(text: string): { start: number; count: number } | undefined {
  for (const line of text.split('\n')) {
    const [user, start, count] = line.trim().split(':');
    if ((user === 'root' || user === '0') && start && count) {
      return { start: Number(start), count: Number(count) };
    }
  }
  return undefined;
}

async function readText(host: Host, path: string): Promise<string> {
  const read = await host.exec(['cat', '--', path]);
  return read.code === 0 ? read.stdout.toString('utf8') : '';
}

/** The ranges an idmap maps to; undefined on a host without user namespaces. */
async function hostIdRanges(host: Host): Promise<IdRanges | undefined> {
  if (!(await hostTest(host, '-e', '/proc/self/uid_map'))) return undefined;
  const [subuid, subgid] = await Promise.all([
    readText(host, '/etc/subuid'),
    readText(host, '/etc/subgid'),
  ]);
  return {
    uid: rootRange(subuid) ?? DEFAULT_RANGE,
    gid: rootRange(subgid) ?? DEFAULT_RANGE,
  };
}

async function isRootOrSudo(host: Host): Promise<boolean> {
  const id = await host.exec(['id', '-u']);
  if (id.stdout.toString('utf8').trim() === '0') return true;
  return (await host.exec(['sudo', '-n', 'true']).catch(() => ({ code: 1 }))).code === 0;
}

export async function containerHostFacts(host: Host, rpc: RpcClient): Promise<ContainerHostFacts> {
  const [info, nets, ifaces, idmap, lxcCreate, debootstrap, root, defaults] = await Promise.all([
    rpc.call('NODE_GET_INFO', null),
    listNetworks(rpc),
    bridgesAndInterfaces(host, rpc),
    hostIdRanges(host),
    hasProgram(host, 'lxc-create'),
    // In /usr/sbin, which a user's PATH often lacks (sudo's secure_path has it).
    hasProgram(host, 'debootstrap').then(
      async (found) => found || hostTest(host, '-x', '/usr/sbin/debootstrap'),
    ),
    isRootOrSudo(host),
    debootstrapDefaults(host),
  ]);
  return {
    memoryMiB: Math.floor(Number(info.memory) / 1024),
    cpus: info.cpus,
    networks: nets.map((n) => n.name).sort(),
    bridges: ifaces.bridges,
    ...(idmap ? { idmap } : {}),
    lxcCreate,
    debootstrap,
    root,
    mac: randomMac(),
    ...defaults,
  };
}
