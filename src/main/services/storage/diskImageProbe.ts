/**
 * What a disk image on the host is: its format and sizes.
 * - `qemu-img info --output=json` as the SSH user, when that user may read the file: it knows
 *   every format QEMU reads, VHDX included.
 * - Otherwise, for a pool volume (the SSH user cannot read root-only /var/lib/libvirt/images):
 *   libvirt's own probe, the volume XML's <format> once its pool is refreshed. libvirt 9.0 has no
 *   name for VHDX and reports such a volume as raw, so a "raw" volume's first bytes are read
 *   through libvirt's download stream and checked for VHDX's signature.
 * An image qemu-img cannot open (and that no pool holds) is an UnreadableImageError carrying
 * qemu-img's own message.
 */
import { Writable } from 'node:stream';
import type { Host } from '../../hosts/host';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StorageVolumeRef } from '../../libvirt/refs';
import { listAllStoragePools, getPoolXml, refreshPool } from '../../libvirt/storagePool';
import { downloadVolume, getVolumeXml, lookupVolumeByPath } from '../../libvirt/storageVolume';
import { readPoolXml, readVolumeXml } from '../../xml/build/storageVolumeXml';

export interface ProbedImage {
  /** QEMU's format name: qcow2, raw, vmdk, vdi, vpc (VHD), vhdx, qcow ... */
  format: string;
  virtualSizeBytes: number;
  /** The file's own bytes on disk (what a conversion reads). */
  fileBytes: number;
  detectedBy: 'qemu-img' | 'libvirt';
  /** The pool volume at that path, when a pool holds it. */
  volume?: StorageVolumeRef;
  /** libvirt's format name for that volume (it may differ from `format`: VHDX reads as raw). */
  libvirtFormat?: string;
}

export class UnreadableImageError extends Error {
  override name = 'UnreadableImageError';
}

/** VHDX files begin with this (the file type identifier, MS-VHDX 2.2.1). */
const VHDX_SIGNATURE = 'vhdxfile';

interface QemuImgInfo {
  format?: unknown;
  'virtual-size'?: unknown;
  'actual-size'?: unknown;
}

export async function probeDiskImage(
  host: Host,
  rpc: RpcClient,
  path: string,
  signal?: AbortSignal,
): Promise<ProbedImage> {
  // -U: an image a running guest holds can still be looked at. "--": a path is never an option.
  const run = await host.exec(['qemu-img', 'info', '--output=json', '-U', '--', path], { signal });
  const known = await poolVolume(rpc, path);
  if (run.code === 0) {
    const info = JSON.parse(run.stdout.toString('utf8')) as QemuImgInfo;
    const format = typeof info.format === 'string' ? info.format : 'raw';
    return {
      format,
      virtualSizeBytes: Number(info['virtual-size'] ?? 0),
      fileBytes: Number(info['actual-size'] ?? info['virtual-size'] ?? 0),
      detectedBy: 'qemu-img',
      ...known,
    };
  }
  const message = qemuImgMessage(run.stderr.toString('utf8'), run.code);
  // Only a file the SSH user may not read (or a host without qemu-img for that user) is asked of
  // libvirt: any other failure is the image's, in qemu-img's words.
  if (run.code !== 127 && !/Permission denied/i.test(message)) {
    throw new UnreadableImageError(message);
  }
  const volume = known.volume ?? (await refreshedVolume(rpc, path));
  if (!volume) throw new UnreadableImageError(message);
  const facts = readVolumeXml(await getVolumeXml(rpc, volume));
  const libvirtFormat = facts.format ?? 'raw';
  const format =
    libvirtFormat === 'raw' && (await startsWith(rpc, volume, VHDX_SIGNATURE, signal))
      ? 'vhdx'
      : libvirtFormat;
  return {
    format,
    virtualSizeBytes: facts.capacity,
    fileBytes: facts.physical ?? facts.allocation,
    detectedBy: 'libvirt',
    volume,
    libvirtFormat,
  };
}

/** qemu-img's error without its program prefix ("qemu-img: Could not open ..."). */
function qemuImgMessage(stderr: string, code: number | null): string {
  const text = stderr.trim().replace(/^qemu-img: /gm, '');
  if (code === 127) return 'qemu-img is not installed on the host (Debian: qemu-utils)';
  return text || `qemu-img info failed (exit ${String(code)})`;
}

async function poolVolume(
  rpc: RpcClient,
  path: string,
): Promise<Pick<ProbedImage, 'volume' | 'libvirtFormat'>> {
  const volume = await lookupVolumeByPath(rpc, path).catch(() => undefined);
  if (!volume) return {};
  const libvirtFormat = readVolumeXml(await getVolumeXml(rpc, volume)).format ?? 'raw';
  return { volume, libvirtFormat };
}

/**
 * The volume at `path` after refreshing the pool whose directory holds it: a file copied into a
 * pool's directory is a volume only once the pool is refreshed.
 */
async function refreshedVolume(
  rpc: RpcClient,
  path: string,
): Promise<StorageVolumeRef | undefined> {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  for (const pool of await listAllStoragePools(rpc)) {
    const xml = await getPoolXml(rpc, pool).catch(() => '');
    if (xml === '' || readPoolXml(xml).path?.replace(/\/+$/, '') !== dir) continue;
    await refreshPool(rpc, pool).catch(() => {});
    return lookupVolumeByPath(rpc, path).catch(() => undefined);
  }
  return undefined;
}

/** Whether the volume's file begins with `text`, read through libvirt's download stream. */
async function startsWith(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  text: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await downloadVolume(rpc, vol, sink, { length: text.length, signal });
  return Buffer.concat(chunks).subarray(0, text.length).toString('latin1') === text;
}

/** Whether the volume's file is VHDX, whatever libvirt calls it. */
export function isVhdxVolume(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  signal?: AbortSignal,
): Promise<boolean> {
  return startsWith(rpc, vol, VHDX_SIGNATURE, signal);
}
