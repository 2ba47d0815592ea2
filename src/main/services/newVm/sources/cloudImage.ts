/**
 * A cloud image booted with cloud-init as a New VM source. The base image (a pool volume or a file
 * on the host) stays as it is: the VM's disk is a qcow2 overlay on it, or a full copy, grown to
 * the chosen size. A NoCloud seed ISO (cloudInit/seedIso.ts) is written here, uploaded as the
 * volume "<vm>-cidata.iso" into the disk's pool and attached as a CD-ROM of the install
 * definition only; the final definition has none, and the seed volume is deleted once the VM has
 * started (afterStart), as virt-install does: QEMU opened the file when it started, so the guest
 * still reads it at its first boot, and no later boot finds a seed with a password hash in it.
 */
import { Readable } from 'node:stream';
import type { NewVmOptions } from '../../../../shared/api/newVmTypes';
import { VirtdeckError } from '../../../../shared/errors';
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
import { readVolumeXml, storageVolumeXml } from '../../../xml/build/storageVolumeXml';
import { findPool, poolIfExists, volumeIfExists } from '../../storage/lookups';
import { describeBytes } from '../../storage/volumes';
import { copyVolume } from '../../vmClone/cloneCopy';
import { buildSeedIso } from '../cloudInit/seedIso';
import { cloudInitProblems, seedTexts } from '../cloudInit/userData';
import { diskVolumeName } from '../newVmChecks';
import type { InstallSourceKind, SourceJob } from './sourceTypes';

const GiB = 1024 ** 3;

type CloudOptions = NewVmOptions & {
  source: Extract<NewVmOptions['source'], { kind: 'cloud' }>;
};

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
 * The base image's format and guest size: from libvirt for a pool volume (it reads what the SSH
 * user may not), else from `qemu-img info` on the host as the SSH user. Throws a message for the
 * Source page when it is not there or not a qcow2 / raw image.
 */
export async function baseImage(host: Host, rpc: RpcClient, path: string): Promise<BaseImage> {
  const volume = await lookupVolumeByPath(rpc, path).catch(() => undefined);
  let format: string | undefined;
  let virtualSize: number;
  if (volume) {
    const facts = readVolumeXml(await getVolumeXml(rpc, volume));
    format = facts.format;
    virtualSize = facts.capacity;
  } else {
    const info = await host
      .exec(['qemu-img', 'info', '--output=json', '--', path])
      .catch((err: unknown) => {
        throw new Error(`Cannot run qemu-img on the host: ${String(err)}`);
      });
    if (info.code !== 0) {
      const why = info.stderr
        .toString('utf8')
        .trim()
        .replace(/^qemu-img: /, '');
      throw new Error(`qemu-img cannot read ${path}: ${why || `exit code ${String(info.code)}`}`);
    }
    const parsed = JSON.parse(info.stdout.toString('utf8')) as Record<string, unknown>;
    format = typeof parsed.format === 'string' ? parsed.format : undefined;
    virtualSize = typeof parsed['virtual-size'] === 'number' ? parsed['virtual-size'] : 0;
  }
  // libvirt calls a raw file with an ISO 9660 signature "iso"; a hybrid image boots as a disk.
  if (format === 'iso') format = 'raw';
  if (format !== 'qcow2' && format !== 'raw') {
    throw new Error(
      `${path} is a ${format ?? 'unknown'} image: a cloud image is qcow2 or raw (import other formats with "Import existing disk")`,
    );
  }
  return { path, format, virtualSize, volume };
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
    fields['source.cloudUrl'] = 'Fetching a cloud image from a URL is not available yet';
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

/** The VM's disk: an overlay on the base, or a full copy of it, at `capacity` bytes. */
async function makeDisk(job: SourceJob, base: BaseImage, capacity: number): Promise<string> {
  const { rpc, options } = job;
  if (options.disk.kind !== 'new') throw new Error('A cloud image VM needs a new disk');
  const pool = await findPool(rpc, options.disk.pool);
  const name = diskVolumeName(options.name);
  const mode = options.source.kind === 'cloud' ? options.source.diskMode : 'overlay';
  let vol: StorageVolumeRef;
  if (mode === 'overlay') {
    job.step('Create disk');
    const xml = storageVolumeXml({
      name,
      capacity,
      format: 'qcow2',
      backing: { path: base.path, format: base.format },
    });
    vol = await createVolume(rpc, pool, xml);
    job.undo.volume(vol);
  } else {
    job.step('Copy image');
    if (!base.volume) throw new Error('A full copy is made from a pool volume');
    const facts = readVolumeXml(await getVolumeXml(rpc, base.volume));
    const bytes = facts.allocation || base.virtualSize;
    vol = await copyVolume(rpc, {
      pool,
      source: base.volume,
      name,
      capacity,
      format: 'qcow2',
      bytes,
      sourceInUse: false,
      signal: job.signal,
      onProgress: (fraction) => job.stepProgress(Math.round(fraction * bytes), bytes),
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
  job.step('Write cloud-init seed');
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
    options.source.diskMode === 'copy' ? 'Copy image' : 'Create disk',
    'Write cloud-init seed',
  ],
  async prepare(job, spec) {
    const { options } = job;
    if (options.disk.kind !== 'new') throw new Error('A cloud image VM needs a new disk');
    const image = options.source.image;
    if (image.from !== 'path') {
      throw new VirtdeckError(
        'not-supported',
        'Fetching a cloud image from a URL is not available yet',
      );
    }
    const base = await baseImage(job.host, job.rpc, image.path);
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
