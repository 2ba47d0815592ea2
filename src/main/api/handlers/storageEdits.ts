import type { StorageEditMethods } from '../../../shared/api/methods/storageEdits';
import { editPool, poolXmlByName, volumeXmlByName } from '../../services/storage/poolEdit';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function storageEditHandlers({ sessions }: HandlerDeps): HandlersOf<StorageEditMethods> {
  const libvirt = (p: { connectionId: string }) => sessions.get(p.connectionId).libvirt();
  return {
    'storage.pools.xml': async (p) => poolXmlByName(libvirt(p).rpc, p.pool),
    'storage.volumes.xml': async (p) => volumeXmlByName(libvirt(p).rpc, p.pool, p.name),
    'storage.pools.edit': async (p) => {
      const { host, rpc } = libvirt(p);
      return editPool(rpc, host, p.pool, p.edit);
    },
  };
}
