/** Storage XML views and pool edits (the Storage tab's XML and Edit dialogs). */

/** What a pool edit may change; fields left undefined stay as they are. */
export interface PoolEdit {
  /** The target directory (dir, fs, netfs) or device directory; only on a stopped pool. */
  path?: string;
  autostart?: boolean;
}

export interface StorageEditMethods {
  /** The pool's XML as libvirt returns it (its persistent definition when it has one). */
  'storage.pools.xml': { params: { connectionId: string; pool: string }; result: string };
  /** The volume's XML as libvirt returns it. */
  'storage.volumes.xml': {
    params: { connectionId: string; pool: string; name: string };
    result: string;
  };
  /** Autostart, and the target path of a stopped pool (checked on the host first). */
  'storage.pools.edit': {
    params: { connectionId: string; pool: string; edit: PoolEdit };
    result: void;
  };
}

export const STORAGE_EDIT_METHOD_NAMES = [
  'storage.pools.xml',
  'storage.volumes.xml',
  'storage.pools.edit',
] as const satisfies readonly (keyof StorageEditMethods)[];
