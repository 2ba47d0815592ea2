/**
 * Domain snapshots (virsh snapshot-*): list, create, revert, delete, and the domain's screenshot
 * (the thumbnail kept with a snapshot).
 */
import type { RpcClient } from './rpc/client';
import { LibvirtError } from './rpc/errors';
import { virErrorNumber } from './rpc/generated/libvirtEnums';
import type { DomainRef, SnapshotRef } from './refs';

export async function listSnapshots(
  rpc: RpcClient,
  dom: DomainRef,
  flags = 0,
): Promise<SnapshotRef[]> {
  return (await rpc.call('DOMAIN_LIST_ALL_SNAPSHOTS', { dom, need_results: 1, flags })).snapshots;
}

export async function createSnapshot(
  rpc: RpcClient,
  dom: DomainRef,
  xml: string,
  flags = 0,
): Promise<SnapshotRef> {
  return (await rpc.call('DOMAIN_SNAPSHOT_CREATE_XML', { dom, xml_desc: xml, flags })).snap;
}

export async function lookupSnapshot(
  rpc: RpcClient,
  dom: DomainRef,
  name: string,
): Promise<SnapshotRef> {
  return (await rpc.call('DOMAIN_SNAPSHOT_LOOKUP_BY_NAME', { dom, name, flags: 0 })).snap;
}

export async function currentSnapshot(rpc: RpcClient, dom: DomainRef): Promise<SnapshotRef> {
  return (await rpc.call('DOMAIN_SNAPSHOT_CURRENT', { dom, flags: 0 })).snap;
}

/** The current snapshot's name, or undefined when the domain has none. */
export async function currentSnapshotName(
  rpc: RpcClient,
  dom: DomainRef,
): Promise<string | undefined> {
  try {
    return (await currentSnapshot(rpc, dom)).name;
  } catch (err) {
    if (
      err instanceof LibvirtError &&
      err.libvirtCode === virErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT
    )
      return undefined;
    throw err;
  }
}

export async function getSnapshotXml(rpc: RpcClient, snap: SnapshotRef): Promise<string> {
  return (await rpc.call('DOMAIN_SNAPSHOT_GET_XML_DESC', { snap, flags: 0 })).xml;
}

export async function revertToSnapshot(
  rpc: RpcClient,
  snap: SnapshotRef,
  flags = 0,
): Promise<void> {
  await rpc.call('DOMAIN_REVERT_TO_SNAPSHOT', { snap, flags });
}

export async function deleteSnapshot(rpc: RpcClient, snap: SnapshotRef, flags = 0): Promise<void> {
  await rpc.call('DOMAIN_SNAPSHOT_DELETE', { snap, flags });
}

/**
 * The domain's display as libvirt's screenshot stream gives it (PNG from QEMU 7.1 with libvirt 9,
 * PPM before), read whole: a guest screen's image is a few MiB at most, inside a stream's buffer.
 */
export async function takeScreenshot(rpc: RpcClient, dom: DomainRef, screen = 0): Promise<Buffer> {
  const stream = await rpc.openStream('DOMAIN_SCREENSHOT', { dom, screen, flags: 0 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
