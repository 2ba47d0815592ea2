/** Storage pools (virsh pool-*): list, XML, define, build, start, stop, delete, refresh. */
import type { RpcClient } from './rpc/client';
import type { StoragePoolRef } from './refs';

export const POOL_STATES = ['inactive', 'building', 'running', 'degraded', 'inaccessible'] as const;
export type PoolState = (typeof POOL_STATES)[number];

export interface PoolInfo {
  state: PoolState;
  capacity: number;
  allocation: number;
  available: number;
}

export async function listAllStoragePools(rpc: RpcClient, flags = 0): Promise<StoragePoolRef[]> {
  return (await rpc.call('CONNECT_LIST_ALL_STORAGE_POOLS', { need_results: 1, flags })).pools;
}

export async function lookupPoolByName(rpc: RpcClient, name: string): Promise<StoragePoolRef> {
  return (await rpc.call('STORAGE_POOL_LOOKUP_BY_NAME', { name })).pool;
}

export async function getPoolXml(rpc: RpcClient, pool: StoragePoolRef, flags = 0): Promise<string> {
  return (await rpc.call('STORAGE_POOL_GET_XML_DESC', { pool, flags })).xml;
}

export async function getPoolInfo(rpc: RpcClient, pool: StoragePoolRef): Promise<PoolInfo> {
  const info = await rpc.call('STORAGE_POOL_GET_INFO', { pool });
  return {
    state: POOL_STATES[info.state] ?? 'inaccessible',
    capacity: Number(info.capacity),
    allocation: Number(info.allocation),
    available: Number(info.available),
  };
}

export async function definePool(rpc: RpcClient, xml: string): Promise<StoragePoolRef> {
  return (await rpc.call('STORAGE_POOL_DEFINE_XML', { xml, flags: 0 })).pool;
}

export async function undefinePool(rpc: RpcClient, pool: StoragePoolRef): Promise<void> {
  await rpc.call('STORAGE_POOL_UNDEFINE', { pool });
}

/** Creates the pool's backing storage, e.g. the directory of a dir pool (virsh pool-build). */
export async function buildPool(rpc: RpcClient, pool: StoragePoolRef, flags = 0): Promise<void> {
  await rpc.call('STORAGE_POOL_BUILD', { pool, flags });
}

export async function startPool(rpc: RpcClient, pool: StoragePoolRef): Promise<void> {
  await rpc.call('STORAGE_POOL_CREATE', { pool, flags: 0 });
}

export async function stopPool(rpc: RpcClient, pool: StoragePoolRef): Promise<void> {
  await rpc.call('STORAGE_POOL_DESTROY', { pool });
}

/** Deletes the pool's backing storage (an empty directory for a dir pool). */
export async function deletePoolStorage(rpc: RpcClient, pool: StoragePoolRef): Promise<void> {
  await rpc.call('STORAGE_POOL_DELETE', { pool, flags: 0 });
}

export async function refreshPool(rpc: RpcClient, pool: StoragePoolRef): Promise<void> {
  await rpc.call('STORAGE_POOL_REFRESH', { pool, flags: 0 });
}

export async function isPoolActive(rpc: RpcClient, pool: StoragePoolRef): Promise<boolean> {
  return (await rpc.call('STORAGE_POOL_IS_ACTIVE', { pool })).active !== 0;
}

export async function getPoolAutostart(rpc: RpcClient, pool: StoragePoolRef): Promise<boolean> {
  return (await rpc.call('STORAGE_POOL_GET_AUTOSTART', { pool })).autostart !== 0;
}

export async function setPoolAutostart(
  rpc: RpcClient,
  pool: StoragePoolRef,
  autostart: boolean,
): Promise<void> {
  await rpc.call('STORAGE_POOL_SET_AUTOSTART', { pool, autostart: autostart ? 1 : 0 });
}

export async function isPoolPersistent(rpc: RpcClient, pool: StoragePoolRef): Promise<boolean> {
  return (await rpc.call('STORAGE_POOL_IS_PERSISTENT', { pool })).persistent !== 0;
}
