/**
 * A cloud image booted with cloud-init as a New VM source. The base image (a pool volume or a file
 * on the host) stays as it is: the VM's disk is a qcow2 overlay on it, or a full copy, grown to
 * the chosen size. A NoCloud seed ISO (cloudInit/seedIso.ts) is written here, uploaded as the
 * volume "<vm>-cidata.iso" into the disk's pool and attached as a CD-ROM of the install
 * definition only; the final definition has none, and the seed volume is deleted once the VM has
 * started (afterStart), as virt-install does: QEMU opened the file when it started, so the guest
 * still reads it at its first boot, and no later boot finds a seed with a password hash in it.
 */
import { msg } from '../../../../shared/messages/message';
import { Readable } from 'node:stream';
import type { NewVmOptions } from '../../../../shared/api/newVmTypes';
import { InvalidInputError } from '../../../../shared/errors';
import type { Host, HostFiles } from '../../../hosts/host';
import type { StorageVolumeRef } from '../../../libvirt/refs';
import type { RpcClient } from '../../../libvirt/rpc/client';
import {
  createVolume,
  deleteVolume,
  getVolumePath,
  getVolumeXml,
  lookupVolumeByPath,
  resizeVolume,
  uploadVolume,
} from '../../../libvirt/storageVolume';
import { refreshPool } from '../../../libvirt/storagePool';
import { readVolumeXml, storageVolumeXml } from '../../../xml/build/storageVolumeXml';
import { findPool, poolIfExists, volumeIfExists } from '../../storage/lookups';
import { describeBytes } from '../../storage/volumes';
import { convertVolume } from '../../storage/convertVolume';
import { probeDiskImage, UnreadableImageError } from '../../storage/diskImageProbe';
import { buildSeedIso } from '../cloudInit/seedIso';
import { cloudInitProblems, seedTexts } from '../cloudInit/userData';
import { checkFetchUrl, fetchOnHost, probeUrl } from '../hostFetch';
import { diskVolumeName } from '../volumeNames';
import type { InstallSourceKind, SourceJob } from './sourceTypes';

const GiB = 1024 ** 3;

type CloudOptions = NewVmOptions & {
  source: Extract<NewVmOptions['source'], { kind: 'cloud' }>;
};

/**
 * The name a fetched base image is kept under in the disk's pool: the URL's file name (a second
 * VM can then use it as a path), "cloud-image" when the URL names none.
 */
export function fetchedImageName(url: string): string {
  let file = '';
  try {
    file = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    // Not a URL: the check says so on the field.
  }
  return file.replace(/[/\\]/g, '_') || 'cloud-image';
}

/** The seed volume's name in the disk's pool. */
export function seedVolumeName(vmName: string): string {
  return `${vmName.replace(/\//g, '_')}-cidata.iso`;
}

export interface BaseImage {
  path: string;
  format: 'qcow2' | 'raw';
  virtualSize: number;
  /** The pool volume it is, when a pool holds it (a full copy needs one). */
  volume?: StorageVolumeRef;
}

/**
 * The base image's format and guest size, as the disk import probes images (qemu-img on the
 * host, else libvirt for a pool volume the SSH user may not read). Throws a message for the
 * Source page when it cannot be read or is not a qcow2 / raw image.
 */
export async function baseImage(host: Host, rpc: RpcClient, path: string): Promise<BaseImage> {
  const probed = await probeDiskImage(host, rpc, path).catch((err: unknown) => {
    if (err instanceof UnreadableImageError) {
      throw new Error(`qemu-img cannot read ${path}: ${err.message}`);
    }
    throw err;
  });
  // libvirt calls a raw file with an ISO 9660 signature "iso"; a hybrid image boots as a disk.
  const format = probed.format === 'iso' ? 'raw' : probed.format;
  if (format !== 'qcow2' && format !== 'raw') {
    throw new Error(
      `${path} is a ${format} image: a cloud image is qcow2 or raw (import other formats with "Import existing disk")`,
    );
  }
  return { path, format, virtualSize: probed.virtualSizeBytes, volume: probed.volume };
}

