/**
 * Storage volumes (virsh vol-*): list, XML, create (also as a copy), delete, resize, and upload /
 * download of their bytes through libvirt's own stream, so no extra channel or tool is needed on
 * the host, with progress and cancellation.
 */
import { Readable, Transform, addAbortSignal, type Duplex, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RpcClient } from './rpc/client';
import type { StoragePoolRef, StorageVolumeRef } from './refs';

export const VOLUME_TYPES = ['file', 'block', 'dir', 'network', 'netdir', 'ploop'] as const;

export interface VolumeInfo {
  type: string;
  capacity: number;
  allocation: number;
}

export async function listVolumes(
  rpc: RpcClient,
  pool: StoragePoolRef,
): Promise<StorageVolumeRef[]> {
  return (await rpc.call('STORAGE_POOL_LIST_ALL_VOLUMES', { pool, need_results: 1, flags: 0 }))
    .vols;
}

export async function lookupVolumeByName(
  rpc: RpcClient,
  pool: StoragePoolRef,
  name: string,
): Promise<StorageVolumeRef> {
  return (await rpc.call('STORAGE_VOL_LOOKUP_BY_NAME', { pool, name })).vol;
}

export async function lookupVolumeByPath(rpc: RpcClient, path: string): Promise<StorageVolumeRef> {
  return (await rpc.call('STORAGE_VOL_LOOKUP_BY_PATH', { path })).vol;
}

export async function getVolumeXml(rpc: RpcClient, vol: StorageVolumeRef): Promise<string> {
  return (await rpc.call('STORAGE_VOL_GET_XML_DESC', { vol, flags: 0 })).xml;
}

export async function getVolumePath(rpc: RpcClient, vol: StorageVolumeRef): Promise<string> {
  return (await rpc.call('STORAGE_VOL_GET_PATH', { vol })).name;
}

export async function getVolumeInfo(rpc: RpcClient, vol: StorageVolumeRef): Promise<VolumeInfo> {
  const info = await rpc.call('STORAGE_VOL_GET_INFO', { vol });
  return {
    type: VOLUME_TYPES[info.type] ?? 'unknown',
    capacity: Number(info.capacity),
    allocation: Number(info.allocation),
  };
}

export async function createVolume(
  rpc: RpcClient,
  pool: StoragePoolRef,
  xml: string,
  flags = 0,
): Promise<StorageVolumeRef> {
  return (await rpc.call('STORAGE_VOL_CREATE_XML', { pool, xml, flags })).vol;
}

/** Creates a volume whose content is copied from `source` (virsh vol-create-from / vol-clone). */
export async function createVolumeFrom(
  rpc: RpcClient,
  pool: StoragePoolRef,
  xml: string,
  source: StorageVolumeRef,
  flags = 0,
): Promise<StorageVolumeRef> {
  return (await rpc.call('STORAGE_VOL_CREATE_XML_FROM', { pool, xml, clonevol: source, flags }))
    .vol;
}

export async function deleteVolume(rpc: RpcClient, vol: StorageVolumeRef): Promise<void> {
  await rpc.call('STORAGE_VOL_DELETE', { vol, flags: 0 });
}

export async function resizeVolume(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  capacityBytes: number,
  flags = 0,
): Promise<void> {
  await rpc.call('STORAGE_VOL_RESIZE', { vol, capacity: BigInt(capacityBytes), flags });
}

