/**
 * Domain snapshots (virsh snapshot-*): list, create, revert, delete, and the domain's screenshot
 * (the thumbnail kept with a snapshot).
 */
import type { RpcClient } from './rpc/client';
import { virErrorNumber } from './rpc/errorNumbers';
import { LibvirtError } from './rpc/errors';
import type { DomainRef, SnapshotRef } from './refs';

/** virDomainSnapshotDeleteFlags */
export const SnapshotDeleteFlags = { Children: 1, MetadataOnly: 2, ChildrenOnly: 4 } as const;

/** virDomainSnapshotCreateFlags (the ones the app uses) */
export const SnapshotCreateFlags = { DiskOnly: 16, Atomic: 128, Validate: 512 } as const;

/** virDomainSnapshotRevertFlags */
export const SnapshotRevertFlags = { Running: 1, Paused: 2, Force: 4 } as const;

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
 * The domain's display as libvirt's screenshot stream gives it (PPM for QEMU), read whole. The
 * image of a small guest screen is a few MiB at most, well inside one stream's buffer.
 */
export async function takeScreenshot(rpc: RpcClient, dom: DomainRef, screen = 0): Promise<Buffer> {
  const stream = await rpc.openStream('DOMAIN_SCREENSHOT', { dom, screen, flags: 0 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
