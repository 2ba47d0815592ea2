/**
 * "Import existing disk" as a New VM source. qcow2 and raw images boot as they are. Being built
 * (issue 17): foreign formats converted to qcow2 into a pool.
 */
import type { RpcClient } from '../../../libvirt/rpc/client';
import { getVolumeXml, lookupVolumeByPath } from '../../../libvirt/storageVolume';
import { readVolumeXml } from '../../../xml/build/storageVolumeXml';
import type { InstallSourceKind } from './sourceTypes';

/** A disk image's format as libvirt knows it (a volume), else as its name says. */
export async function existingDiskFormat(rpc: RpcClient, path: string): Promise<'qcow2' | 'raw'> {
  const vol = await lookupVolumeByPath(rpc, path).catch(() => undefined);
  if (!vol) return path.endsWith('.qcow2') ? 'qcow2' : 'raw';
  const format = readVolumeXml(await getVolumeXml(rpc, vol)).format;
  return format === 'qcow2' ? 'qcow2' : 'raw';
}

export const diskImportSource: InstallSourceKind<'import'> = {
  async check() {},
  steps: () => [],
  async prepare(job, spec) {
    const path = job.options.source.path;
    spec.disks.push({ path, format: await existingDiskFormat(job.rpc, path) });
  },
};

/** A disk image's format and size on the host. Being built (issue 17). */
export function diskImageInfo(
  _host: import('../../../hosts/host').Host,
  _rpc: RpcClient,
  _path: string,
): Promise<import('../../../../shared/api/newVmTypes').DiskImageInfo> {
  return Promise.reject(new Error('Not supported yet'));
}
