/**
 * Storage volume edits, for the XML of a new volume or a clone (libvirt's volume XML is input to
 * STORAGE_VOL_CREATE_XML; an existing volume is resized with STORAGE_VOL_RESIZE, not redefined):
 * capacity (kept in the document's unit when it fits), format, and backing store.
 */
import type { Element } from '@xmldom/xmldom';
import { firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, setAttr, setText } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { sizeInBytes, sizeInUnit } from '../../units';
import {
  checkAbsolutePath,
  checkInt,
  checkOneOf,
  invalidInput,
} from '../../../../shared/inputChecks';
import type { XmlEdit } from '../editTypes';

const VOLUME_ORDER = [
  'name',
  'key',
  'source',
  'capacity',
  'allocation',
  'physical',
  'target',
  'backingStore',
];
const TARGET_ORDER = [
  'path',
  'format',
  'permissions',
  'timestamps',
  'encryption',
  'compat',
  'clusterSize',
  'nocow',
  'features',
];
export const VOLUME_FORMATS = [
  'raw',
  'qcow2',
  'qed',
  'vmdk',
  'vpc',
  'vhdx',
  'vdi',
  'iso',
  'dir',
] as const;

export function volumeCapacityBytes(volume: Element): number | undefined {
  const el = firstChild(volume, 'capacity');
  return el
    ? sizeInBytes(el.textContent ?? undefined, el.getAttribute('unit') ?? undefined, 'bytes')
    : undefined;
}

/** Sets <capacity> in bytes (at least 1 MiB less than 2^53, what JavaScript counts exactly). */
export function setVolumeCapacity(xml: string, bytes: number): string {
  checkInt(bytes, 'Capacity', 'capacity', 1, Number.MAX_SAFE_INTEGER);
  return editXml(xml, 'volume', (volume) => {
    const el = ensureChild(volume, 'capacity', VOLUME_ORDER);
    const { value, unit } = sizeInUnit(
      bytes,
      el.getAttribute('unit') ?? undefined,
      'bytes',
      'bytes',
    );
    setText(el, value);
    if (unit !== (el.getAttribute('unit') ?? undefined)) setAttr(el, 'unit', unit);
  });
}

export function setVolumeFormat(xml: string, format: (typeof VOLUME_FORMATS)[number]): string {
  checkOneOf(format, VOLUME_FORMATS, 'Format', 'format');
  return editXml(xml, 'volume', (volume) => {
    const target = ensureChild(volume, 'target', VOLUME_ORDER);
    const el = firstChild(target, 'format');
    if (el) setAttr(el, 'type', format);
    else insertSpec(target, x('format', { type: format }), TARGET_ORDER);
  });
}

/** Makes the volume a copy-on-write overlay of `backing` (qcow2 only); undefined removes it. */
export function setVolumeBackingStore(
  xml: string,
  backing: { path: string; format: string } | undefined,
): string {
  if (backing) {
    checkAbsolutePath(backing.path, 'The backing file', 'backingStore');
    checkOneOf(backing.format, VOLUME_FORMATS, 'Backing format', 'backingFormat');
  }
  return editXml(xml, 'volume', (volume) => {
    const old = firstChild(volume, 'backingStore');
    if (!backing) {
      if (old) removeElement(old);
      return;
    }
    const format = firstChild(firstChild(volume, 'target') ?? volume, 'format')?.getAttribute(
      'type',
    );
    if (format && format !== 'qcow2' && format !== 'qed') {
      throw invalidInput(
        `A ${format} volume cannot have a backing store; use qcow2`,
        'backingStore',
      );
    }
    const el = old ?? ensureChild(volume, 'backingStore', VOLUME_ORDER);
    const path = firstChild(el, 'path');
    if (path) setText(path, backing.path);
    else insertSpec(el, x('path', {}, [], backing.path), ['path', 'format']);
    const fmt = firstChild(el, 'format');
    if (fmt) setAttr(fmt, 'type', backing.format);
    else insertSpec(el, x('format', { type: backing.format }), ['path', 'format']);
  });
}

export const volumeCapacityEdit: XmlEdit<number> = {
  id: 'volume.capacity',
  root: 'volume',
  scope: ['volume/capacity'],
  applies: (volume) => (volumeCapacityBytes(volume) ?? 0) > 0,
  sample: (volume) => (volumeCapacityBytes(volume) ?? 1) * 2,
  apply: setVolumeCapacity,
};

export const volumeFormatEdit: XmlEdit<(typeof VOLUME_FORMATS)[number]> = {
  id: 'volume.format',
  root: 'volume',
  scope: ['volume/target/format/@type', 'volume/target/format'],
  applies: (volume) => firstChild(volume, 'target') !== undefined,
  sample: (volume) =>
    firstChild(firstChild(volume, 'target') ?? volume, 'format')?.getAttribute('type') === 'raw'
      ? 'qcow2'
      : 'raw',
  apply: setVolumeFormat,
};

export const volumeBackingEdit: XmlEdit<{ path: string; format: string } | undefined> = {
  id: 'volume.backingStore',
  root: 'volume',
  scope: ['volume/backingStore'],
  applies: (volume) => {
    const format = firstChild(firstChild(volume, 'target') ?? volume, 'format')?.getAttribute(
      'type',
    );
    return (
      format === undefined || format === 'qcow2' || firstChild(volume, 'backingStore') !== undefined
    );
  },
  sample: (volume) =>
    firstChild(volume, 'backingStore')
      ? undefined
      : { path: '/var/lib/libvirt/images/virtdeck-rt-base.qcow2', format: 'qcow2' },
  apply: setVolumeBackingStore,
};