async function checkCloud(
  rpc: RpcClient,
  files: HostFiles,
  options: CloudOptions,
  fields: Record<string, string>,
  host: Host,
): Promise<void> {
  const source = options.source;
  Object.assign(fields, cloudInitProblems(source.cloudInit));
  if (options.disk.kind !== 'new') {
    fields['storage.pool'] = 'A cloud image VM gets a new disk: choose its pool and size';
    return;
  }
  if (source.image.from === 'url') {
    await checkImageUrl(rpc, host, source.image.url, options.disk.pool, fields);
  } else if (!source.image.path.startsWith('/')) {
    fields['source.cloudImage'] = 'Choose a cloud image (qcow2 or raw) on the host';
  } else {
    const path = source.image.path;
    const known = await lookupVolumeByPath(rpc, path).catch(() => undefined);
    const found = known
      ? true
      : await files.stat(path).then(
          () => true,
          () => false,
        );
    if (!found) {
      fields['source.cloudImage'] = `${path} is not there`;
    } else {
      const base = await baseImage(host, rpc, path).catch((err: unknown) =>
        err instanceof Error ? err.message : String(err),
      );
      if (typeof base === 'string') fields['source.cloudImage'] = base;
      else {
        if (base.virtualSize > options.disk.sizeGiB * GiB) {
          fields['storage.sizeGiB'] =
            `The image is ${describeBytes(base.virtualSize)}: the disk cannot be smaller`;
        }
        if (source.diskMode === 'copy' && !base.volume) {
          fields['source.cloudDiskMode'] =
            'A full copy is made from a pool volume: choose the image in a pool, or a linked overlay';
        }
      }
    }
  }
  const pool = await poolIfExists(rpc, options.disk.pool);
  const seedName = seedVolumeName(options.name);
  if (pool && (await volumeIfExists(rpc, pool, seedName))) {
    fields['name.name'] ??= `Pool "${options.disk.pool}" already has a volume named "${seedName}"`;
  }
}

/** The URL can be fetched (probed on the host as the fetch will run) into a free volume name. */
async function checkImageUrl(
  rpc: RpcClient,
  host: Host,
  raw: string,
  poolName: string,
  fields: Record<string, string>,
): Promise<void> {
  let url: URL;
  try {
    url = checkFetchUrl(raw, 'source.cloudUrl');
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    Object.assign(fields, err.fields);
    return;
  }
  const probe = await probeUrl(host, url);
  if (!probe.ok) {
    fields['source.cloudUrl'] = `Cannot fetch ${url.href}: ${probe.problem ?? ''}`;
    return;
  }
  const pool = await poolIfExists(rpc, poolName);
  const name = fetchedImageName(raw);
  if (pool && (await volumeIfExists(rpc, pool, name))) {
    fields['source.cloudUrl'] =
      `Pool "${poolName}" already has a volume named "${name}": choose it as the image on the host, or remove it`;
  }
}

/**
 * Fetches the URL on the host into the disk's pool (kept afterwards as a base image; removed if
 * the create fails). Its format is known only once fetched: the pool is refreshed, so libvirt
 * probes the file (qcow2 header, guest size) as it does for any file put in a pool's directory.
 */
async function fetchBase(job: SourceJob, url: string): Promise<string> {
  const { rpc, options } = job;
  if (options.disk.kind !== 'new') throw new Error('A cloud image VM needs a new disk');
  job.step(msg('newVm.fetchImage'));
  const fetched = await fetchOnHost(job.host, rpc, {
    url,
    pool: options.disk.pool,
    volumeName: fetchedImageName(url),
    format: 'raw',
    signal: job.signal,
    onProgress: (done, total) => job.stepProgress(done, total),
    urlField: 'source.cloudUrl',
  });
  job.undo.volume(fetched.volume);
  await refreshPool(rpc, await findPool(rpc, options.disk.pool));
  return fetched.path;
}

