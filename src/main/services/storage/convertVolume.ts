/**
 * A disk image converted into a new volume of a pool in another format (VMDK, VDI, VHD ... into
 * qcow2), two ways:
 * - convertVolume, for a pool volume whose format libvirt names: STORAGE_VOL_CREATE_XML_FROM runs
 *   `qemu-img convert` on the host as the daemon, so it works whatever the SSH user may read, and
 *   no byte goes through the app. libvirt reports no progress for it: the new volume's allocation
 *   is read while it runs; and it cannot stop it: a Cancel waits for its end.
 * - convertFileOnHost, for a file the SSH user can read that libvirt cannot convert (outside any
 *   pool, or VHDX, which libvirt 9.0 reads as raw): `qemu-img convert -p` as the SSH user into a
 *   temporary directory of its own, then that file streamed into a new volume through libvirt.
 *   A Cancel stops qemu-img at once.
 * Neither touches the original; a failed or cancelled conversion leaves no volume and no file.
 */
import { Writable } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import {
  createVolume,
  deleteVolume,
  getVolumeXml,
  uploadVolume,
} from '../../libvirt/storageVolume';
import { readVolumeXml, storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { copyVolume } from '../vmClone/cloneCopy';
import { isVhdxVolume } from './diskImageProbe';

export interface VolumeConversion {
  source: StorageVolumeRef;
  pool: StoragePoolRef;
  name: string;
  format: 'qcow2' | 'raw';
  /** The guest-visible size of the new volume, bytes (at least the source's). */
  capacity: number;
  /** What the conversion is expected to write (its progress's 100 %): the source's used bytes. */
  bytes: number;
  signal: AbortSignal;
  onProgress(done: number, total: number): void;
}

export async function convertVolume(
  rpc: RpcClient,
  conversion: VolumeConversion,
): Promise<StorageVolumeRef> {
  const libvirtFormat = readVolumeXml(await getVolumeXml(rpc, conversion.source)).format;
  // libvirt would read a VHDX file as raw and write its container bytes as the disk's content.
  if (
    (libvirtFormat ?? 'raw') === 'raw' &&
    (await isVhdxVolume(rpc, conversion.source, conversion.signal))
  ) {
    throw new VirtdeckError('not-supported', msg('storage.vhdx', { name: conversion.source.name }));
  }
  return copyVolume(rpc, {
    pool: conversion.pool,
    source: conversion.source,
    name: conversion.name,
    capacity: conversion.capacity,
    format: conversion.format,
    bytes: conversion.bytes,
    sourceInUse: false,
    signal: conversion.signal,
    onProgress: (fraction) =>
      conversion.onProgress(Math.round(fraction * conversion.bytes), conversion.bytes),
  });
}

export interface FileConversion {
  /** The image on the host, readable by the SSH user. */
  path: string;
  /** Its format as `qemu-img info` said (read with -f: never probed again). */
  sourceFormat: string;
  pool: StoragePoolRef;
  name: string;
  /** The source's own bytes (the conversion's progress's 100 %). */
  bytes: number;
  signal: AbortSignal;
  /** Bytes converted, then bytes streamed into the pool (the same step, `phase` says which). */
  onProgress(done: number, total: number, phase: 'convert' | 'upload'): void;
}

/** Where the SSH user's temporary copy goes: /var/tmp, which is disk-backed where /tmp may not. */
const TEMP_PARENT = '/var/tmp';

export async function convertFileOnHost(
  host: Host,
  rpc: RpcClient,
  conversion: FileConversion,
): Promise<StorageVolumeRef> {
  const { signal } = conversion;
  const made = await host.exec(['mktemp', '-d', '-p', TEMP_PARENT, 'virtdeck-convert.XXXXXXXX'], {
    signal,
  });
  const dir = made.stdout.toString('utf8').trim();
  if (made.code !== 0 || !dir.startsWith(`${TEMP_PARENT}/`)) {
    const stderr = made.stderr.toString('utf8').trim();
    throw new VirtdeckError(
      'host-tool',
      msg('storage.tempDir', { dir: TEMP_PARENT, host: host.label, why: stderr }),
      { detail: stderr },
    );
  }
  try {
    const converted = `${dir}/disk.qcow2`;
    await runQemuImgConvert(host, conversion, converted);
    signal.throwIfAborted();
    return await uploadInto(host, rpc, conversion, converted);
  } finally {
    // Also after a Cancel, so not with the job's signal.
    await host.exec(['rm', '-rf', '--', dir]).catch(() => {});
  }
}

/**
 * qemu-img convert, its pid printed first by the shell that becomes it (`exec "$@"`: the argv
 * stays an argv, nothing is parsed by the shell), so a Cancel can kill it even where the SSH
 * server ignores signal requests.
 */
async function runQemuImgConvert(
  host: Host,
  conversion: FileConversion,
  target: string,
): Promise<void> {
  const { bytes, signal } = conversion;
  let pid: string | undefined;
  let pending = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      pending += chunk.toString('latin1');
      const parts = pending.split(/[\r\n]/);
      pending = parts.pop() ?? '';
      for (const line of parts) {
        if (pid === undefined && /^\d+$/.test(line.trim())) pid = line.trim();
        const percent = /\((\d+(?:\.\d+)?)\/100%\)/.exec(line)?.[1];
        if (percent !== undefined) {
          conversion.onProgress(Math.round((Number(percent) / 100) * bytes), bytes, 'convert');
        }
      }
      callback();
    },
  });
  const argv = ['qemu-img', 'convert', '-p', '-f', conversion.sourceFormat, '-O', 'qcow2'];
  try {
    const run = await host.exec(
      ['sh', '-c', 'echo "$$"; exec "$@"', 'sh', ...argv, '--', conversion.path, target],
      { signal, stdout },
    );
    if (run.code !== 0) {
      const message = run.stderr
        .toString('utf8')
        .trim()
        .replace(/^qemu-img: /gm, '');
      throw new VirtdeckError('host-tool', msg('storage.convertFailed', { why: message }), {
        detail: message,
      });
    }
  } catch (err) {
    if (signal.aborted && pid !== undefined) {
      await host.exec(['kill', '-TERM', pid]).catch(() => {});
    }
    throw err;
  }
}

/**
 * A new volume (created raw and empty: libvirt probes the uploaded qcow2 bytes once the upload
 * ends) holding the converted file's bytes. Deleted again when the upload fails or is cancelled.
 */
async function uploadInto(
  host: Host,
  rpc: RpcClient,
  conversion: FileConversion,
  file: string,
): Promise<StorageVolumeRef> {
  const files = await host.files();
  const size = (await files.stat(file)).size;
  const vol = await createVolume(
    rpc,
    conversion.pool,
    storageVolumeXml({ name: conversion.name, capacity: 0, format: 'raw' }),
  );
  try {
    const written = await uploadVolume(rpc, vol, files.createReadStream(file), {
      length: size,
      signal: conversion.signal,
      onProgress: (done) => conversion.onProgress(done, size, 'upload'),
    });
    if (written !== size) {
      throw new VirtdeckError('libvirt', msg('storage.writtenShort', { size, written }));
    }
    return vol;
  } catch (err) {
    await deleteVolume(rpc, vol).catch(() => {});
    throw err;
  }
}
