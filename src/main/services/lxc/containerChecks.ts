/**
 * The New container wizard's checks, all done before anything is defined, each naming its field:
 * the name (free on the connection), memory and vCPUs within the host, the root file system (an
 * existing directory on the host), the init (an absolute path to an executable file inside that
 * root file system), the network and MAC, and the idmap (only where the host has user namespaces).
 */
import { posix } from 'node:path';
import type { ContainerHostFacts, ContainerOptions } from '../../../shared/api/methods/lxc';
import { InvalidInputError } from '../../../shared/errors';
import { checkMac } from '../../../shared/inputChecks';
import { msg, type Message } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import { lookupDomainByName } from '../../libvirt/domain';
import type { RpcClient } from '../../libvirt/rpc/client';
import { containerInit } from './containerXml';
import { missingAncestors } from './debootstrapRun';
import { hostTest, resolveInRoot } from './hostProbe';

type Fields = Record<string, Message>;

export async function checkContainer(
  host: Host,
  rpc: RpcClient,
  facts: ContainerHostFacts,
  options: ContainerOptions,
): Promise<void> {
  const fields: Fields = {};
  const name = options.name.trim();
  if (name === '') fields.name = msg('lxc.nameMissing');
  else if (name.includes('/')) fields.name = msg('lxc.nameSlash');
  else if (await lookupDomainByName(rpc, options.name).catch(() => null)) {
    fields.name = msg('lxc.nameTaken', { name: options.name });
  }
  if (!Number.isSafeInteger(options.memoryMiB) || options.memoryMiB > facts.memoryMiB) {
    fields.memoryMiB = msg('lxc.memoryRange', { max: facts.memoryMiB });
  }
  if (!Number.isSafeInteger(options.vcpus) || options.vcpus > facts.cpus) {
    fields.vcpus = msg('lxc.vcpusRange', { max: facts.cpus });
  }
  if (options.build) await checkBuild(host, facts, options, fields);
  else await checkRootAndInit(host, options, fields);
  checkNetwork(facts, options, fields);
  if (options.idmap && !facts.idmap) fields.idmap = msg('lxc.idmapUnsupported');
  else if (options.idmap && options.idmapRanges) checkIdmap(options.idmapRanges, fields);
  if (Object.keys(fields).length > 0) throw InvalidInputError.ofFields(fields);
}

/** A suite or codename as Debian names them (bookworm, stable, jammy, trixie-backports...). */
const SUITE = /^[a-z0-9][a-z0-9.+_-]*$/;

/** The largest id a user namespace maps (ids are 32 bits; (uid_t) -1 is never one). */
const MAX_ID = 4294967295;

/**
 * A root file system debootstrap will make: the directory must not exist yet (its nearest existing
 * ancestor must be a directory), debootstrap and root must be there, the suite must be a name
 * and the mirror an http(s) URL the host reaches with that suite on it (wget, which debootstrap
 * itself needs, asks for dists/SUITE/Release).
 */
async function checkBuild(
  host: Host,
  facts: ContainerHostFacts,
  options: ContainerOptions,
  fields: Fields,
): Promise<void> {
  const build = options.build!;
  const { rootfs } = options;
  if (!facts.debootstrap) fields.rootfs = msg('lxc.noDebootstrap');
  else if (!facts.root) fields.rootfs = msg('lxc.buildNeedsRoot');
  else if (rootfs === undefined) fields.rootfs = msg('lxc.rootfsRequired');
  else if (!rootfs.startsWith('/') || posix.normalize(rootfs) === '/') {
    fields.rootfs = msg('lxc.rootfsRelative');
  } else if (await hostTest(host, '-e', rootfs)) {
    fields.rootfs = msg('lxc.rootfsExists', { path: rootfs });
  } else {
    const { existing } = await missingAncestors(host, posix.normalize(rootfs));
    if (!(await hostTest(host, '-d', existing))) {
      fields.rootfs = msg('lxc.rootfsNotDirectory', { path: existing });
    }
  }
  const init = containerInit(options);
  if (init === '') fields.init = msg('lxc.initRequired');
  else if (!init.startsWith('/')) fields.init = msg('lxc.initRelative');
  const suite = build.suite.trim();
  if (!SUITE.test(suite)) fields['build.suite'] = msg('lxc.suiteInvalid', { suite });
  const mirror = build.mirror.trim();
  let url: URL | undefined;
  try {
    url = new URL(mirror);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
    fields['build.mirror'] = msg('lxc.mirrorInvalid', { mirror });
  } else if (!fields['build.suite'] && !fields.rootfs) {
    const release = `${mirror.replace(/\/+$/, '')}/dists/${suite}/Release`;
    const probe = await host
      .exec(['wget', '-q', '--spider', '-T', '15', '-t', '1', release])
      .catch(() => ({ code: 1 }));
    if (probe.code !== 0) {
      fields['build.mirror'] = msg('lxc.mirrorUnreachable', { mirror, suite });
    }
  }
}

