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
    if (!/^(https?|ftp):\/\/[^\s]+$/.test(source.url)) {
      fields['source.url'] = 'Give an http://, https:// or ftp:// URL of the install tree';
    }
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
  if (net.kind === 'bridge' && net.name.trim() === '') fields['network.name'] = 'Choose a bridge';
  if (net.kind === 'direct' && net.device.trim() === '') {
    fields['network.name'] = 'Choose a host interface';
  }
  if (Object.keys(fields).length > 0) throw InvalidInputError.ofFields(fields);
}
