/**
 * Domain snapshots (virsh snapshot-*): list, create, revert, delete. No view calls these yet:
 * kept, with its integration test (test/integration/libvirt/hostObjects.test.ts), for the
 * snapshots feature next on the roadmap; knip.jsonc names it as the one such exception.
 */
import type { RpcClient } from './rpc/client';
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
