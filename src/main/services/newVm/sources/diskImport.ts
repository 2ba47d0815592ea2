/**
 * "Import existing disk" as a New VM source. qcow2 and raw images boot as they are. A foreign
 * image (VMDK, VDI, VHD, VHDX, QCOW v1) is converted to a new qcow2 volume in `source.pool`; the
 * original is left as it was.
 * - Detection: `qemu-img info` as the SSH user, or libvirt's probe for a pool volume that user
 *   cannot read (services/storage/diskImageProbe.ts).
 * - Conversion: libvirt's own (STORAGE_VOL_CREATE_XML_FROM, run as the daemon) for a pool volume
 *   whose format libvirt names; qemu-img as the SSH user into a temporary file streamed into the
 *   pool for a file outside any pool (libvirt can only convert volumes) and for VHDX (libvirt 9.0
 *   reads it as raw). A VHDX volume the SSH user cannot read is refused: nothing could convert it.
 */
import { msg, type Message } from '../../../../shared/messages/message';
import type { DiskImageInfo, NewVmOptions } from '../../../../shared/api/newVmTypes';
import { InvalidInputError, VirtdeckError } from '../../../../shared/errors';
import type { Host } from '../../../hosts/host';
import type { RpcClient } from '../../../libvirt/rpc/client';
import { getPoolInfo, isPoolActive } from '../../../libvirt/storagePool';
import { getVolumePath, getVolumeXml, lookupVolumeByPath } from '../../../libvirt/storageVolume';
import { readVolumeXml } from '../../../xml/build/storageVolumeXml';
import {
  probeDiskImage,
  UnreadableImageError,
  type ProbedImage,
} from '../../storage/diskImageProbe';
import { convertFileOnHost, convertVolume } from '../../storage/convertVolume';
import { findPool, poolIfExists, volumeIfExists } from '../../storage/lookups';
import { describeBytes } from '../../storage/volumes';
import type { InstallSourceKind } from './sourceTypes';

/** Formats that boot as they are. */
const BOOTABLE = ['qcow2', 'raw'] as const;
/** Foreign formats converted to qcow2, with the names users know them by. */
const CONVERTIBLE: Record<string, string> = {
  vmdk: 'VMDK',
  vdi: 'VDI',
  vpc: 'VHD',
  vhdx: 'VHDX',
  qcow: 'QCOW (v1)',
};

type ImportOptions = NewVmOptions & { source: Extract<NewVmOptions['source'], { kind: 'import' }> };

/** A disk image's format as libvirt knows it (a volume), else as its name says. */
export async function existingDiskFormat(rpc: RpcClient, path: string): Promise<'qcow2' | 'raw'> {
  const vol = await lookupVolumeByPath(rpc, path).catch(() => undefined);
  if (!vol) return path.endsWith('.qcow2') ? 'qcow2' : 'raw';
  const format = readVolumeXml(await getVolumeXml(rpc, vol)).format;
  return format === 'qcow2' ? 'qcow2' : 'raw';
}

function needsConversion(format: string): boolean {
  return !(BOOTABLE as readonly string[]).includes(format);
}

/**
 * The converted volume's name: the VM's, made a safe file name (newVmChecks' diskVolumeName,
 * which this module cannot import: newVmChecks imports the source modules).
 */
export function convertedVolumeName(vmName: string): string {
  return `${vmName.replace(/\//g, '_')}.qcow2`;
}

export function convertStepName(path: string): Message {
  return msg('newVm.convert', { file: path.slice(path.lastIndexOf('/') + 1) });
}

/**
 * The probe made by check(), for steps() and prepare() of the same create request (the same
 * source object): steps() must say synchronously whether a conversion runs, and probing twice
 * would ask the host twice.
 */
const probed = new WeakMap<object, ProbedImage>();

/** Why an image cannot be imported as it is found, or undefined. */
function refusal(image: ProbedImage, path: string): Message | undefined {
  if (!needsConversion(image.format)) return undefined;
  if (!(image.format in CONVERTIBLE)) {
    const takes = ['qcow2', 'raw', ...Object.values(CONVERTIBLE)].join(', ');
    return msg('newVm.importFormat', { path, format: image.format, takes });
  }
  if (image.detectedBy === 'libvirt' && image.libvirtFormat !== image.format) {
    const kind = CONVERTIBLE[image.format] ?? image.format;
    return msg('newVm.importUnreadable', { path, kind, format: image.format });
  }
  return undefined;
}

