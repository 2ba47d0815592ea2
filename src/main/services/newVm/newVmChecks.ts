/**
 * Everything the wizard's options are checked against before anything is created: each problem
 * is reported on the page and field it belongs to ("<page>.<field>", see NEW_VM_PAGES), all of
 * them at once, so the user sees every page that needs a change.
 */
import type { NewVmHostFacts, NewVmOptions } from '../../../shared/api/newVmTypes';
import { InvalidInputError } from '../../../shared/errors';
import type { Host, HostFiles } from '../../hosts/host';
import { lookupDomainByName } from '../../libvirt/domain';
import { isNetworkActive, lookupNetworkByName } from '../../libvirt/network';
import type { RpcClient } from '../../libvirt/rpc/client';
import { getPoolInfo, isPoolActive } from '../../libvirt/storagePool';
import { lookupVolumeByPath } from '../../libvirt/storageVolume';
import { poolIfExists, volumeIfExists } from '../storage/lookups';
import { describeBytes } from '../storage/volumes';
import { HOST_BRIDGE_TYPES } from '../networks/networkChecks';
import { listHostInterfaces } from '../host/hostInterfaces';
import { checkFetchUrl, hostFetchTool } from './hostFetch';
import { installTreeProblem } from './installTree';
import { readIsoHeadOnHost } from './isoMedia';
import { sourceModule } from './sources';
import { diskVolumeName } from './volumeNames';

const GiB = 1024 ** 3;

function checkName(name: string): string | undefined {
  if (name.trim() === '') return 'Give the VM a name';
  if (name.includes('/')) return 'A VM name cannot contain "/"';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'A VM name cannot contain control characters';
  if (name.length > 200) return 'A VM name is at most 200 characters';
  return undefined;
}

async function checkIso(
  rpc: RpcClient,
  files: HostFiles,
  path: string,
): Promise<string | undefined> {
  if (!path.startsWith('/')) return 'Choose an ISO file on the host';
  const head = await readIsoHeadOnHost(rpc, files, path).catch((err: unknown) => ({
    isIso: false,
    error: err instanceof Error ? err.message : String(err),
  }));
  if ('error' in head) return `Cannot read ${path}: ${head.error}`;
  if (!head.isIso) return `${path} is not an ISO image (no ISO 9660 "CD001" signature)`;
  return undefined;
}

async function checkNewDisk(
  rpc: RpcClient,
  options: NewVmOptions,
  fields: Record<string, string>,
): Promise<void> {
  if (options.disk.kind !== 'new') return;
  const { pool: poolName, sizeGiB } = options.disk;
  if (!(sizeGiB > 0) || !Number.isFinite(sizeGiB)) {
    fields['storage.sizeGiB'] = 'The disk size must be above 0 GiB';
    return;
  }
  const pool = await poolIfExists(rpc, poolName);
  if (!pool) {
    fields['storage.pool'] = `There is no storage pool named "${poolName}"`;
    return;
  }
  if (!(await isPoolActive(rpc, pool))) {
    fields['storage.pool'] = `Pool "${poolName}" is not active: start it first`;
    return;
  }
  const info = await getPoolInfo(rpc, pool);
  const bytes = sizeGiB * GiB;
  if (bytes > info.available) {
    fields['storage.sizeGiB'] =
      `${describeBytes(bytes)} is more than the ${describeBytes(info.available)} free in pool "${poolName}"`;
  }
  const volName = diskVolumeName(options.name);
  if (await volumeIfExists(rpc, pool, volName)) {
    fields['name.name'] ??= `Pool "${poolName}" already has a volume named "${volName}"`;
  }
}

/**
 * A disk image is there when a pool knows it as a volume (libvirt sees what the connecting SSH
 * user may not, e.g. root-only /var/lib/libvirt/images) or the user can see the file.
 */
