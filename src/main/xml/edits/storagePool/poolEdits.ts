/**
 * Storage pool edits: the target path (dir, fs, netfs, logical) and the source fields a pool type
 * has (NFS / iSCSI host, exported dir, device, VG or volume name, format). A pool's name and UUID
 * are its identity in libvirt, so renaming is not an XML edit; autostart is an RPC.
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, setAttr, setText } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { checkAbsolutePath, checkNonEmpty, invalidInput } from '../../../../shared/inputChecks';
import type { XmlEdit } from '../editTypes';

const POOL_ORDER = [
  'name',
  'uuid',
  'capacity',
  'allocation',
  'available',
  'features',
  'source',
  'target',
];
const SOURCE_ORDER = [
  'host',
  'device',
  'dir',
  'adapter',
  'name',
  'format',
  'initiator',
  'auth',
  'vendor',
  'product',
  'protocol',
];
const TARGET_ORDER = ['path', 'permissions', 'timestamps', 'encryption'];

/** Pool types whose target is a directory on the host that the app lets users move. */
const PATH_TYPES = [
  'dir',
  'fs',
  'netfs',
  'logical',
  'disk',
  'iscsi',
  'scsi',
  'mpath',
  'iscsi-direct',
];

export function poolType(pool: Element): string {
  return attribute(pool, 'type') ?? '';
}

export function setPoolTargetPath(xml: string, path: string): string {
  checkAbsolutePath(path, 'The target path', 'path');
  return editXml(xml, 'pool', (pool) => {
    if (!PATH_TYPES.includes(poolType(pool)))
      throw invalidInput(`A ${poolType(pool)} pool has no target path`, 'path');
    const target = ensureChild(pool, 'target', POOL_ORDER);
    const el = firstChild(target, 'path');
    if (el) setText(el, path);
    else insertSpec(target, x('path', {}, [], path), TARGET_ORDER);
  });
}

export interface PoolSourceParams {
  /** NFS / iSCSI / Gluster server: the first <host name>. */
  host?: string;
  /** NFS export or Gluster directory: <dir path>. */
  dir?: string;
  /** Block device (fs, logical, disk) or iSCSI IQN: the first <device path>. */
  device?: string;
  /** VG (logical), RBD pool, Gluster volume: <name>. */
  name?: string;
  /** Filesystem or label type: <format type>. */
  format?: string;
}

/** Sets the given source fields; fields left undefined stay as they are. */
export function setPoolSource(xml: string, p: PoolSourceParams): string {
  if (p.host !== undefined && !/^[A-Za-z0-9.:_\-[\]]+$/.test(p.host))
    throw invalidInput(`"${p.host}" is not a host name`, 'host');
  if (p.dir !== undefined) checkAbsolutePath(p.dir, 'The source directory', 'dir');
  if (p.device !== undefined) checkNonEmpty(p.device, 'The source device', 'device');
  if (p.name !== undefined) checkNonEmpty(p.name, 'The source name', 'name');
  if (p.format !== undefined && !/^[A-Za-z0-9_-]+$/.test(p.format))
    throw invalidInput(`"${p.format}" is not a format`, 'format');
  return editXml(xml, 'pool', (pool) => {
    const source = ensureChild(pool, 'source', POOL_ORDER);
    const attr = (name: string, attrName: string, value: string | undefined) => {
      if (value === undefined) return;
      const el = firstChild(source, name);
      if (el) setAttr(el, attrName, value);
      else insertSpec(source, x(name, { [attrName]: value }), SOURCE_ORDER);
    };
    attr('host', 'name', p.host);
    attr('dir', 'path', p.dir);
    attr('device', 'path', p.device);
    attr('format', 'type', p.format);
    if (p.name !== undefined) {
      const el = firstChild(source, 'name');
      if (el) setText(el, p.name);
      else insertSpec(source, x('name', {}, [], p.name), SOURCE_ORDER);
    }
  });
}

function sourceOf(pool: Element): Element | undefined {
  return firstChild(pool, 'source');
}

export const poolTargetPathEdit: XmlEdit<string> = {
  id: 'pool.targetPath',
  root: 'pool',
  scope: ['pool/target/path'],
  applies: (pool) => PATH_TYPES.includes(poolType(pool)),
  sample: (pool) => {
    const now = firstChild(firstChild(pool, 'target') ?? pool, 'path')?.textContent;
    return now === '/srv/virtdeck-rt' ? '/srv/virtdeck-rt2' : '/srv/virtdeck-rt';
  },
  apply: setPoolTargetPath,
};

/** Samples change only fields the pool already has, so each applies to its pool type. */
export const poolSourceEdit: XmlEdit<PoolSourceParams> = {
  id: 'pool.source',
  root: 'pool',
  scope: [
    'pool/source/host/@name',
    'pool/source/dir/@path',
    'pool/source/device/@path',
    'pool/source/name',
    'pool/source/format/@type',
  ],
  applies: (pool) => {
    const s = sourceOf(pool);
    return !!s && ['host', 'dir', 'device', 'name'].some((n) => childElements(s, n).length > 0);
  },
  sample: (pool) => {
    const s = sourceOf(pool) ?? pool;
    const p: PoolSourceParams = {};
    if (firstChild(s, 'host')) p.host = 'nfs-rt.example.org';
    if (firstChild(s, 'dir')) p.dir = '/export/virtdeck-rt';
    if (firstChild(s, 'device')) p.device = '/dev/virtdeck-rt';
    if (firstChild(s, 'name')) p.name = 'virtdeck-rt';
    return p;
  },
  apply: setPoolSource,
};