/** The VM's disk: an overlay on the base, or a full copy of it, at `capacity` bytes. */
async function makeDisk(job: SourceJob, base: BaseImage, capacity: number): Promise<string> {
  const { rpc, options } = job;
  if (options.disk.kind !== 'new') throw new Error('A cloud image VM needs a new disk');
  const pool = await findPool(rpc, options.disk.pool);
  const name = diskVolumeName(options.name);
  const mode = options.source.kind === 'cloud' ? options.source.diskMode : 'overlay';
  let vol: StorageVolumeRef;
  if (mode === 'overlay') {
    job.step(msg('newVm.createDisk'));
    const xml = storageVolumeXml({
      name,
      capacity,
      format: 'qcow2',
      backing: { path: base.path, format: base.format },
    });
    vol = await createVolume(rpc, pool, xml);
    job.undo.volume(vol);
  } else {
    job.step(msg('newVm.copyImage'));
    if (!base.volume) throw new Error('A full copy is made from a pool volume');
    const facts = readVolumeXml(await getVolumeXml(rpc, base.volume));
    const bytes = facts.allocation || base.virtualSize;
    // qemu-img convert on the host, as libvirt's daemon (a raw base becomes qcow2 too).
    vol = await convertVolume(rpc, {
      pool,
      source: base.volume,
      name,
      format: 'qcow2',
      capacity,
      bytes,
      signal: job.signal,
      onProgress: (done, total) => job.stepProgress(done, total),
    });
    job.undo.volume(vol);
    // The copy takes the base's size; grow it to the one chosen (never shrunk: checked first).
    const copied = readVolumeXml(await getVolumeXml(rpc, vol)).capacity;
    if (copied < capacity) await resizeVolume(rpc, vol, capacity);
  }
  return getVolumePath(rpc, vol);
}

/** Writes the seed ISO and uploads it as a volume of the disk's pool; returns its path. */
async function writeSeed(job: SourceJob & { options: CloudOptions }): Promise<string> {
  const { rpc, options } = job;
  if (options.disk.kind !== 'new') throw new Error('A cloud image VM needs a new disk');
  job.step(msg('newVm.writeSeed'));
  const texts = seedTexts(options.source.cloudInit, options.name);
  const iso = buildSeedIso([
    { name: 'meta-data', data: Buffer.from(texts.metaData, 'utf8') },
    { name: 'user-data', data: Buffer.from(texts.userData, 'utf8') },
  ]);
  const pool = await findPool(rpc, options.disk.pool);
  const vol = await createVolume(
    rpc,
    pool,
    storageVolumeXml({ name: seedVolumeName(options.name), capacity: iso.length, format: 'raw' }),
  );
  job.undo.volume(vol);
  await uploadVolume(rpc, vol, Readable.from([iso]), {
    length: iso.length,
    signal: job.signal,
    onProgress: (bytes) => job.stepProgress(bytes, iso.length),
  });
  return getVolumePath(rpc, vol);
}

export const cloudImageSource: InstallSourceKind<'cloud'> = {
  check: checkCloud,
  steps: (options) => [
    ...(options.source.image.from === 'url' ? [msg('newVm.fetchImage')] : []),
    options.source.diskMode === 'copy' ? msg('newVm.copyImage') : msg('newVm.createDisk'),
    msg('newVm.writeSeed'),
  ],
  async prepare(job, spec) {
    const { options } = job;
    if (options.disk.kind !== 'new') throw new Error('A cloud image VM needs a new disk');
    const image = options.source.image;
    const path = image.from === 'url' ? await fetchBase(job, image.url) : image.path;
    const base = await baseImage(job.host, job.rpc, path);
    const capacity = Math.max(base.virtualSize, Math.round(options.disk.sizeGiB * GiB));
    const diskPath = await makeDisk(job, base, capacity);
    spec.disks.unshift({ path: diskPath, format: 'qcow2' });
    const seedPath = await writeSeed(job);
    // A VM defined to be customized starts later, from its page: its seed stays attached there.
    if (options.customize) spec.cdrom = seedPath;
    else spec.seedCdrom = seedPath;
  },
  async afterStart(job, spec) {
    if (!spec.seedCdrom) return;
    // The running guest reads the seed through QEMU's open file; the final definition has none.
    const vol = await lookupVolumeByPath(job.rpc, spec.seedCdrom).catch(() => undefined);
    if (vol) await deleteVolume(job.rpc, vol).catch(() => {});
  },
};
