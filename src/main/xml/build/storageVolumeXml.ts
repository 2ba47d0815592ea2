/**
 * New storage volume XML (virsh vol-create-as, vol-clone): sizes in bytes, sparse (allocation 0)
 * so that a large raw volume is created at once, and an optional backing store for a qcow2
 * overlay. Also the few fields the app reads back from a volume's XML.
 */
import { attribute, childElements, firstChild, parseXml } from '../xmlDocument';
import { sizeInBytes } from '../units';
import { specToXml, x } from '../xmlBuild';

export interface NewVolume {
  name: string;
  /** Bytes. */
  capacity: number;
  /** qcow2, raw, iso ... (libvirt's volume format names). */
  format: string;
  backing?: { path: string; format: string };
  /** Bytes to allocate now; 0 (the default) makes a sparse file. */
  allocation?: number;
}

export function storageVolumeXml(vol: NewVolume): string {
  return specToXml(
    x('volume', {}, [
      x('name', {}, [], vol.name),
      x('capacity', { unit: 'bytes' }, [], String(vol.capacity)),
      x('allocation', { unit: 'bytes' }, [], String(vol.allocation ?? 0)),
      x('target', {}, [x('format', { type: vol.format })]),
      vol.backing &&
        x('backingStore', {}, [
          x('path', {}, [], vol.backing.path),
          x('format', { type: vol.backing.format }),
        ]),
    ]),
  );
}

/** What the app shows of a volume, read from its XML (one call per volume instead of three). */
export interface VolumeXmlFacts {
  name: string;
  type?: string;
  format?: string;
  capacity: number;
  allocation: number;
  /** The file's own size (libvirt >= 3.0 reports it); the bytes a download yields. */
  physical?: number;
  path?: string;
  backingPath?: string;
}

export function readVolumeXml(xml: string): VolumeXmlFacts {
  const root = parseXml(xml).documentElement;
  if (!root || root.nodeName !== 'volume') throw new Error('not a <volume> document');
  const size = (name: string): number | undefined => {
    const el = firstChild(root, name);
    return el
      ? sizeInBytes(el.textContent ?? undefined, attribute(el, 'unit'), 'bytes')
      : undefined;
  };
  const target = firstChild(root, 'target');
  const backing = firstChild(root, 'backingStore');
  const text = (el: ReturnType<typeof firstChild>) => el?.textContent?.trim() || undefined;
  return {
    name: text(firstChild(root, 'name')) ?? '',
    type: attribute(root, 'type'),
    format: attribute(target && firstChild(target, 'format'), 'type'),
    capacity: size('capacity') ?? 0,
    allocation: size('allocation') ?? 0,
    physical: size('physical'),
    path: text(target && firstChild(target, 'path')),
    backingPath: text(backing && firstChild(backing, 'path')),
  };
}

/** A pool's type and target path, from its XML. */
export function readPoolXml(xml: string): { type: string; path?: string; sourceName?: string } {
  const root = parseXml(xml).documentElement;
  if (!root || root.nodeName !== 'pool') throw new Error('not a <pool> document');
  const target = firstChild(root, 'target');
  const source = firstChild(root, 'source');
  const pathEl = target && childElements(target, 'path')[0];
  const nameEl = source && firstChild(source, 'name');
  return {
    type: attribute(root, 'type') ?? 'unknown',
    path: pathEl?.textContent?.trim() || undefined,
    sourceName: nameEl?.textContent?.trim() || undefined,
  };
}
