/**
 * Which kind of snapshot a VM gets, decided as cockpit-machines and virt-manager 5.1 do, before
 * anything is made:
 * - external (each disk gets a qcow2 overlay, memory goes to a file) when the host's libvirt can
 *   also revert and delete external snapshots (it says so with `<externalSnapshot/>` in the
 *   guest's capabilities: libvirt 9.10 and later; reverting came in 9.9) and every disk in the
 *   snapshot is a plain file (libvirt issue 631: other disk types fail);
 * - otherwise internal (kept inside the qcow2 images) when every such disk is qcow2 and the
 *   firmware allows it: libvirt keeps a UEFI guest's NVRAM outside the images, and snapshots it
 *   internally from 10.9 (create) and 10.10 (revert and delete), so UEFI needs 10.10;
 * - never both in one VM: the snapshots it already has decide (reverting across a mix is what
 *   libvirt cannot do), and a disk the domain marks `snapshot='internal'` asks for internal.
 * CD-ROMs, read-only disks and disks marked `snapshot='no'` are not part of a snapshot.
 */
import type { Element } from '@xmldom/xmldom';
import type { SnapshotBlocker, SnapshotCapability } from '../../../shared/api/methods/snapshots';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import type { SnapshotLocation } from './snapshotXml';

export interface SnapshotDisk {
  target: string;
  /** libvirt's disk type: file, block, network, volume, dir. */
  type: string;
  /** The image format (`<driver type>`): qcow2, raw... */
  format?: string;
  /** The image file, for a file disk. */
  file?: string;
  /** Part of a snapshot: a writable disk (not a CD-ROM or floppy) with a source. */
  included: boolean;
  /** The domain's own `snapshot=` preference for the disk. */
  preference?: string;
}

export interface VmSnapshotFacts {
  disks: SnapshotDisk[];
  /** UEFI firmware with its NVRAM in pflash. */
  uefi: boolean;
  arch: string;
  osType: string;
}

export interface HostSnapshotSupport {
  /** libvirt's version, packed as major * 1e6 + minor * 1e3 + micro. */
  libvirtVersion: number;
  /** `osType/arch` pairs whose guest capabilities list `<externalSnapshot/>`. */
  externalSnapshotGuests: ReadonlySet<string>;
}

/** libvirt reverts and deletes internal snapshots of UEFI guests from 10.10.0. */
const UEFI_INTERNAL_VERSION = 10_010_000;

export function readVmSnapshotFacts(domainXml: string): VmSnapshotFacts {
  const root = parseXml(domainXml).documentElement;
  if (!root) throw new Error('domain XML without a root element');
  const os = firstChild(root, 'os');
  const type = os && firstChild(os, 'type');
  const loader = os && firstChild(os, 'loader');
  const devices = firstChild(root, 'devices');
  return {
    disks: devices ? childElements(devices, 'disk').map(readDisk) : [],
    uefi: attribute(os, 'firmware') === 'efi' || attribute(loader, 'type') === 'pflash',
    arch: attribute(type, 'arch') ?? '',
    osType: type?.textContent?.trim() ?? 'hvm',
  };
}

function readDisk(el: Element): SnapshotDisk {
  const device = attribute(el, 'device') ?? 'disk';
  const source = firstChild(el, 'source');
  const hasSource =
    source !== undefined &&
    ['file', 'dev', 'name', 'volume', 'dir'].some((a) => attribute(source, a) !== undefined);
  const preference = attribute(el, 'snapshot');
  return {
    target: attribute(firstChild(el, 'target'), 'dev') ?? '',
    type: attribute(el, 'type') ?? 'file',
    format: attribute(firstChild(el, 'driver'), 'type'),
    file: attribute(source, 'file'),
    included:
      (device === 'disk' || device === 'lun') &&
      firstChild(el, 'readonly') === undefined &&
      hasSource &&
      preference !== 'no',
    preference,
  };
}

/** The guest features in the host's capabilities XML that allow external snapshots. */
export function externalSnapshotGuests(capabilitiesXml: string): Set<string> {
  const root = parseXml(capabilitiesXml).documentElement;
  const out = new Set<string>();
  for (const guest of root ? childElements(root, 'guest') : []) {
    const features = firstChild(guest, 'features');
    if (!features || !firstChild(features, 'externalSnapshot')) continue;
    const osType = firstChild(guest, 'os_type')?.textContent?.trim() ?? '';
    const arch = attribute(firstChild(guest, 'arch'), 'name') ?? '';
    out.add(`${osType}/${arch}`);
  }
  return out;
}

interface Blocked {
  blocker: SnapshotBlocker;
  blockerDisk?: string;
}

function externalBlocked(vm: VmSnapshotFacts, host: HostSnapshotSupport): Blocked | undefined {
  if (!host.externalSnapshotGuests.has(`${vm.osType}/${vm.arch}`)) {
    return { blocker: 'libvirt-too-old' };
  }
  const notFile = vm.disks.find((d) => d.included && (d.type !== 'file' || !d.file));
  return notFile ? { blocker: 'disk-not-file', blockerDisk: notFile.target } : undefined;
}

function internalBlocked(vm: VmSnapshotFacts, host: HostSnapshotSupport): Blocked | undefined {
  const notQcow2 = vm.disks.find((d) => d.included && d.format !== 'qcow2');
  if (notQcow2) return { blocker: 'raw-disk', blockerDisk: notQcow2.target };
  if (vm.uefi && host.libvirtVersion < UEFI_INTERNAL_VERSION) {
    return { blocker: 'uefi-old-libvirt' };
  }
  return undefined;
}

/** The mode a new snapshot of this VM takes, or why none can be made. */
export function decideSnapshotMode(
  vm: VmSnapshotFacts,
  host: HostSnapshotSupport,
  existing: readonly SnapshotLocation[],
): SnapshotCapability {
  const external = externalBlocked(vm, host);
  const internal = internalBlocked(vm, host);
  const modes = new Set(existing);
  if (modes.size > 1) return { blocker: 'mixed-modes' };
  if (modes.has('external')) return external ?? { mode: 'external' };
  if (modes.has('internal')) {
    if (!internal) return { mode: 'internal' };
    // Only the snapshots it has keep it from external.
    return external ? internal : { blocker: 'mixed-modes' };
  }
  const prefersInternal = vm.disks.some((d) => d.included && d.preference === 'internal');
  if (!external && !(prefersInternal && !internal)) return { mode: 'external' };
  if (!internal) return { mode: 'internal' };
  // Neither: a disk that is no file says most; otherwise what keeps internal out.
  return external?.blocker === 'disk-not-file' ? external : internal;
}
