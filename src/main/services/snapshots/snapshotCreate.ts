/**
 * Taking a snapshot: every check first (the name, a running job, the mode the VM allows, memory
 * only for a running guest), so a refusal leaves nothing behind; then one atomic create, and a
 * thumbnail of the display kept on this machine when the guest runs with one.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { SnapshotBlocker, SnapshotInfo } from '../../../shared/api/methods/snapshots';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg, type MessageKey } from '../../../shared/messages/message';
import { getDomainXml } from '../../libvirt/domain';
import { uuidToString } from '../../libvirt/refs';
import { isNotFound } from '../../libvirt/rpc/errors';
import { virDomainSnapshotCreateFlags } from '../../libvirt/rpc/generated/libvirtEnums';
import {
  createSnapshot,
  getSnapshotXml,
  lookupSnapshot,
  takeScreenshot,
} from '../../libvirt/snapshot';
import { childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import type { VmHandle } from '../vmDetails/vmXml';
import { screenshotThumbnail } from './screenshotPng';
import { decideSnapshotMode, readVmSnapshotFacts, type SnapshotDisk } from './snapshotMode';
import { hostSnapshotSupport, readAllSnapshots, refuseWhileJobRuns } from './snapshots';
import { buildSnapshotXml, readSnapshotXml, type NewSnapshotXml } from './snapshotXml';
import type { SnapshotThumbnails } from './thumbnails';
import { timestampName } from '../../../shared/snapshotNames';

export interface NewSnapshot {
  name?: string;
  description?: string;
  memory: boolean;
}

const BLOCKER_WORDS: Record<SnapshotBlocker, MessageKey> = {
  'raw-disk': 'snapshotCreate.rawDisk',
  'uefi-old-libvirt': 'snapshotCreate.uefiOldLibvirt',
  'libvirt-too-old': 'snapshotCreate.libvirtTooOld',
  'disk-not-file': 'snapshotCreate.diskNotFile',
  'mixed-modes': 'snapshotCreate.mixedModes',
};

function checkedName(raw: string | undefined): string {
  if (raw === undefined) return timestampName();
  const name = raw.trim();
  const fault = !name
    ? msg('snapshot.nameEmpty')
    : name.includes('/')
      ? msg('snapshot.nameSlash')
      : undefined;
  if (fault) throw InvalidInputError.ofFields({ name: fault });
  return name;
}

/**
 * Before 10.10 libvirt takes a running guest's internal snapshot with the human monitor's
 * `savevm`, which drops a name with a double quote: QEMU saves nothing, libvirt records the
 * snapshot, and reverting to it kills the guest ("Snapshot ... does not exist"; seen on 9.0).
 */
const QMP_SAVEVM_VERSION = 10_010_000;

function refuseHmpUnsafeName(name: string): void {
  if (/["\\]/.test(name)) {
    throw InvalidInputError.ofFields({
      name: msg('snapshot.nameHmpUnsafe'),
    });
  }
}

/**
 * A part of a file name for the snapshot: its name's plain characters and a hash of the whole
 * (names may hold slashes, quotes, `$(...)` or unicode; two names never share a file).
 */
function fileSafe(name: string): string {
  const plain = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8);
  return `${plain}-${hash}`;
}

/** `/dir/vm.qcow2` -> `/dir/vm.<name>.qcow2`: the overlay or memory file next to the image. */
function besideImage(image: string, name: string, extension: string): string {
  const base = posix.basename(image).replace(/\.[^.]*$/, '');
  return posix.join(posix.dirname(image), `${base}.${fileSafe(name)}.${extension}`);
}

function externalPlan(name: string, disks: SnapshotDisk[], memory: boolean) {
  const included = disks.filter((d) => d.included && d.file);
  const first = included[0]?.file;
  if (memory && !first) {
    throw new VirtdeckError('not-supported', msg('snapshot.noDiskForMemory'));
  }
  return {
    memory: memory ? ('external' as const) : ('no' as const),
    memoryFile: memory && first ? besideImage(first, name, 'mem') : undefined,
    disks: disks.map((d) =>
      d.included && d.file
        ? {
            target: d.target,
            snapshot: 'external' as const,
            overlay: besideImage(d.file, name, 'qcow2'),
          }
        : { target: d.target, snapshot: 'no' as const },
    ),
  };
}

