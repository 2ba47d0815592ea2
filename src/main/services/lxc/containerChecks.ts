/**
 * The New container wizard's checks, all done before anything is defined, each naming its field:
 * the name (free on the connection), memory and vCPUs within the host, the root file system (an
 * existing directory on the host), the init (an absolute path to an executable file inside that
 * root file system), the network and MAC, and the idmap (only where the host has user namespaces).
 */
import type { ContainerHostFacts, ContainerOptions } from '../../../shared/api/methods/lxc';
import { InvalidInputError } from '../../../shared/errors';
import { checkMac } from '../../../shared/inputChecks';
import { msg, type Message } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import { lookupDomainByName } from '../../libvirt/domain';
import type { RpcClient } from '../../libvirt/rpc/client';
import { containerInit } from './containerXml';
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
  await checkRootAndInit(host, options, fields);
  checkNetwork(facts, options, fields);
  if (options.idmap && !facts.idmap) fields.idmap = msg('lxc.idmapUnsupported');
  if (Object.keys(fields).length > 0) throw InvalidInputError.ofFields(fields);
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
