/**
 * What a VM's XML says about its storage, for the delete plan: each `<disk>` with its flags and
 * its backing chain as far as the XML shows it (libvirt writes the chain into the live XML of a
 * running guest only), each external snapshot's overlay files (the snapshots' own XML names the
 * file each one created), the NVRAM file and whether libvirt keeps TPM state for the guest.
 */
import type { Element } from '@xmldom/xmldom';
import type { DeletableDisk } from '../../../shared/api/methods/vmDelete';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import { readSnapshotXml } from '../snapshots/snapshotXml';

/** One `<disk>` of the domain XML. */
export interface VmDisk {
  target: string;
  device: DeletableDisk['device'];
  /** file, block, dir, network, volume, nvme, vhostuser... */
  type: string;
  /** The file a `file` disk names; for a `volume` disk, resolved later through its pool. */
  path?: string;
  pool?: string;
  volume?: string;
  readOnly: boolean;
  shareable: boolean;
  /** The backing chain below the source, top first, when the XML carries it (a running guest). */
  backingChain: string[];
}

export interface VmStorageFacts {
  disks: VmDisk[];
  /** The NVRAM file of a UEFI guest, when the XML names it. */
  nvram?: string;
  /**
   * UEFI firmware: the guest has an NVRAM file once it has run, also when the persistent XML does
   * not name it (libvirt 9.0 resolves firmware='efi' at each start and writes it nowhere).
   */
  uefi: boolean;
  /** An emulated TPM (swtpm): libvirt keeps its state on the host until the VM is undefined. */
  tpmState: boolean;
}

const DEVICES: readonly DeletableDisk['device'][] = ['disk', 'cdrom', 'floppy', 'lun'];

export function readVmStorage(domainXml: string): VmStorageFacts {
  const root = parseXml(domainXml).documentElement ?? undefined;
  const devices = root && firstChild(root, 'devices');
  const os = root && firstChild(root, 'os');
  const nvram = os && firstChild(os, 'nvram');
  const nvramPath =
    nvram?.textContent?.trim() || attribute(nvram && firstChild(nvram, 'source'), 'file');
  return {
    disks: devices ? childElements(devices, 'disk').map(readDisk) : [],
    nvram: nvramPath || undefined,
    uefi:
      attribute(os, 'firmware') === 'efi' ||
      attribute(os && firstChild(os, 'loader'), 'type') === 'pflash',
    tpmState: devices
      ? childElements(devices, 'tpm').some(
          (tpm) => attribute(firstChild(tpm, 'backend'), 'type') === 'emulator',
        )
      : false,
  };
}

function readDisk(disk: Element): VmDisk {
  const source = firstChild(disk, 'source');
  const device = attribute(disk, 'device') ?? 'disk';
  return {
    target: attribute(firstChild(disk, 'target'), 'dev') ?? '',
    device: DEVICES.find((d) => d === device) ?? 'disk',
    type: attribute(disk, 'type') ?? 'file',
    path: attribute(source, 'file') ?? attribute(source, 'dev') ?? attribute(source, 'dir'),
    pool: attribute(source, 'pool'),
    volume: attribute(source, 'volume'),
    readOnly: firstChild(disk, 'readonly') !== undefined,
    shareable: firstChild(disk, 'shareable') !== undefined,
    backingChain: backingChain(disk),
  };
}

function backingChain(holder: Element): string[] {
  const out: string[] = [];
  for (let b = firstChild(holder, 'backingStore'); b; b = firstChild(b, 'backingStore')) {
    const path = attribute(firstChild(b, 'source'), 'file');
    if (!path) break;
    out.push(path);
  }
  return out;
}

/** One snapshot as its XML describes it. */
export interface SnapshotFacts {
  name: string;
  parent?: string;
  /** Any disk (or the memory) kept outside the disk images: only its metadata is deleted. */
  external: boolean;
  /** The overlay each external disk snapshot created, by the disk's target. */
  overlays: { target: string; path: string }[];
  /** Where an external snapshot with memory keeps the guest's memory. */
  memoryFile?: string;
}

/**
 * The snapshot's name, parent and location as the snapshots service reads them (one reader of
 * `<domainsnapshot>`), plus the files it made: each external disk's overlay and its memory file.
 */
export function readSnapshot(snapshotXml: string): SnapshotFacts {
  const { name, parent, location } = readSnapshotXml(snapshotXml);
  const root = parseXml(snapshotXml).documentElement ?? undefined;
  const disksEl = root && firstChild(root, 'disks');
  const overlays: SnapshotFacts['overlays'] = [];
  for (const disk of disksEl ? childElements(disksEl, 'disk') : []) {
    if (attribute(disk, 'snapshot') !== 'external') continue;
    const path = attribute(firstChild(disk, 'source'), 'file');
    if (path) overlays.push({ target: attribute(disk, 'name') ?? '', path });
  }
  const memory = root && firstChild(root, 'memory');
  const memoryFile =
    attribute(memory, 'snapshot') === 'external' ? attribute(memory, 'file') : undefined;
  return {
    name,
    parent: parent || undefined,
    external: location === 'external',
    overlays,
    memoryFile,
  };
}

/** Children before their parents, so no deletion has to re-parent anything. */
export function leavesFirst<S extends SnapshotFacts>(snapshots: S[]): S[] {
  const byName = new Map(snapshots.map((s) => [s.name, s]));
  const depth = (s: S): number => {
    let d = 0;
    for (let p = s.parent && byName.get(s.parent); p && d < snapshots.length; d++) {
      p = p.parent ? byName.get(p.parent) : undefined;
    }
    return d;
  };
  return [...snapshots].sort((a, b) => depth(b) - depth(a));
}
