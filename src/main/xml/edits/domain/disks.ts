/**
 * Disks, CD-ROMs and floppies: the <disk> device for a new one (the same XML for a hot-attach and
 * for the persistent definition), add, remove, and the settings the Disks card edits.
 * A disk is identified by its target dev ("vda", "sdb"), as virsh attach/detach-disk do.
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, firstChild, parseXml } from '../../xmlDocument';
import { editXml, removeElement, setAttr, setText } from '../../xmlEdit';
import { insertSpec, specToXml, x, type XmlSpec } from '../../xmlBuild';
import {
  checkAbsolutePath,
  checkNonEmpty,
  checkOneOf,
  invalidInput,
} from '../../../../shared/inputChecks';
import type { DiskRead } from '../../../../shared/api/vmDetailsTypes';
import { DEVICE_ORDER, devicesNamed, devicesOf } from './domainOrder';
import { deviceEdit, type XmlEdit } from '../editTypes';
import { DISK_BUSES, DISK_CACHES, DISK_IO } from '../../../../shared/deviceOptions';
export { DISK_BUSES, DISK_CACHES, DISK_IO };

export type DiskBus = (typeof DISK_BUSES)[number];
export const DISK_FORMATS = ['raw', 'qcow2', 'vmdk', 'vdi', 'vpc', 'vhdx', 'qed', 'iso'] as const;

export type DiskSource =
  | { kind: 'file'; path: string }
  | { kind: 'block'; path: string }
  | { kind: 'volume'; pool: string; volume: string }
  /** An empty CD-ROM or floppy drive. */
  | { kind: 'none' };

export interface DiskSpec {
  device: 'disk' | 'cdrom' | 'floppy';
  bus: DiskBus;
  source: DiskSource;
  /** Target dev; chosen free for the bus when undefined. */
  target?: string;
  /** Image format (driver type); "raw" for CD-ROM media. */
  format?: (typeof DISK_FORMATS)[number];
  cache?: (typeof DISK_CACHES)[number];
  io?: (typeof DISK_IO)[number];
  readonly?: boolean;
  shareable?: boolean;
  serial?: string;
  bootOrder?: number;
}

/** The prefix of target devs on a bus, as libvirt names them. */
export function targetPrefix(bus: DiskBus): string {
  return bus === 'virtio' ? 'vd' : bus === 'ide' ? 'hd' : bus === 'fdc' ? 'fd' : 'sd';
}

