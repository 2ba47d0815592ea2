/**
 * Disk sizes for the Disks cards: the capacity of each disk whose image is a volume of a storage
 * pool (libvirt reads it afresh from the image, so a resize shows at once). A disk outside every
 * pool simply has no size shown.
 */
import type { Element } from '@xmldom/xmldom';
import type { DeviceView } from '../../../shared/api/vmDetailsTypes';
import type { RpcClient } from '../../libvirt/rpc/client';
import { getVolumeInfo, lookupVolumeByPath } from '../../libvirt/storageVolume';
import { diskByTarget } from '../../xml/edits/domain/disks';
import { attribute, firstChild } from '../../xml/xmlDocument';

async function capacityOf(rpc: RpcClient, domain: Element, target: string) {
  try {
    const source = firstChild(diskByTarget(domain, target), 'source');
    const path = attribute(source, 'file') ?? attribute(source, 'dev');
    if (!path) return undefined;
    return (await getVolumeInfo(rpc, await lookupVolumeByPath(rpc, path))).capacity;
  } catch {
    return undefined;
  }
}

/** `views` with capacityBytes on the disks; `domain`: the XML whose sources count (live first). */
export async function withDiskSizes(
  rpc: RpcClient,
  views: DeviceView[],
  domain: Element,
): Promise<DeviceView[]> {
  return Promise.all(
    views.map(async (view) => {
      const target = /^disk:(.+)$/.exec(view.key)?.[1];
      if (view.kind !== 'disk' || !target) return view;
      const capacityBytes = await capacityOf(rpc, domain, target);
      return capacityBytes === undefined ? view : { ...view, capacityBytes };
    }),
  );
}