/** Each idmap line: whole numbers, the container's root (0) mapped, every range within 32 bits. */
function checkIdmap(ranges: NonNullable<ContainerOptions['idmapRanges']>, fields: Fields): void {
  for (const kind of ['uid', 'gid'] as const) {
    const range = ranges[kind];
    for (const part of ['start', 'target', 'count'] as const) {
      const value = range[part];
      const least = part === 'count' ? 1 : 0;
      if (!Number.isSafeInteger(value) || value < least || value > MAX_ID) {
        fields[`idmap.${kind}.${part}`] = msg('lxc.idmapNumber', { least, most: MAX_ID });
      }
    }
    const start = `idmap.${kind}.start`;
    const count = `idmap.${kind}.count`;
    if (!fields[start] && range.start !== 0) fields[start] = msg('lxc.idmapRootUnmapped');
    if (fields[start] || fields[count] || fields[`idmap.${kind}.target`]) continue;
    if (Math.max(range.start, range.target) + range.count - 1 > MAX_ID) {
      fields[count] = msg('lxc.idmapTooLong', { most: MAX_ID });
    }
  }
}

async function checkRootAndInit(host: Host, options: ContainerOptions, fields: Fields) {
  const { rootfs } = options;
  if (rootfs === undefined) {
    if (options.kind === 'os') fields.rootfs = msg('lxc.rootfsRequired');
  } else if (!rootfs.startsWith('/')) {
    fields.rootfs = msg('lxc.rootfsRelative');
  } else if (!(await hostTest(host, '-e', rootfs))) {
    fields.rootfs = msg('lxc.rootfsMissing', { path: rootfs });
  } else if (!(await hostTest(host, '-d', rootfs))) {
    fields.rootfs = msg('lxc.rootfsNotDirectory', { path: rootfs });
  }
  const init = containerInit(options);
  if (init === '') {
    fields.init = msg('lxc.initRequired');
    return;
  }
  if (!init.startsWith('/')) {
    fields.init = msg('lxc.initRelative');
    return;
  }
  // The init is looked for only in a root file system that is there.
  if (fields.rootfs) return;
  const root = rootfs ?? '/';
  const program = await resolveInRoot(host, root, init);
  if (!(await hostTest(host, '-e', program))) {
    fields.init = msg('lxc.initMissing', { init, rootfs: root });
  } else if (!(await hostTest(host, '-f', program)) || !(await hostTest(host, '-x', program))) {
    fields.init = msg('lxc.initNotExecutable', { init, rootfs: root });
  }
}

function checkNetwork(facts: ContainerHostFacts, options: ContainerOptions, fields: Fields) {
  const { network } = options;
  if (network.kind === 'none') return;
  if (network.name === '') {
    fields['network.name'] = msg(
      network.kind === 'bridge' ? 'lxc.bridgeRequired' : 'lxc.networkRequired',
    );
  } else if (
    network.kind === 'bridge' &&
    facts.bridges.length > 0 &&
    !facts.bridges.includes(network.name)
  ) {
    // An empty list is a host whose interfaces could not be read: libvirt then says.
    fields['network.name'] = msg('lxc.bridgeMissing', { name: network.name });
  }
  try {
    checkMac(network.mac);
  } catch {
    fields['network.mac'] = msg('lxc.macInvalid', { mac: network.mac });
  }
}
