/**
 * New storage pool XML (virsh pool-define-as) for the pool types the app creates, from a checked
 * form. Each type writes only the elements libvirt's storage pool schema gives it; the default
 * target paths are virt-manager's.
 */
import type { PoolForm, PoolType } from '../../../shared/api/methods/storage';
import { specToXml, x, type XmlSpec } from '../xmlBuild';

export const DEFAULT_POOL_DIR = '/var/lib/libvirt/images';

/** Where a new pool's target goes when the form leaves the path empty. */
export function defaultPoolPath(type: PoolType, name: string, sourceName?: string): string {
  switch (type) {
    case 'dir':
    case 'fs':
    case 'netfs':
      return `${DEFAULT_POOL_DIR}/${name}`;
    case 'logical':
      return `/dev/${sourceName || name}`;
    case 'iscsi':
      return '/dev/disk/by-path';
    case 'disk':
      return '/dev';
  }
}

/** The source format a type uses when the form names none (absent: the type has no format). */
export function defaultSourceFormat(type: PoolType): string | undefined {
  switch (type) {
    case 'fs':
      return 'auto';
    case 'netfs':
      return 'nfs';
    case 'logical':
      return 'lvm2';
    case 'disk':
      return 'dos';
    default:
      return undefined;
  }
}

/** The pool XML; `form` must have been checked (see services/storage/pools.ts). */
export function storagePoolXml(form: PoolForm): string {
  const path = form.path?.trim() || defaultPoolPath(form.type, form.name, form.sourceName);
  const format = form.sourceFormat?.trim() || defaultSourceFormat(form.type);
  return specToXml(
    x('pool', { type: form.type }, [
      x('name', {}, [], form.name),
      source(form, format),
      x('target', {}, [x('path', {}, [], path)]),
    ]),
  );
}

function source(form: PoolForm, format: string | undefined): XmlSpec | undefined {
  const fmt = format ? x('format', { type: format }) : undefined;
  switch (form.type) {
    case 'dir':
      return undefined;
    case 'fs':
      return x('source', {}, [x('device', { path: form.sourceDevice }), fmt]);
    case 'netfs':
      return x('source', {}, [
        x('host', { name: form.sourceHost }),
        x('dir', { path: form.sourcePath }),
        fmt,
      ]);
    case 'logical':
      return x('source', {}, [
        x('name', {}, [], form.sourceName?.trim() || form.name),
        ...(form.sourceDevices ?? []).map((path) => x('device', { path })),
        fmt,
      ]);
    case 'iscsi':
      return x('source', {}, [
        x('host', { name: form.sourceHost, port: form.sourcePort ?? undefined }),
        x('device', { path: form.sourcePath }),
        form.initiatorIqn?.trim()
          ? x('initiator', {}, [x('iqn', { name: form.initiatorIqn.trim() })])
          : undefined,
      ]);
    case 'disk':
      return x('source', {}, [x('device', { path: form.sourceDevice }), fmt]);
  }
}
