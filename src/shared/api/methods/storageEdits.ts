/** Storage XML views and pool edits (the Storage tab's XML and Edit dialogs). */
import * as v from 'valibot';
import {
  connectionId,
  nothing,
  record,
  text,
  type MethodsOf,
  type ParamsIn,
  type ResultSchemas,
} from '../schema';

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
  /** The pool's XML as libvirt returns it (its persistent definition when it has one). */
  'storage.pools.xml': v.object(onPool),
  /** The volume's XML as libvirt returns it. */
  'storage.volumes.xml': v.object({ ...onPool, name: text('name') }),
  /** Autostart, and the target path of a stopped pool (checked on the host first). */
  'storage.pools.edit': v.object({ ...onPool, edit: poolEdit }),
};

export const storageEditResults = {
  'storage.pools.xml': v.string(),
  'storage.volumes.xml': v.string(),
  'storage.pools.edit': nothing,
} satisfies ResultSchemas<typeof storageEditParams>;

export type StorageEditMethods = MethodsOf<typeof storageEditParams, typeof storageEditResults>;
