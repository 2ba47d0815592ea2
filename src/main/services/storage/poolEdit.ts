/**
 * A pool's and a volume's XML as libvirt returns it (the Storage tab's read-only XML views), and
 * the pool edits libvirt allows: autostart (an RPC, any time) and the target path, changed by the
 * XML-core's pool edit (only <target><path> changes) and defined again. libvirt keeps a running
 * pool on its old target until it is restarted, so the path is changed only on a stopped pool,
 * and only to a directory that exists on the host and is no other pool's target.
 */
import type { PoolEdit } from '../../../shared/api/methods/storageEdits';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { RpcClient } from '../../libvirt/rpc/client';
import {
  definePool,
  getPoolXml,
  isPoolActive,
  isPoolPersistent,
  listAllStoragePools,
  setPoolAutostart,
} from '../../libvirt/storagePool';
import { getVolumeXml } from '../../libvirt/storageVolume';
import { readPoolXml } from '../../xml/build/storageVolumeXml';
import { setPoolTargetPath } from '../../xml/edits/storagePool/poolEdits';
import { checkAbsolutePath, invalidInput } from '../../../shared/inputChecks';
import { pathKind } from './hostPaths';
import { findPool, findVolume } from './lookups';
import { virStorageXMLFlags } from '../../libvirt/rpc/generated/libvirtEnums';

/** Pool types whose target is a directory the user picks (the others are /dev paths). */
const DIRECTORY_TYPES = ['dir', 'fs', 'netfs'];

export async function poolXmlByName(rpc: RpcClient, name: string): Promise<string> {
  const pool = await findPool(rpc, name);
  const persistent = await isPoolPersistent(rpc, pool);
  return getPoolXml(rpc, pool, persistent ? virStorageXMLFlags.VIR_STORAGE_XML_INACTIVE : 0);
}

export async function volumeXmlByName(
  rpc: RpcClient,
  poolName: string,
  name: string,
): Promise<string> {
  const pool = await findPool(rpc, poolName);
  return getVolumeXml(rpc, await findVolume(rpc, pool, name));
}

export async function editPool(
  rpc: RpcClient,
  host: Host,
  name: string,
  edit: PoolEdit,
): Promise<void> {
  const pool = await findPool(rpc, name);
  const persistent = await isPoolPersistent(rpc, pool);
  if (!persistent) {
    throw new VirtdeckError('invalid-input', msg('storage.poolTransient', { name }));
  }
  if (edit.path !== undefined) {
    const path = checkAbsolutePath(edit.path.trim(), 'The target path', 'path').replace(
      /(.)\/+$/,
      '$1',
    );
    const before = await getPoolXml(rpc, pool, virStorageXMLFlags.VIR_STORAGE_XML_INACTIVE);
    const { type, path: now } = readPoolXml(before);
    if (path !== now) {
      if (await isPoolActive(rpc, pool)) {
        throw invalidInput(msg('storage.stopFirst'), 'path');
      }
      if (DIRECTORY_TYPES.includes(type)) await checkTargetDirectory(rpc, host, name, path);
      // Checked before anything changes: the edit throws on a pool type without a target.
      const after = setPoolTargetPath(before, path);
      await definePool(rpc, after);
    }
  }
  if (edit.autostart !== undefined) await setPoolAutostart(rpc, pool, edit.autostart);
}

async function checkTargetDirectory(
  rpc: RpcClient,
  host: Host,
  name: string,
  path: string,
): Promise<void> {
  const pools = await listAllStoragePools(rpc);
  const xmls = await Promise.all(
    pools.map((p) => (p.name === name ? Promise.resolve('') : getPoolXml(rpc, p).catch(() => ''))),
  );
  const other = pools.find((_p, i) => xmls[i] !== '' && readPoolXml(xmls[i] ?? '').path === path);
  if (other) throw invalidInput(msg('storage.pathTaken', { path, pool: other.name }), 'path');
  const kind = await pathKind(host, path);
  if (kind === 'missing') throw invalidInput(msg('storage.pathMissing', { path }), 'path');
  if (kind === 'file' || kind === 'other') {
    throw invalidInput(msg('storage.notDirectory', { path }), 'path');
  }
}
