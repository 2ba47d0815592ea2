/**
 * Storage pools and volumes (shared/api/methods/storage.ts) onto services/storage/. Forms are
 * checked by the services (each error names its field); the rest is read through ../params.
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
import {
  UPLOAD_FORMATS,
  startVolumeDownload,
  startVolumeUpload,
} from '../../services/storage/transfers';
import {
  clonePoolVolume,
  createPoolVolume,
  deletePoolVolume,
  listPoolVolumes,
  resizePoolVolume,
} from '../../services/storage/volumes';
import { flag, numberIn, oneOf, text } from '../params';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function storageHandlers({
  sessions,
  jobs,
  consoles,
}: HandlerDeps): HandlersOf<StorageMethods> {
  const libvirt = (p: { connectionId?: unknown } | undefined) =>
    sessions.get(text(p?.connectionId, 'connectionId')).libvirt();
  const rpcOf = (p: { connectionId?: unknown } | undefined) => libvirt(p).rpc;
  const pool = (p: { pool?: unknown } | undefined) => text(p?.pool, 'pool');
  const volume = (p: { pool?: unknown; name?: unknown } | undefined) => ({
    pool: pool(p),
    name: text(p?.name, 'name'),
  });
  const transfers = { jobs, gateway: consoles };

  return {
    'storage.pools.list': async (p) => listPools(rpcOf(p)),
    'storage.pools.create': async (p) => {
      const { host, rpc } = libvirt(p);
      return createPool(rpc, host, p?.form);
    },
    'storage.pools.start': async (p) => startPoolByName(rpcOf(p), pool(p)),
    'storage.pools.stop': async (p) => stopPoolByName(rpcOf(p), pool(p)),
    'storage.pools.refresh': async (p) => refreshPoolByName(rpcOf(p), pool(p)),
    'storage.pools.setAutostart': async (p) =>
      setPoolAutostartByName(rpcOf(p), pool(p), flag(p?.autostart)),
    'storage.pools.delete': async (p) =>
      deletePool(rpcOf(p), pool(p), { deleteStorage: flag(p?.deleteStorage) }),

    'storage.volumes.list': async (p) => listPoolVolumes(rpcOf(p), pool(p)),
    'storage.volumes.create': async (p) => createPoolVolume(rpcOf(p), pool(p), p?.form),
    'storage.volumes.resize': async (p) =>
      resizePoolVolume(rpcOf(p), volume(p), numberIn(p?.capacity, 'capacity', 1), flag(p?.shrink)),
    'storage.volumes.clone': async (p) => clonePoolVolume(rpcOf(p), volume(p), p?.newName),
    'storage.volumes.delete': async (p) => deletePoolVolume(rpcOf(p), volume(p)),
    'storage.volumes.upload': async (p) => {
      const started = await startVolumeUpload(
        {
          rpc: rpcOf(p),
          connectionId: text(p?.connectionId, 'connectionId'),
          pool: pool(p),
          name: typeof p?.name === 'string' ? p.name : '',
          format: oneOf(p?.format, UPLOAD_FORMATS, 'format'),
          size: numberIn(p?.size, 'size', 1),
        },
        transfers,
      );
      return { jobId: started.jobId, url: started.url };
    },
    'storage.volumes.download': async (p) =>
      startVolumeDownload(
        {
          rpc: rpcOf(p),
          connectionId: text(p?.connectionId, 'connectionId'),
          ...volume(p),
        },
        transfers,
      ),
  };
}
