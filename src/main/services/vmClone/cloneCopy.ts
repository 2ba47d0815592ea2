/**
 * A disk's full copy into a new volume of the same pool, with its progress as a fraction.
 * - Source shut off: STORAGE_VOL_CREATE_XML_FROM (libvirt copies on the host, with qemu-img for
 *   most formats). libvirt reports no progress for it: the new volume's allocation is read while
 *   it runs, as virt-manager does. libvirt cannot stop it either: a Cancel waits for its end.
 * - Source paused (consented): qemu-img cannot open an image QEMU holds ("Failed to get shared
 *   'write' lock"), so the file's bytes go through libvirt's volume streams instead (a download
 *   into an upload, through this app), which a Cancel stops at once. Pausing made QEMU flush its
 *   caches, so the file is whole.
 */
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import {
  createVolume,
  createVolumeFrom,
  deleteVolume,
  getVolumeInfo,
  getVolumeXml,
  lookupVolumeByName,
} from '../../libvirt/storageVolume';
import { readVolumeXml, storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { streamVolume } from '../migration/volumeCopy';

/** How often a host-side copy's progress is read from the new volume. */
const PROGRESS_POLL_MS = 500;

export interface VolumeCopy {
  pool: StoragePoolRef;
  source: StorageVolumeRef;
  name: string;
  capacity: number;
  format: string;
  /** The bytes the copy will take (its progress's 100 %). */
  bytes: number;
  /** The source's guest is paused: copy through the streams. */
  sourceInUse: boolean;
  signal: AbortSignal;
  /** The share done, 0 to 1. */
  onProgress(fraction: number): void;
}

export async function copyVolume(rpc: RpcClient, copy: VolumeCopy): Promise<StorageVolumeRef> {
  const xml = storageVolumeXml({ name: copy.name, capacity: copy.capacity, format: copy.format });
  if (copy.sourceInUse) return streamCopy(rpc, copy, xml);
  const stop = watchAllocation(rpc, copy);
  try {
    return await createVolumeFrom(rpc, copy.pool, xml, copy.source);
  } finally {
    stop();
  }
}

async function streamCopy(
  rpc: RpcClient,
  copy: VolumeCopy,
  xml: string,
): Promise<StorageVolumeRef> {
  // The file's own size: what a download yields (a qcow2 file stays qcow2).
  const facts = readVolumeXml(await getVolumeXml(rpc, copy.source));
  const fileBytes = facts.physical ?? facts.allocation;
  const vol = await createVolume(rpc, copy.pool, xml);
  const here = { rpc, label: `pool "${copy.pool.name}"` };
  const from = { vol: copy.source, format: copy.format, capacity: copy.capacity, bytes: fileBytes };
  try {
    await streamVolume(here, from, here, vol, {
      signal: copy.signal,
      onBytes: (bytes) => fileBytes > 0 && copy.onProgress(Math.min(1, bytes / fileBytes)),
    });
  } catch (reason) {
    await deleteVolume(rpc, vol).catch((e: unknown) => {
      throw new Error(`${String(reason)} (the partial copy "${copy.name}" remains: ${String(e)})`);
    });
    throw reason;
  }
  return vol;
}

function watchAllocation(rpc: RpcClient, copy: VolumeCopy): () => void {
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, PROGRESS_POLL_MS));
      if (stopped || copy.bytes <= 0) return;
      const vol = await lookupVolumeByName(rpc, copy.pool, copy.name).catch(() => undefined);
      const info = vol && (await getVolumeInfo(rpc, vol).catch(() => undefined));
      // The last read may land after the copy: never say 100 % before it returns.
      if (info && !stopped) copy.onProgress(Math.min(0.99, info.allocation / copy.bytes));
    }
  };
  void poll();
  return () => {
    stopped = true;
  };
}
