import type { StorageEditMethods } from '../../../shared/api/methods/storageEdits';
import { editPool, poolXmlByName, volumeXmlByName } from '../../services/storage/poolEdit';
import { record, text } from '../params';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function storageEditHandlers({ sessions }: HandlerDeps): HandlersOf<StorageEditMethods> {
  const libvirt = (p: { connectionId?: unknown } | undefined) =>
    sessions.get(text(p?.connectionId, 'connectionId')).libvirt();
  const pool = (p: { pool?: unknown } | undefined) => text(p?.pool, 'pool');
  return {
    'storage.pools.xml': async (p) => poolXmlByName(libvirt(p).rpc, pool(p)),
    'storage.volumes.xml': async (p) =>
      volumeXmlByName(libvirt(p).rpc, pool(p), text(p?.name, 'name')),
    'storage.pools.edit': async (p) => {
      const { host, rpc } = libvirt(p);
      const edit = record(p?.edit, 'edit');
      return editPool(rpc, host, pool(p), {
        path: edit.path === undefined ? undefined : text(edit.path, 'path'),
        autostart: edit.autostart === undefined ? undefined : edit.autostart === true,
      });
    },
  };
}
