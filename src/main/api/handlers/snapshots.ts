/** A VM's snapshots: services/snapshots (thumbnails kept in the config directory). */
import type { SnapshotMethods } from '../../../shared/api/methods/snapshots';
import { createVmSnapshot } from '../../services/snapshots/snapshotCreate';
import {
  deleteVmSnapshot,
  listVmSnapshots,
  revertVmSnapshot,
} from '../../services/snapshots/snapshots';
import { SnapshotThumbnails } from '../../services/snapshots/thumbnails';
import { openVm } from '../../services/vmDetails/vmXml';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function snapshotHandlers({
  sessions,
  configDir,
}: HandlerDeps): HandlersOf<SnapshotMethods> {
  const thumbnails = new SnapshotThumbnails(configDir);
  const vm = (p: { connectionId: string; uuid: string }) =>
    openVm(sessions.get(p.connectionId).libvirt().rpc, p.uuid);
  return {
    'vms.snapshots.list': async (p) => listVmSnapshots(await vm(p), thumbnails),
    'vms.snapshots.create': async (p) => createVmSnapshot(await vm(p), thumbnails, p),
    'vms.snapshots.revert': async (p) => revertVmSnapshot(await vm(p), p.name, p.force),
    'vms.snapshots.delete': async (p) =>
      deleteVmSnapshot(await vm(p), thumbnails, p.name, p.children),
    'vms.snapshots.thumbnail': async (p) => thumbnails.dataUrl(p.uuid, p.name),
  };
}
