/**
 * Storage volumes (virsh vol-*): list, XML, create (also as a copy), delete, resize, and upload /
 * download of their bytes through libvirt's own stream, so no extra channel or tool is needed on
 * the host, with progress and cancellation.
 */
import { Transform, type Duplex, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RpcClient } from './rpc/client';
import type { StoragePoolRef, StorageVolumeRef } from './refs';

export const VOLUME_TYPES = ['file', 'block', 'dir', 'network', 'netdir', 'ploop'] as const;

export interface VolumeInfo {
  type: string;
  capacity: number;
  allocation: number;
}

/** virStorageVolResizeFlags */
export const ResizeFlags = { Allocate: 1, Delta: 2, Shrink: 4 } as const;

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
export function uploadVolume(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  source: Readable,
  options: TransferOptions = {},
): Promise<number> {
  return transfer(rpc, 'STORAGE_VOL_UPLOAD', vol, options, (stream, counter) =>
    pipeline(source, counter, stream, { signal: options.signal }),
  );
}

/** Copies the volume's bytes into `destination`. Cancelling aborts the libvirt stream. */
export function downloadVolume(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  destination: Writable,
  options: TransferOptions = {},
): Promise<number> {
  return transfer(rpc, 'STORAGE_VOL_DOWNLOAD', vol, options, (stream, counter) =>
    pipeline(stream, counter, destination, { signal: options.signal }),
  );
}

async function transfer(
  rpc: RpcClient,
  procedure: 'STORAGE_VOL_UPLOAD' | 'STORAGE_VOL_DOWNLOAD',
  vol: StorageVolumeRef,
  options: TransferOptions,
  run: (stream: Duplex, counter: Transform) => Promise<void>,
): Promise<number> {
  const stream = await rpc.openStream(procedure, {
    vol,
    offset: BigInt(options.offset ?? 0),
    length: BigInt(options.length ?? 0),
    flags: 0,
  });
  const counter = progressCounter(options.onProgress);
  try {
    await run(stream, counter.transform);
  } finally {
    stream.destroy();
  }
  return counter.bytes();
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
