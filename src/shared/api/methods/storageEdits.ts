/** Storage XML views and pool edits (the Storage tab's XML and Edit dialogs). */
import * as v from 'valibot';
import { connectionId, record, text, type ParamsIn } from '../schema';

/** What a pool edit may change; fields left out stay as they are. */
const poolEdit = record(
  {
    /** The target directory (dir, fs, netfs) or device directory; only on a stopped pool. */
    path: v.optional(text('path')),
    autostart: v.optional(v.boolean('Expected true or false')),
  },
  'edit',
);
export type PoolEdit = ParamsIn<typeof poolEdit>;

const onPool = { connectionId, pool: text('pool') };

export const storageEditParams = {
  'storage.pools.xml': v.object(onPool),
  'storage.volumes.xml': v.object({ ...onPool, name: text('name') }),
  'storage.pools.edit': v.object({ ...onPool, edit: poolEdit }),
};
type In<M extends keyof typeof storageEditParams> = ParamsIn<(typeof storageEditParams)[M]>;

export interface StorageEditMethods {
  /** The pool's XML as libvirt returns it (its persistent definition when it has one). */
  'storage.pools.xml': { params: In<'storage.pools.xml'>; result: string };
  /** The volume's XML as libvirt returns it. */
  'storage.volumes.xml': { params: In<'storage.volumes.xml'>; result: string };
  /** Autostart, and the target path of a stopped pool (checked on the host first). */
  'storage.pools.edit': { params: In<'storage.pools.edit'>; result: void };
}
