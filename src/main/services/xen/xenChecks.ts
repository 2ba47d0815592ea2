/**
 * The Xen wizard's checks, all made before anything is defined, each naming its field: the name
 * (free on the connection), memory and vCPUs within the host, the boot (a PV kernel and initrd
 * that are files on the host, a bootloader, an HVM installer ISO), the disk (an image file or a
 * block device on the host; qcow2 only for a file) and the vif's bridge and MAC. Paths are asked
 * of the host as the connecting user, with argv arrays (no shell sees them).
 */
import type { XenGuestOptions, XenHostFacts } from '../../../shared/api/methods/xen';
import { InvalidInputError } from '../../../shared/errors';
import { checkMac } from '../../../shared/inputChecks';
import { msg, type Message } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import { lookupDomainByName } from '../../libvirt/domain';
import type { RpcClient } from '../../libvirt/rpc/client';
import { hostTest } from '../lxc/hostProbe';

type Fields = Record<string, Message>;

/** What the checks learnt of the host that the XML needs. */
export interface XenChecked {
  /** The disk is a block device (libxl's phy backend), not an image file (qdisk). */
  diskIsBlock: boolean;
}

export async function checkXenGuest(
  host: Host,
  rpc: RpcClient,
  facts: XenHostFacts,
  options: XenGuestOptions,
): Promise<XenChecked> {
  const fields: Fields = {};
  const name = options.name.trim();
  if (name === '') fields.name = msg('xen.nameMissing');
  else if (name.includes('/')) fields.name = msg('xen.nameSlash');
  else if (await lookupDomainByName(rpc, name).catch(() => null)) {
    fields.name = msg('xen.nameTaken', { name });
  }
  if (!Number.isSafeInteger(options.memoryMiB) || options.memoryMiB > facts.memoryMiB) {
    fields.memoryMiB = msg('xen.memoryRange', { max: facts.memoryMiB });
  }
  if (!Number.isSafeInteger(options.vcpus) || options.vcpus > facts.cpus) {
    fields.vcpus = msg('xen.vcpusRange', { max: facts.cpus });
  }
  await checkBoot(host, options, fields);
  const diskIsBlock = await checkDisk(host, options, fields);
  checkNetwork(facts, options, fields);
  if (Object.keys(fields).length > 0) throw InvalidInputError.ofFields(fields);
  return { diskIsBlock };
}

/** A file the guest boots from, on the host: required (or not), absolute, a file. */
async function checkHostFile(
  host: Host,
  path: string | undefined,
  missing: Message | undefined,
): Promise<Message | undefined> {
  if (path === undefined) return missing;
  if (!path.startsWith('/')) return msg('xen.pathRelative', { path });
  if (!(await hostTest(host, '-f', path))) return msg('xen.fileMissing', { path });
  return undefined;
}

async function checkBoot(host: Host, options: XenGuestOptions, fields: Fields) {
  const set = (field: string, said: Message | undefined) => {
    if (said) fields[field] = said;
  };
  if (options.kind === 'pv-kernel') {
    set('kernel', await checkHostFile(host, options.kernel, msg('xen.kernelRequired')));
    set('initrd', await checkHostFile(host, options.initrd, undefined));
  } else if (options.kind === 'pv-bootloader') {
    const { bootloader } = options;
    // A bare name (pygrub) is found by libxl on its own path; a path must be there.
    if (bootloader?.includes('/')) {
      if (!bootloader.startsWith('/')) {
        set('bootloader', msg('xen.pathRelative', { path: bootloader }));
      } else if (!(await hostTest(host, '-x', bootloader))) {
        set('bootloader', msg('xen.bootloaderMissing', { path: bootloader }));
      }
    }
  } else {
    set('iso', await checkHostFile(host, options.iso, msg('xen.isoRequired')));
  }
}

async function checkDisk(host: Host, options: XenGuestOptions, fields: Fields) {
  const disk = options.disk.trim();
  if (disk === '') {
    fields.disk = msg('xen.diskRequired');
    return false;
  }
  if (!disk.startsWith('/')) {
    fields.disk = msg('xen.pathRelative', { path: disk });
    return false;
  }
  if (!(await hostTest(host, '-e', disk))) {
    fields.disk = msg('xen.diskMissing', { path: disk });
    return false;
  }
  const isBlock = await hostTest(host, '-b', disk);
  if (!isBlock && !(await hostTest(host, '-f', disk))) {
    fields.disk = msg('xen.diskNotImage', { path: disk });
  } else if (isBlock && options.diskFormat !== 'raw') {
    fields.disk = msg('xen.diskBlockNotRaw', { path: disk });
  }
  return isBlock;
}

function checkNetwork(facts: XenHostFacts, options: XenGuestOptions, fields: Fields) {
  const { network } = options;
  if (network.kind === 'none') return;
  const bridge = network.name.trim();
  if (bridge === '') {
    fields['network.name'] = msg('xen.bridgeRequired');
  } else if (facts.bridges.length > 0 && !facts.bridges.includes(bridge)) {
    // An empty list is a host whose interfaces could not be read: libvirt then says.
    fields['network.name'] = msg('xen.bridgeMissing', { name: bridge });
  }
  try {
    checkMac(network.mac);
  } catch {
    fields['network.mac'] = msg('xen.macInvalid', { mac: network.mac });
  }
}
