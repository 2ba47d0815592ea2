/**
 * Storage pools and volumes (shared/api/methods/storage.ts) onto services/storage/. Forms are
 * checked by the services (each error names its field); the rest by the methods' schemas.
 */
import type { StorageMethods } from '../../../shared/api/methods/storage';
import {
  createPool,
  deletePool,
  listPools,
  refreshPoolByName,
  setPoolAutostartByName,
  startPoolByName,
  stopPoolByName,
} from '../../services/storage/pools';
import { startVolumeDownload, startVolumeUpload } from '../../services/storage/transfers';
import {
  clonePoolVolume,
  createPoolVolume,
  deletePoolVolume,
  listPoolVolumes,
  resizePoolVolume,
} from '../../services/storage/volumes';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function storageHandlers({
  sessions,
  jobs,
  consoles,
}: HandlerDeps): HandlersOf<StorageMethods> {
  const libvirt = (p: { connectionId: string }) => sessions.get(p.connectionId).libvirt();
  const rpcOf = (p: { connectionId: string }) => libvirt(p).rpc;
  const volume = (p: { pool: string; name: string }) => ({ pool: p.pool, name: p.name });
  const transfers = { jobs, gateway: consoles };

  return {
    'storage.pools.list': async (p) => listPools(rpcOf(p)),
    'storage.pools.create': async (p) => {
      const { host, rpc } = libvirt(p);
      return createPool(rpc, host, p.form);
    },
    'storage.pools.start': async (p) => startPoolByName(rpcOf(p), p.pool),
    'storage.pools.stop': async (p) => stopPoolByName(rpcOf(p), p.pool),
    'storage.pools.refresh': async (p) => refreshPoolByName(rpcOf(p), p.pool),
    'storage.pools.setAutostart': async (p) =>
      setPoolAutostartByName(rpcOf(p), p.pool, p.autostart),
    'storage.pools.delete': async (p) =>
      deletePool(rpcOf(p), p.pool, { deleteStorage: p.deleteStorage }),

    'storage.volumes.list': async (p) => listPoolVolumes(rpcOf(p), p.pool),
    'storage.volumes.create': async (p) => createPoolVolume(rpcOf(p), p.pool, p.form),
    'storage.volumes.resize': async (p) =>
      resizePoolVolume(rpcOf(p), volume(p), p.capacity, p.shrink),
    'storage.volumes.clone': async (p) => clonePoolVolume(rpcOf(p), volume(p), p.newName),
    'storage.volumes.delete': async (p) => deletePoolVolume(rpcOf(p), volume(p)),
    'storage.volumes.upload': async (p) => {
      const { connectionId, pool, name, format, size } = p;
      const started = await startVolumeUpload(
        { rpc: rpcOf(p), connectionId, pool, name, format, size },
        transfers,
      );
      return { jobId: started.jobId, url: started.url };
    },
    'storage.volumes.download': async (p) =>
      startVolumeDownload({ rpc: rpcOf(p), connectionId: p.connectionId, ...volume(p) }, transfers),
  };
}