export interface TransferOptions {
  /** Byte offset in the volume. */
  offset?: number;
  /** Bytes to transfer; 0 means to the end (download) or all the source has (upload). */
  length?: number;
  /** Called with the bytes moved so far. */
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

/** Writes everything `source` yields into the volume. Cancelling aborts the libvirt stream. */
export async function uploadVolume(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  source: Readable,
  options: TransferOptions = {},
): Promise<number> {
  const stream = await rpc.openStream('STORAGE_VOL_UPLOAD', {
    vol,
    offset: BigInt(options.offset ?? 0),
    length: BigInt(options.length ?? 0),
    flags: 0,
  });
  const counter = progressCounter(options.onProgress);
  try {
    await pipeline(source, counter.transform, stream, { signal: options.signal });
  } finally {
    stream.destroy();
  }
  return counter.bytes();
}

/**
 * Bytes asked of libvirt per download stream. libvirtd sends a download as fast as it can, with no
 * acknowledgement, and the client buffers at most STREAM_BUFFER_LIMIT_BYTES per stream for its
 * reader (failing the stream past that): a window well under that limit always fits, whatever
 * the reader's speed, and the next window is asked for only once the reader has taken this one.
 */
export const DOWNLOAD_WINDOW_BYTES = 4 * 1024 * 1024;

/**
 * Copies the volume's bytes (the file's own bytes, as libvirt sends them: a qcow2 file stays
 * qcow2) into `destination`, at the destination's pace: window by window (DOWNLOAD_WINDOW_BYTES),
 * so a slow reader gets every byte, and a stopped one holds no libvirt stream open while it waits
 * to be cancelled. Cancelling aborts the libvirt stream in flight.
 */
export async function downloadVolume(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  destination: Writable,
  options: TransferOptions = {},
): Promise<number> {
  const counter = progressCounter(options.onProgress);
  const windows = downloadWindows(
    rpc,
    vol,
    options.offset ?? 0,
    options.length ?? 0,
    options.signal,
  );
  // Not object mode: the readable then pulls the next chunk (and so the next window) only while
  // it holds less than its byte high-water mark, which follows the destination's backpressure.
  const source = Readable.from(windows, { objectMode: false });
  await pipeline(source, counter.transform, destination, { signal: options.signal });
  return counter.bytes();
}

/**
 * The volume's bytes from `offset`, `length` of them (0: to the end), one download stream per
 * window. The end of the file shows as a window shorter than asked (libvirt stops at EOF), so
 * neither the file's size nor its format needs to be known here. Once the reader takes a window's
 * first bytes, the next window is asked for, so its round trip overlaps this window's bytes
 * instead of idling the link: at most two windows are ever buffered, each in its own stream.
 */
async function* downloadWindows(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  offset: number,
  length: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Buffer> {
  const end = length === 0 ? Infinity : offset + length;
  const ask = (at: number): DownloadWindow | undefined => {
    const bytes = Math.min(DOWNLOAD_WINDOW_BYTES, end - at);
    return bytes > 0 ? openWindow(rpc, vol, at, bytes, signal) : undefined;
  };
  let current = ask(offset);
  let next: DownloadWindow | undefined;
  try {
    while (current) {
      let received = 0;
      for await (const chunk of (await current.stream) as AsyncIterable<Buffer>) {
        next ??= ask(current.offset + current.bytes);
        received += chunk.length;
        yield chunk;
      }
      // A short window is the end of the file; a window asked for past it is not needed.
      if (received < current.bytes) return;
      await current.close();
      current = next ?? ask(current.offset + current.bytes);
      next = undefined;
    }
  } finally {
    // Awaited: the download is over only once no window is left open with libvirt (a window asked
    // ahead may still be opening when the file turns out to have ended).
    await Promise.all([current?.close(), next?.close()]);
  }
}

interface DownloadWindow {
  offset: number;
  bytes: number;
  stream: Promise<Duplex>;
  /** Ends the stream (aborting it with libvirt if it is still open), now or once it opens. */
  close(): Promise<void>;
}

function openWindow(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  offset: number,
  bytes: number,
  signal: AbortSignal | undefined,
): DownloadWindow {
  const stream = rpc
    .openStream('STORAGE_VOL_DOWNLOAD', {
      vol,
      offset: BigInt(offset),
      length: BigInt(bytes),
      flags: 0,
    })
    .then((opened) => {
      // Cancelling must end a window whose bytes are still on their way, not wait for them.
      if (signal) addAbortSignal(signal, opened);
      // A window asked for ahead is not read yet: its failure (the connection lost, say) must
      // not be an unhandled 'error' event. Reading it later still throws the stream's error.
      opened.on('error', () => {});
      return opened;
    });
  // A window asked for ahead may fail (or be closed) without ever being read: not unhandled.
  stream.catch(() => {});
  return {
    offset,
    bytes,
    stream,
    close: () =>
      stream.then(
        (opened) => {
          opened.destroy();
        },
        () => {},
      ),
  };
}

function progressCounter(onProgress?: (bytes: number) => void) {
  let bytes = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      onProgress?.(bytes);
      callback(null, chunk);
    },
  });
  return { transform, bytes: () => bytes };
}