/** "a", "b", ... "z", "aa", "ab", ... as virDiskNameToIndex counts. */
function suffix(index: number): string {
  let s = '';
  let i = index;
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

export function diskTargets(domain: Element): string[] {
  return devicesNamed(domain, 'disk')
    .map((d) => attribute(firstChild(d, 'target'), 'dev'))
    .filter((t): t is string => t !== undefined);
}

/** The first target dev not in use for `bus` (vda, vdb...; sda...; hda...hdd; fda, fdb). */
export function freeDiskTarget(domain: Element, bus: DiskBus): string {
  const used = new Set(diskTargets(domain));
  const limit = bus === 'ide' ? 4 : bus === 'fdc' ? 2 : 26 * 27;
  for (let i = 0; i < limit; i++) {
    const t = targetPrefix(bus) + suffix(i);
    if (!used.has(t)) return t;
  }
  throw invalidInput(`No free ${bus} target left on this guest`, 'bus');
}

function checkSpec(domain: Element, spec: DiskSpec): string {
  checkOneOf(spec.device, ['disk', 'cdrom', 'floppy'], 'Device', 'device');
  checkOneOf(spec.bus, DISK_BUSES, 'Bus', 'bus');
  if (spec.device === 'floppy' && spec.bus !== 'fdc')
    throw invalidInput('A floppy needs the fdc bus', 'bus');
  if (spec.device !== 'floppy' && spec.bus === 'fdc')
    throw invalidInput('Only a floppy uses the fdc bus', 'bus');
  if (spec.device === 'cdrom' && spec.bus === 'virtio') {
    throw invalidInput('A CD-ROM cannot be on the virtio bus; use SATA or SCSI', 'bus');
  }
  if (spec.source.kind === 'none' && spec.device === 'disk')
    throw invalidInput('A disk needs a source', 'source');
  if (spec.source.kind === 'file' || spec.source.kind === 'block')
    checkAbsolutePath(spec.source.path, 'The disk path', 'source');
  if (spec.source.kind === 'volume') {
    checkNonEmpty(spec.source.pool, 'The storage pool', 'pool');
    checkNonEmpty(spec.source.volume, 'The volume', 'volume');
  }
  if (spec.format) checkOneOf(spec.format, DISK_FORMATS, 'Format', 'format');
  if (spec.cache) checkOneOf(spec.cache, DISK_CACHES, 'Cache mode', 'cache');
  if (spec.io) checkOneOf(spec.io, DISK_IO, 'IO mode', 'io');
  if (spec.io === 'native' && spec.cache && !['none', 'directsync'].includes(spec.cache)) {
    throw invalidInput('Native IO needs cache mode "none" or "directsync"', 'io');
  }
  if (spec.serial !== undefined && !/^[A-Za-z0-9_.+ -]{1,20}$/.test(spec.serial)) {
    throw invalidInput('A disk serial is 1-20 letters, digits, spaces or _ . + -', 'serial');
  }
  if (
    spec.bootOrder !== undefined &&
    !(Number.isSafeInteger(spec.bootOrder) && spec.bootOrder > 0)
  ) {
    throw invalidInput('Boot order must be a positive whole number', 'bootOrder');
  }
  const target = spec.target ?? freeDiskTarget(domain, spec.bus);
  if (!new RegExp(`^${targetPrefix(spec.bus)}[a-z]+$`).test(target)) {
    throw invalidInput(
      `Target "${target}" does not fit the ${spec.bus} bus (${targetPrefix(spec.bus)}a, ${targetPrefix(spec.bus)}b...)`,
      'target',
    );
  }
  if (diskTargets(domain).includes(target))
    throw invalidInput(`Target ${target} is already used by another disk`, 'target');
  return target;
}

function sourceAttrs(source: DiskSource): { type: string; attrs: XmlSpec['attrs'] } {
  switch (source.kind) {
    case 'file':
      return { type: 'file', attrs: { file: source.path } };
    case 'block':
      return { type: 'block', attrs: { dev: source.path } };
    case 'volume':
      return { type: 'volume', attrs: { pool: source.pool, volume: source.volume } };
    case 'none':
      return { type: 'file', attrs: undefined };
  }
}

/** The <disk> element for `spec` with its target resolved. */
export function diskSpecXml(spec: DiskSpec & { target: string }): XmlSpec {
  const { type, attrs } = sourceAttrs(spec.source);
  const format = spec.format ?? (spec.device === 'disk' ? 'qcow2' : 'raw');
  return x('disk', { type, device: spec.device }, [
    x('driver', {
      name: 'qemu',
      type: format === 'iso' ? 'raw' : format,
      cache: spec.cache === 'default' ? undefined : spec.cache,
      io: spec.io === 'default' ? undefined : spec.io,
    }),
    attrs && x('source', attrs),
    x('target', { dev: spec.target, bus: spec.bus }),
    spec.bootOrder !== undefined && x('boot', { order: spec.bootOrder }),
    (spec.readonly || spec.device === 'cdrom') && x('readonly'),
    spec.shareable && x('shareable'),
    spec.serial !== undefined && x('serial', {}, [], spec.serial),
  ]);
}

/** The device XML for DOMAIN_ATTACH_DEVICE_FLAGS and the target it takes on this domain. */
export function newDiskDevice(domainXml: string, spec: DiskSpec): { xml: string; target: string } {
  const domain = parseXml(domainXml).documentElement;
  if (!domain) throw invalidInput('Empty domain XML');
  const target = checkSpec(domain, spec);
  return { xml: specToXml(diskSpecXml({ ...spec, target })), target };
}

export function addDisk(xml: string, spec: DiskSpec): string {
  return editXml(xml, 'domain', (domain) => {
    const target = checkSpec(domain, spec);
    insertSpec(devicesOf(domain), diskSpecXml({ ...spec, target }), DEVICE_ORDER);
  });
}

/** The <disk> with target `target`, or invalid-input. */
/**
 * The `index`-th disk and its target dev, when the dev names it (the first disk with that dev):
 * what the round trip edits, each disk in turn, through the edits that find disks by target.
 */
export function diskTargetAt(
  domain: Element,
  index: number,
): { disk: Element; target: string } | undefined {
  const disks = devicesNamed(domain, 'disk');
  const disk = disks[index];
  const target = attribute(firstChild(disk ?? domain, 'target'), 'dev');
  if (!disk || target === undefined) return undefined;
  const first = disks.find((d) => attribute(firstChild(d, 'target'), 'dev') === target);
  return first === disk ? { disk, target } : undefined;
}

export function diskByTarget(domain: Element, target: string): Element {
  const disk = devicesNamed(domain, 'disk').find(
    (d) => attribute(firstChild(d, 'target'), 'dev') === target,
  );
  if (!disk) throw invalidInput(`The guest has no disk ${target}`, 'target');
  return disk;
}

export function removeDisk(xml: string, target: string): string {
  return editXml(xml, 'domain', (domain) => removeElement(diskByTarget(domain, target)));
}

export interface DiskSettings {
  cache?: (typeof DISK_CACHES)[number];
  io?: (typeof DISK_IO)[number];
  readonly?: boolean;
  shareable?: boolean;
  /** '' removes the serial. */
  serial?: string;
}

/** Changes a disk's driver cache / io, readonly, shareable and serial; nothing else. */
export function setDiskSettings(xml: string, target: string, settings: DiskSettings): string {
  return editXml(xml, 'domain', (domain) => {
    const disk = diskByTarget(domain, target);
    if (settings.cache) checkOneOf(settings.cache, DISK_CACHES, 'Cache mode', 'cache');
    if (settings.io) checkOneOf(settings.io, DISK_IO, 'IO mode', 'io');
    if (settings.serial && !/^[A-Za-z0-9_.+ -]{1,20}$/.test(settings.serial)) {
      throw invalidInput('A disk serial is 1-20 letters, digits, spaces or _ . + -', 'serial');
    }
    if (settings.cache !== undefined || settings.io !== undefined) {
      const driver =
        firstChild(disk, 'driver') ?? insertSpec(disk, x('driver', { name: 'qemu' }), DISK_ORDER);
      if (settings.cache !== undefined)
        setAttr(driver, 'cache', settings.cache === 'default' ? undefined : settings.cache);
      if (settings.io !== undefined)
        setAttr(driver, 'io', settings.io === 'default' ? undefined : settings.io);
    }
    const flag = (name: string, on: boolean | undefined) => {
      if (on === undefined) return;
      const el = firstChild(disk, name);
      if (on && !el) insertSpec(disk, x(name), DISK_ORDER);
      if (!on && el) removeElement(el);
    };
    flag('readonly', settings.readonly);
    flag('shareable', settings.shareable);
    if (settings.serial !== undefined) {
      const el = firstChild(disk, 'serial');
      if (el && settings.serial === '') removeElement(el);
      else if (el) setText(el, settings.serial);
      else if (settings.serial !== '')
        insertSpec(disk, x('serial', {}, [], settings.serial), DISK_ORDER);
    }
  });
}

/** libvirt's order of a disk's children (virDomainDiskDefFormat). */
export const DISK_ORDER = [
  'driver',
  'auth',
  'source',
  'backingStore',
  'backenddomain',
  'geometry',
  'blockio',
  'target',
  'iotune',
  'boot',
  'readonly',
  'shareable',
  'transient',
  'serial',
  'wwn',
  'vendor',
  'product',
  'encryption',
  'alias',
  'address',
] as const;

function hasDevices(domain: Element): boolean {
  return firstChild(domain, 'devices') !== undefined;
}

export const addDiskEdit: XmlEdit<DiskSpec> = {
  id: 'domain.disk.add',
  root: 'domain',
  adds: 'disk',
  scope: ['domain/devices/disk'],
  applies: hasDevices,
  sample: () => ({
    device: 'disk',
    bus: 'virtio',
    source: { kind: 'file', path: '/var/lib/libvirt/images/virtdeck-roundtrip.qcow2' },
    format: 'qcow2',
    cache: 'none',
    io: 'native',
    serial: 'VD-ROUNDTRIP',
  }),
  apply: addDisk,
};

export const removeDiskEdit: XmlEdit<string> = deviceEdit({
  id: 'domain.disk.remove',
  root: 'domain',
  scope: ['domain/devices/disk'],
  device: 'disk',
  removes: true,
  sampleAt: (domain, index) => diskTargetAt(domain, index)?.target,
  apply: removeDisk,
});

export const diskSettingsEdit: XmlEdit<{ target: string; settings: DiskSettings }> = deviceEdit({
  id: 'domain.disk.settings',
  root: 'domain',
  scope: [
    'domain/devices/disk/driver',
    'domain/devices/disk/readonly',
    'domain/devices/disk/shareable',
    'domain/devices/disk/serial',
  ],
  device: 'disk',
  sampleAt: (domain, index) => {
    const at = diskTargetAt(domain, index);
    if (!at || at.disk.getAttribute('device') === 'cdrom') return undefined;
    const cache =
      attribute(firstChild(at.disk, 'driver'), 'cache') === 'writeback' ? 'none' : 'writeback';
    return {
      target: at.target,
      settings: { cache, shareable: !firstChild(at.disk, 'shareable'), serial: 'VD-SERIAL' },
    };
  },
  apply: (xml, p) => setDiskSettings(xml, p.target, p.settings),
});

/** Where a disk's image is: a path, POOL/VOLUME, or PROTOCOL://HOST/NAME. */
function diskSource(el: Element): string | undefined {
  const s = firstChild(el, 'source');
  if (!s) return undefined;
  const pool = attribute(s, 'pool');
  if (pool) return `${pool}/${attribute(s, 'volume') ?? ''}`;
  const net = attribute(s, 'protocol');
  if (net) {
    const host = attribute(firstChild(s, 'host') ?? s, 'name') ?? '';
    return `${net}://${host}/${attribute(s, 'name') ?? ''}`;
  }
  return attribute(s, 'file') ?? attribute(s, 'dev') ?? attribute(s, 'dir') ?? attribute(s, 'name');
}

/** What the Disks card shows and edits of a <disk> (labelled by its target dev). */
export function readDisk(el: Element): DiskRead & { label: string } {
  const device = el.getAttribute('device');
  const target = firstChild(el, 'target');
  const driver = firstChild(el, 'driver');
  return {
    kind: device === 'cdrom' ? 'cdrom' : device === 'floppy' ? 'floppy' : 'disk',
    label: attribute(target, 'dev') ?? '',
    source: diskSource(el),
    bus: attribute(target, 'bus'),
    format: attribute(driver, 'type'),
    cache: attribute(driver, 'cache'),
    io: attribute(driver, 'io'),
    readonly: firstChild(el, 'readonly') !== undefined,
    shareable: firstChild(el, 'shareable') !== undefined,
    serial: firstChild(el, 'serial')?.textContent ?? undefined,
  };
}