async function imageExists(rpc: RpcClient, files: HostFiles, path: string): Promise<boolean> {
  if (await lookupVolumeByPath(rpc, path).catch(() => undefined)) return true;
  return files.stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The tree's URL is fetchable the way the create will fetch it (the host's curl or wget, else the
 * app: so ftp:// is refused here when nothing can fetch it) and has a kernel and initrd.
 */
async function checkInstallTree(host: Host, url: string): Promise<string | undefined> {
  try {
    checkFetchUrl(url);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return installTreeProblem(host, url, await hostFetchTool(host));
}

/**
 * A bridge or macvtap NIC names a device of the host: it must be there (and a bridge be a Linux
 * or Open vSwitch bridge), or QEMU's start fails after the disk and definition were made. When
 * the host's interfaces cannot be read at all, the start is left to say it.
 */
async function checkHostDevice(
  host: Host,
  rpc: RpcClient,
  options: NewVmOptions,
): Promise<string | undefined> {
  const net = options.network;
  if (net.kind !== 'bridge' && net.kind !== 'direct') return undefined;
  const name = (net.kind === 'bridge' ? net.name : net.device).trim();
  if (name === '') return net.kind === 'bridge' ? 'Choose a bridge' : 'Choose a host interface';
  const list = await listHostInterfaces(host, rpc).catch(() => undefined);
  if (!list) return undefined;
  const found = list.interfaces.find((i) => i.name === name);
  if (!found) return `The host has no interface named ${name}`;
  if (net.kind === 'bridge' && !HOST_BRIDGE_TYPES.includes(found.type)) {
    return `${name} is not a bridge (it is ${found.type}): connect through macvtap instead`;
  }
  if (net.kind === 'direct' && found.type === 'loopback') {
    return `${name} is the loopback interface: choose one that reaches a network`;
  }
  return undefined;
}

/** Throws invalid-input naming every field at fault; returns when all is well. */
export async function checkNewVm(
  host: Host,
  rpc: RpcClient,
  files: HostFiles,
  facts: Pick<NewVmHostFacts, 'memoryMiB' | 'maxVcpus' | 'virtTypes'>,
  options: NewVmOptions,
): Promise<void> {
  const fields: Record<string, string> = {};
  const nameProblem = checkName(options.name);
  if (nameProblem) fields['name.name'] = nameProblem;
  else if (await lookupDomainByName(rpc, options.name).catch(() => null)) {
    fields['name.name'] = `A VM named "${options.name}" already exists on this host`;
  }
  if (!Number.isSafeInteger(options.memoryMiB) || options.memoryMiB < 16) {
    fields['resources.memoryMiB'] = 'Memory must be a whole number of MiB, at least 16';
  } else if (options.memoryMiB > facts.memoryMiB) {
    fields['resources.memoryMiB'] =
      `${options.memoryMiB} MiB is more than the host's ${facts.memoryMiB} MiB`;
  }
  if (!Number.isSafeInteger(options.vcpus) || options.vcpus < 1) {
    fields['resources.vcpus'] = 'vCPUs must be a whole number, at least 1';
  } else if (options.vcpus > facts.maxVcpus) {
    fields['resources.vcpus'] = `This host allows at most ${facts.maxVcpus} vCPUs`;
  }
  if (options.virtType && !facts.virtTypes.includes(options.virtType)) {
    fields['resources.virtType'] = `This host cannot run ${options.virtType.toUpperCase()} guests`;
  }
  const source = options.source;
  if (source.kind === 'iso') {
    const problem = await checkIso(rpc, files, source.path);
    if (problem) fields['source.path'] = problem;
  } else if (source.kind === 'import') {
    if (!source.path.startsWith('/')) fields['source.path'] = 'Choose a disk image on the host';
    else if (!(await imageExists(rpc, files, source.path))) {
      fields['source.path'] = `${source.path} is not there`;
    }
  } else if (source.kind === 'url') {
    const problem = await checkInstallTree(host, source.url);
    if (problem) fields['source.url'] = problem;
  }
  await sourceModule(source)?.check(rpc, files, options, fields, host);
  if (source.kind === 'url' && options.customize) {
    // The fetched kernel boots only the install definition, which starts at once.
    fields['name.customize'] =
      'A network install starts as soon as it is created: customize the VM after the install';
  }
  if (options.disk.kind === 'existing') {
    const path = options.disk.path;
    if (!path.startsWith('/')) fields['storage.path'] = 'Choose a volume for the disk';
    else if (!(await imageExists(rpc, files, path)))
      fields['storage.path'] = `${path} is not there`;
  }
  if (source.kind === 'import' && options.disk.kind === 'new') {
    fields['storage.pool'] = 'An imported image is the disk: no new disk is made';
  }
  await checkNewDisk(rpc, options, fields);
  const net = options.network;
  if (net.kind === 'network') {
    const found = net.name ? await lookupNetworkByName(rpc, net.name).catch(() => null) : null;
    if (!found)
      fields['network.name'] = net.name
        ? `There is no network named "${net.name}"`
        : 'Choose a network';
    else if (!(await isNetworkActive(rpc, found))) {
      fields['network.name'] = `Network "${net.name}" is not active: start it first`;
    }
  }
  const netProblem = await checkHostDevice(host, rpc, options);
  if (netProblem) fields['network.name'] = netProblem;
  if (Object.keys(fields).length > 0) throw InvalidInputError.ofFields(fields);
}
