/**
 * One volume streamed from one host to another through Virtdeck: the source's download piped
 * into the target's upload (libvirt's volume streams, with the destination's backpressure
 * reaching the download), a SHA-256 computed on the way, then checked against what the target
 * really holds. The bytes are the file's own (a qcow2 file stays qcow2, bit for bit).
 */
import { createHash } from 'node:crypto';
import { Transform, Writable } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import {
  createVolume,
  downloadVolume,
  getVolumeXml,
  uploadVolume,
} from '../../libvirt/storageVolume';
import { readVolumeXml, storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { describeBytes } from '../storage/volumes';

/** A connected end of the move. */
export interface MoveEnd {
  rpc: RpcClient;
  host: Host;
  /** What the user calls the host, for messages. */
  label: string;
}

/** What a stream copy needs of each end. */
export type StreamEnd = Pick<MoveEnd, 'rpc' | 'label'>;

/** What is copied: the source volume and the facts of its file. */
export interface VolumeToCopy {
  vol: StorageVolumeRef;
  /** libvirt's format name (qcow2, raw, iso). */
  format: string;
  capacity: number;
  /** The file's length: what the download yields and the upload writes. */
  bytes: number;
}

export interface CopiedVolume {
  bytes: number;
  sha256: string;
}

/**
 * Creates the target volume: same name, capacity and format. A fresh qcow2 already holds a
 * header; one longer than the source's whole file would leave bytes of its own after the copy,
 * so that (rare: a source made with other qcow2 options) is refused.
 */
export async function createTargetVolume(
  target: MoveEnd,
  pool: StoragePoolRef,
  name: string,
  source: VolumeToCopy,
): Promise<StorageVolumeRef> {
  return createVolume(
    target.rpc,
    pool,
    storageVolumeXml({ name, capacity: source.capacity, format: source.format }),
  );
}

/** Throws when the new volume's file is already longer than the bytes about to be written. */
export async function checkFreshLength(
  target: MoveEnd,
  vol: StorageVolumeRef,
  source: VolumeToCopy,
): Promise<void> {
  const fresh = readVolumeXml(await getVolumeXml(target.rpc, vol));
  if ((fresh.physical ?? 0) > source.bytes) {
    throw new VirtdeckError(
      'not-supported',
      msg('migration.freshTooLong', {
        format: source.format,
        target: target.label,
        size: describeBytes(fresh.physical ?? 0),
        bytes: describeBytes(source.bytes),
        volume: source.vol.name,
      }),
    );
  }
}

/**
 * Streams the source volume's bytes into the target volume (the two ends may be one host: a
 * clone of a paused VM's disk). `onBytes` gets the bytes moved so far. When either side fails the
 * other is stopped, and both settle before this returns or throws: the caller may then delete the
 * target volume, which libvirt refuses (or the upload writes on) while a stream of it is open.
 */
export async function streamVolume(
  source: StreamEnd,
  from: VolumeToCopy,
  target: StreamEnd,
  to: StorageVolumeRef,
  options: { signal: AbortSignal; onBytes(bytes: number): void },
): Promise<CopiedVolume> {
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const stopOnFailure = <T>(promise: Promise<T>) =>
    promise.catch((err: unknown) => {
      stop.abort(err);
      throw err;
    });
  const [download, upload] = await Promise.allSettled([
    stopOnFailure(
      downloadVolume(source.rpc, from.vol, hashing, {
        length: from.bytes,
        signal,
        onProgress: options.onBytes,
      }),
    ),
    stopOnFailure(uploadVolume(target.rpc, to, hashing, { length: from.bytes, signal })),
  ]);
  // The first failure (the other side then failed because it was stopped).
  if (download.status === 'rejected' || upload.status === 'rejected') throw stop.signal.reason;
  const sent = download.value;
  const written = upload.value;
  if (sent !== from.bytes || written !== from.bytes) {
    throw new VirtdeckError(
      'libvirt',
      msg('migration.streamShort', {
        volume: from.vol.name,
        expected: from.bytes,
        sent,
        source: source.label,
        written,
        target: target.label,
      }),
    );
  }
  return { bytes: written, sha256: hash.digest('hex') };
}

/**
 * Checks what the target holds: the volume's capacity and file length, and the SHA-256 of its
 * file, computed on the target (`sha256sum`, when the SSH user may read the file) or else from a
 * second download hashed here.
 */
export async function verifyCopy(
  target: MoveEnd,
  vol: StorageVolumeRef,
  expected: VolumeToCopy & CopiedVolume,
  signal: AbortSignal,
): Promise<void> {
  const facts = readVolumeXml(await getVolumeXml(target.rpc, vol));
  const where = { volume: vol.name, target: target.label };
  if (facts.capacity !== expected.capacity) {
    throw new VirtdeckError(
      'libvirt',
      msg('migration.verifyCapacity', {
        ...where,
        capacity: facts.capacity,
        expected: expected.capacity,
      }),
    );
  }
  if (facts.physical !== undefined && facts.physical !== expected.bytes) {
    throw new VirtdeckError(
      'libvirt',
      msg('migration.verifyLength', { ...where, length: facts.physical, expected: expected.bytes }),
    );
  }
  const sum = await volumeSha256(target, vol, signal);
  if (sum !== expected.sha256) {
    throw new VirtdeckError(
      'libvirt',
      msg('migration.verifySum', { ...where, sum: sum ?? '', expected: expected.sha256 }),
    );
  }
}

/**
 * Whether the target's volume of the same name holds the source volume's bytes (read-only media
 * already there): same length and SHA-256, each computed on its host or from a download.
 */
export async function sameBytes(
  source: MoveEnd,
  from: VolumeToCopy,
  target: MoveEnd,
  existing: StorageVolumeRef,
  signal: AbortSignal,
): Promise<boolean> {
  const there = readVolumeXml(await getVolumeXml(target.rpc, existing));
  if ((there.physical ?? there.capacity) !== from.bytes) return false;
  const [mine, theirs] = await Promise.all([
    volumeSha256(source, from.vol, signal),
    volumeSha256(target, existing, signal),
  ]);
  return mine === theirs;
}

async function volumeSha256(
  end: MoveEnd,
  vol: StorageVolumeRef,
  signal: AbortSignal,
): Promise<string> {
  const path = readVolumeXml(await getVolumeXml(end.rpc, vol)).path ?? vol.key;
  return (await sha256OnHost(end.host, path, signal)) ?? (await sha256ByDownload(end, vol, signal));
}

/** `sha256sum` run on the host; undefined when it cannot read the file (or has no sha256sum). */
async function sha256OnHost(
  host: Host,
  path: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const run = await host.exec(['sha256sum', '--', path], { signal }).catch(() => undefined);
  if (signal.aborted) throw new VirtdeckError('cancelled', msg('common.cancelled'));
  if (!run || run.code !== 0) return undefined;
  return /^\\?([0-9a-f]{64})\s/.exec(run.stdout.toString('utf8'))?.[1];
}

async function sha256ByDownload(
  end: MoveEnd,
  vol: StorageVolumeRef,
  signal: AbortSignal,
): Promise<string> {
  const hash = createHash('sha256');
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback();
    },
  });
  await downloadVolume(end.rpc, vol, sink, { signal });
  return hash.digest('hex');
}