async function checkPool(
  rpc: RpcClient,
  options: ImportOptions,
  image: ProbedImage,
  fields: Record<string, string | Message>,
): Promise<void> {
  const poolName = options.source.pool ?? 'default';
  const pool = await poolIfExists(rpc, poolName);
  if (!pool) {
    fields['source.pool'] = msg('common.noPool', { pool: poolName });
    return;
  }
  if (!(await isPoolActive(rpc, pool))) {
    fields['source.pool'] = msg('common.poolInactive', { pool: poolName });
    return;
  }
  // A qcow2 copy takes about what the source's file holds (its data, not its virtual size).
  const available = (await getPoolInfo(rpc, pool)).available;
  if (image.fileBytes > available) {
    fields['source.pool'] = msg('newVm.importNoRoom', {
      needed: describeBytes(image.fileBytes),
      free: describeBytes(available),
      pool: poolName,
    });
  }
  const volName = convertedVolumeName(options.name);
  if (await volumeIfExists(rpc, pool, volName)) {
    fields['name.name'] ??= msg('common.volumeTaken', { pool: poolName, volume: volName });
  }
}

export const diskImportSource: InstallSourceKind<'import'> = {
  async check(rpc, _files, options, fields, host) {
    // newVmChecks already said why a path that is not there cannot be imported.
    if (fields['source.path'] !== undefined) return;
    const path = options.source.path;
    let image: ProbedImage;
    try {
      image = await probeDiskImage(host, rpc, path);
    } catch (err) {
      if (!(err instanceof UnreadableImageError)) throw err;
      fields['source.path'] = `qemu-img cannot read ${path}: ${err.message}`;
      return;
    }
    probed.set(options.source, image);
    const problem = refusal(image, path);
    if (problem) fields['source.path'] = problem;
    else if (needsConversion(image.format)) await checkPool(rpc, options, image, fields);
  },

  steps(options) {
    const image = probed.get(options.source);
    return image && needsConversion(image.format) ? [convertStepName(options.source.path)] : [];
  },

  async prepare(job, spec) {
    const { path } = job.options.source;
    const image =
      probed.get(job.options.source) ?? (await probeDiskImage(job.host, job.rpc, path, job.signal));
    if (!needsConversion(image.format)) {
      spec.disks.push({ path, format: image.format === 'qcow2' ? 'qcow2' : 'raw' });
      return;
    }
    const problem = refusal(image, path);
    if (problem) throw new VirtdeckError('invalid-input', problem);
    job.step(convertStepName(path));
    const pool = await findPool(job.rpc, job.options.source.pool ?? 'default');
    const name = convertedVolumeName(job.options.name);
    const vol =
      image.volume && image.libvirtFormat === image.format
        ? await convertVolume(job.rpc, {
            source: image.volume,
            pool,
            name,
            format: 'qcow2',
            capacity: image.virtualSizeBytes,
            bytes: image.fileBytes,
            signal: job.signal,
            onProgress: (done, total) => job.stepProgress(done, total),
          })
        : await convertFileOnHost(job.host, job.rpc, {
            path,
            sourceFormat: image.format,
            pool,
            name,
            bytes: image.fileBytes,
            signal: job.signal,
            onProgress: (done, total) => job.stepProgress(done, total),
          });
    job.undo.volume(vol);
    // libvirt's conversion cannot be stopped: a Cancel during it takes effect here.
    job.signal.throwIfAborted();
    spec.disks.push({ path: await getVolumePath(job.rpc, vol), format: 'qcow2' });
  },
};

/** A disk image's format and size on the host, for the wizard to show once a file is chosen. */
export async function diskImageInfo(
  host: Host,
  rpc: RpcClient,
  path: string,
): Promise<DiskImageInfo> {
  if (!path.startsWith('/')) {
    throw InvalidInputError.ofFields({ path: msg('newVm.chooseImage') });
  }
  try {
    const image = await probeDiskImage(host, rpc, path);
    return {
      format: image.format,
      virtualSizeBytes: image.virtualSizeBytes,
      needsConversion: needsConversion(image.format),
      detectedBy: image.detectedBy,
    };
  } catch (err) {
    if (err instanceof UnreadableImageError) {
      throw InvalidInputError.ofFields({
        path: msg('newVm.imageUnreadable', { path, why: err.message }),
      });
    }
    throw err;
  }
}
