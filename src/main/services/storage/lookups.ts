/** Pools and volumes looked up by name, with "not found" in the user's words. */
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { isNotFound } from '../../libvirt/rpc/errors';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import { lookupPoolByName } from '../../libvirt/storagePool';
import { lookupVolumeByName } from '../../libvirt/storageVolume';

export async function findPool(rpc: RpcClient, name: string): Promise<StoragePoolRef> {
  try {
    return await lookupPoolByName(rpc, name);
  } catch (err) {
    if (isNotFound(err)) {
      throw new VirtdeckError('not-found', msg('common.noPool', { pool: name }), {
        cause: err,
      });
    }
    throw err;
  }
}

/** The pool if it exists, else undefined (for "is this name taken"). */
export async function poolIfExists(
  rpc: RpcClient,
  name: string,
): Promise<StoragePoolRef | undefined> {
  return findPool(rpc, name).catch((err: unknown) => {
    if (err instanceof VirtdeckError && err.code === 'not-found') return undefined;
    throw err;
  });
}

export async function findVolume(
  rpc: RpcClient,
  pool: StoragePoolRef,
  name: string,
): Promise<StorageVolumeRef> {
  try {
    return await lookupVolumeByName(rpc, pool, name);
  } catch (err) {
    if (isNotFound(err)) {
      throw new VirtdeckError('not-found', msg('storage.noVolume', { pool: pool.name, name }), {
        cause: err,
      });
    }
    throw err;
  }
}

export async function volumeIfExists(
  rpc: RpcClient,
  pool: StoragePoolRef,
  name: string,
): Promise<StorageVolumeRef | undefined> {
  return findVolume(rpc, pool, name).catch((err: unknown) => {
    if (err instanceof VirtdeckError && err.code === 'not-found') return undefined;
    throw err;
  });
}