/** The display as a PNG thumbnail, when the guest runs with one; none when that fails. */
async function thumbnailOf(vm: VmHandle, liveXml: string): Promise<Buffer | undefined> {
  const devices = firstChild(parseXml(liveXml).documentElement!, 'devices');
  if (!vm.active || !devices || childElements(devices, 'graphics').length === 0) return undefined;
  try {
    return screenshotThumbnail(await takeScreenshot(vm.rpc, vm.dom));
  } catch (err) {
    // A snapshot without its picture is still the snapshot asked for.
    console.warn('Virtdeck: no thumbnail for the snapshot:', err);
    return undefined;
  }
}

export async function createVmSnapshot(
  vm: VmHandle,
  thumbnails: SnapshotThumbnails,
  request: NewSnapshot,
): Promise<SnapshotInfo> {
  const name = checkedName(request.name);
  const existing = await lookupSnapshot(vm.rpc, vm.dom, name).then(
    () => true,
    (err: unknown) => {
      if (isNotFound(err)) return false;
      throw err;
    },
  );
  if (existing) {
    throw InvalidInputError.ofFields({ name: msg('snapshot.nameTaken', { name }) });
  }
  if (request.memory && !vm.active) {
    throw InvalidInputError.ofFields({
      memory: msg('snapshot.memoryNeedsRunning'),
    });
  }
  await refuseWhileJobRuns(vm);

  const [domainXml, host, others] = await Promise.all([
    getDomainXml(vm.rpc, vm.dom),
    hostSnapshotSupport(vm.rpc),
    readAllSnapshots(vm),
  ]);
  const facts = readVmSnapshotFacts(domainXml);
  const capability = decideSnapshotMode(
    facts,
    host,
    others.map((s) => s.location),
  );
  if (!capability.mode) {
    const blocker = capability.blocker ?? 'libvirt-too-old';
    throw new VirtdeckError(
      'not-supported',
      msg(BLOCKER_WORDS[blocker], { disk: capability.blockerDisk ?? '' }),
    );
  }

  if (capability.mode === 'internal' && vm.active && host.libvirtVersion < QMP_SAVEVM_VERSION) {
    refuseHmpUnsafeName(name);
  }

  let spec: NewSnapshotXml;
  let flags: number = virDomainSnapshotCreateFlags.VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC;
  if (capability.mode === 'external') {
    const withMemory = vm.active && request.memory;
    spec = {
      name,
      description: request.description,
      ...externalPlan(name, facts.disks, withMemory),
    };
    if (!withMemory) flags |= virDomainSnapshotCreateFlags.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
  } else {
    // QEMU keeps a running guest's internal snapshot with its memory, always (savevm).
    spec = {
      name,
      description: request.description,
      memory: vm.active ? 'internal' : 'no',
      disks: facts.disks.map((d) => ({
        target: d.target,
        snapshot: d.included ? ('internal' as const) : ('no' as const),
      })),
    };
  }

  const png = await thumbnailOf(vm, domainXml);
  const snap = await createSnapshot(vm.rpc, vm.dom, buildSnapshotXml(spec), flags);
  const uuid = uuidToString(vm.dom.uuid);
  // A thumbnail left by an earlier snapshot of this name (deleted behind the app) must not show.
  const kept = await (png ? thumbnails.save(uuid, name, png) : thumbnails.remove(uuid, name)).then(
    () => png !== undefined,
    (err: unknown) => {
      console.warn('Virtdeck: could not keep the snapshot thumbnail:', err);
      return false;
    },
  );
  const info = readSnapshotXml(await getSnapshotXml(vm.rpc, snap));
  return { ...info, current: true, hasThumbnail: kept };
}
