/**
 * The delete dialog's content (virt-manager's delete.py, with its rules made stricter): every
 * file the VM's disks use, in its inactive and live XML, plus the external snapshot overlays it
 * owns, each with the default of its checkbox and the reason a default is "keep". A file is kept
 * by default when it is read-only, shareable, removable media or an ISO, when another VM uses it
 * (every domain's XML and backing chains, services/storage/volumeUsage), when a volume that is not
 * this VM's own is backed by it (a linked clone's base), or when it is in no pool (then only the
 * user's own check deletes it, over the host's file access). Below a disk's file, the backing
 * chain belongs to the VM only as far as it was made by the VM's own snapshots: a linked clone's
 * base is never listed as its clone's.
 */
import type {
  DeletableDisk,
  DiskKeepReason,
  VmDeletePlan,
} from '../../../shared/api/methods/vmDelete';
import type { HostFileEntry, Host } from '../../hosts/host';
import { getDomainXml, hasManagedSave } from '../../libvirt/domain';
import { virDomainXMLFlags } from '../../libvirt/rpc/generated/libvirtEnums';
import type { LibvirtConnection } from '../../libvirt/connection';
import type { RpcClient } from '../../libvirt/rpc/client';
import { isNoSupport } from '../../libvirt/rpc/errors';
import { uuidToString, type SnapshotRef } from '../../libvirt/refs';
import { getSnapshotXml, listSnapshots } from '../../libvirt/snapshot';
import { normalizePath, scanVolumeUsage, type VolumeUsage } from '../storage/volumeUsage';
import { openVm, type VmHandle } from '../vmDetails/vmXml';
import { HostStorage, type StoredVolume } from './hostStorage';
import {
  leavesFirst,
  readSnapshot,
  readVmStorage,
  type SnapshotFacts,
  type VmDisk,
} from './vmDisks';

/** A planned disk with what the delete needs beyond what the dialog shows. */
export interface PlannedDisk extends DeletableDisk {
  /** The file this one is an overlay on, when known: the delete removes this one first. */
  backing?: string;
  /** The pool volume, deleted through libvirt; absent for a file in no pool. */
  stored?: StoredVolume;
  /** Other VMs using it and other volumes backed by it: deleting it is refused. */
  neededBy: string[];
}

export interface DeletePlanDetail {
  plan: VmDeletePlan;
  vm: VmHandle;
  disks: PlannedDisk[];
  snapshots: (SnapshotFacts & { ref: SnapshotRef })[];
}

/** Another connection to the same host, whose VMs may use the same files. */
export interface NeighbourConnection {
  /** Shown after its VMs' names: "web (qemu:///session)". */
  label: string;
  rpc: RpcClient;
}

export async function planVmDelete(
  connection: LibvirtConnection,
  uuid: string,
  neighbours: NeighbourConnection[] = [],
): Promise<VmDeletePlan> {
  return (await readDeletePlan(connection, uuid, neighbours)).plan;
}

export async function readDeletePlan(
  connection: LibvirtConnection,
  uuid: string,
  neighbours: NeighbourConnection[] = [],
): Promise<DeletePlanDetail> {
  const { host, rpc } = connection;
  const vm = await openVm(rpc, uuid);
  const [xmls, snapshots, managedSave] = await Promise.all([
    domainXmls(vm),
    readSnapshots(vm),
    vm.persistent ? hasManagedSave(rpc, vm.dom) : false,
  ]);
  const facts = xmls.map(readVmStorage);
  const vmDisks = facts.flatMap((f) => f.disks);
  const overlays = snapshots.flatMap((s) => s.overlays);
  const memoryFiles = snapshots.flatMap((s) =>
    s.memoryFile ? [{ snapshot: s.name, path: s.memoryFile }] : [],
  );
  const [storage, usage] = await Promise.all([
    HostStorage.read(rpc, {
      paths: [
        ...vmDisks.flatMap((d) => (d.path ? [d.path, ...d.backingChain] : [])),
        ...overlays.map((o) => o.path),
        ...memoryFiles.map((m) => m.path),
      ],
      pools: vmDisks.flatMap((d) => (d.pool ? [d.pool] : [])),
    }),
    scanVolumeUsage(rpc, neighbours),
  ]);
  const candidates = listCandidates(vmDisks, overlays, memoryFiles, storage);
  const stats = await statOutsidePools(
    host,
    candidates.filter((c) => !c.notAFile && !c.stored).map((c) => c.path),
  );
  const nvram =
    facts.find((f) => f.nvram)?.nvram ??
    (facts.some((f) => f.uefi) ? await defaultNvram(connection, vm.dom.name) : undefined);
  const owned = new Set(candidates.map((c) => normalizePath(c.path)));
  const disks = candidates.map((c) =>
    judge(c, { vmName: vm.dom.name, usage, storage, owned, stat: stats.get(c.path) }),
  );
  return {
    vm,
    disks,
    snapshots,
    plan: {
      uuid: uuidToString(vm.dom.uuid),
      name: vm.dom.name,
      active: vm.active,
      disks: disks.map(({ backing: _b, stored: _s, neededBy: _n, ...shown }) => shown),
      alsoRemoved: {
        managedSave,
        snapshots: snapshots.length,
        nvram,
        tpmState: facts.some((f) => f.tpmState),
      },
    },
  };
}

async function domainXmls(vm: VmHandle): Promise<string[]> {
  const [inactive, live] = await Promise.all([
    vm.persistent
      ? getDomainXml(vm.rpc, vm.dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)
      : undefined,
    vm.active ? getDomainXml(vm.rpc, vm.dom) : undefined,
  ]);
  return [inactive, live].filter((x): x is string => x !== undefined);
}

async function readSnapshots(vm: VmHandle): Promise<DeletePlanDetail['snapshots']> {
  // A driver without snapshots (LXC) has none to delete.
  const refs = await listSnapshots(vm.rpc, vm.dom).catch((err: unknown) => {
    if (isNoSupport(err)) return [];
    throw err;
  });
  const snapshots = await Promise.all(
    refs.map(async (ref) => ({ ...readSnapshot(await getSnapshotXml(vm.rpc, ref)), ref })),
  );
  // Children first: deleting a parent's metadata then re-parents nothing.
  return leavesFirst(snapshots);
}

/**
 * Where the system daemon keeps a UEFI guest's NVRAM when its XML names none (qemu.conf's
 * nvram_dir, qemuDomainNVRAMPathFormat): the undefine removes it. Said unless the file is known
 * to be missing (a user in the libvirt group cannot look into /var/lib/libvirt/qemu).
 */
async function defaultNvram(
  connection: LibvirtConnection,
  name: string,
): Promise<string | undefined> {
  const { driver, path: daemon } = connection.uri;
  if (driver !== 'qemu' || daemon !== '/system') return undefined;
  const path = `/var/lib/libvirt/qemu/nvram/${name}_VARS.fd`;
  const stat = await statOutsidePools(connection.host, [path]);
  return stat.get(path) === 'missing' ? undefined : path;
}

/** A file the plan lists, before the rules decide its checkbox. */
interface Candidate {
  path: string;
  target: string;
  device: DeletableDisk['device'];
  readOnly: boolean;
  shareable: boolean;
  /** A network disk, a block device, a directory: never deleted. */
  notAFile: boolean;
  /** Made by one of the VM's external snapshots. */
  overlay: boolean;
  /** The snapshot whose memory this file keeps. */
  memoryOf?: string;
  backing?: string;
  stored?: StoredVolume;
}

function listCandidates(
  vmDisks: VmDisk[],
  overlays: SnapshotFacts['overlays'],
  memoryFiles: { snapshot: string; path: string }[],
  storage: HostStorage,
): Candidate[] {
  const overlayPaths = new Set(overlays.map((o) => normalizePath(o.path)));
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (c: Candidate) => {
    const key = normalizePath(c.path);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const d of vmDisks) {
    const base = {
      target: d.target,
      device: d.device,
      readOnly: d.readOnly,
      shareable: d.shareable,
    };
    const stored =
      d.type === 'volume' && d.pool && d.volume ? storage.volumeNamed(d.pool, d.volume) : undefined;
    // A volume no running pool has is named, never deleted: it has no path to delete by.
    if ((d.type !== 'file' && d.type !== 'volume') || (d.type === 'volume' && !stored)) {
      const path = d.path ?? (d.pool && d.volume ? `${d.pool}/${d.volume}` : undefined);
      if (path) add({ ...base, path, notAFile: true, overlay: false });
      continue;
    }
    const top = stored?.path ?? d.path;
    if (!top) continue; // an empty CD-ROM drive
    const chain = [top, ...(d.backingChain.length ? d.backingChain : storedChain(top, storage))];
    // Below the disk's file, only what the VM's own snapshots stacked is the VM's.
    for (const [i, path] of chain.entries()) {
      add({
        ...base,
        path,
        notAFile: false,
        overlay: overlayPaths.has(normalizePath(path)),
        backing: chain[i + 1],
        stored: i === 0 && stored ? stored : storage.volumeAt(path),
      });
      if (!overlayPaths.has(normalizePath(path))) break;
    }
  }
  // Overlays of snapshots the current chain no longer includes (a revert, a branch).
  for (const o of overlays) {
    const disk = vmDisks.find((d) => d.target === o.target);
    const stored = storage.volumeAt(o.path);
    add({
      path: o.path,
      target: o.target,
      device: disk?.device ?? 'disk',
      readOnly: disk?.readOnly ?? false,
      shareable: disk?.shareable ?? false,
      notAFile: false,
      overlay: true,
      backing: stored?.backingPath,
      stored,
    });
  }
  // An external snapshot's memory: the VM's own file, though no disk image.
  for (const m of memoryFiles) {
    add({
      path: m.path,
      target: '',
      device: 'disk',
      readOnly: false,
      shareable: false,
      notAFile: false,
      overlay: false,
      memoryOf: m.snapshot,
      stored: storage.volumeAt(m.path),
    });
  }
  return out;
}

/** The backing chain below `path` as the pools' volumes describe it (a shut-off guest's XML does not). */
function storedChain(path: string, storage: HostStorage): string[] {
  const chain: string[] = [];
  const seen = new Set([normalizePath(path)]);
  for (let p = storage.volumeAt(path)?.backingPath; p && !seen.has(normalizePath(p));) {
    seen.add(normalizePath(p));
    chain.push(p);
    p = storage.volumeAt(p)?.backingPath;
  }
  return chain;
}

/** What is at each path in no pool, over the host's own file access; undefined when unknown. */
async function statOutsidePools(
  host: Host,
  paths: string[],
): Promise<Map<string, HostFileEntry | 'missing'>> {
  const out = new Map<string, HostFileEntry | 'missing'>();
  if (paths.length === 0) return out;
  const files = await host.files().catch(() => undefined);
  if (!files) return out;
  try {
    for (const path of paths) {
      try {
        out.set(path, await files.stat(path));
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') out.set(path, 'missing');
      }
    }
  } finally {
    files.close();
  }
  return out;
}

interface Judging {
  vmName: string;
  usage: VolumeUsage;
  storage: HostStorage;
  owned: Set<string>;
  stat: HostFileEntry | 'missing' | undefined;
}

function judge(c: Candidate, j: Judging): PlannedDisk {
  const shown = {
    path: c.path,
    target: c.target,
    device: c.device,
    overlayOf: c.overlay ? (c.backing ?? c.target) : undefined,
    memoryOf: c.memoryOf,
    pool: c.stored?.pool.name,
    volume: c.stored?.vol.name,
    sizeBytes: c.stored?.allocation ?? (typeof j.stat === 'object' ? j.stat.size : undefined),
  };
  const notAFile =
    c.notAFile ||
    (c.stored
      ? !j.storage.deletable(c.stored)
      : j.stat === 'missing' || (j.stat !== undefined && j.stat.type !== 'file'));
  if (notAFile) {
    return {
      ...shown,
      deletable: false,
      defaultChecked: false,
      keepReason: 'not-a-file',
      neededBy: [],
    };
  }
  const users = j.usage
    .usersOf({ pool: c.stored?.pool.name ?? '', name: c.stored?.vol.name ?? '', path: c.path })
    .filter((name) => name !== j.vmName);
  const backed = j.storage
    .backedBy(c.path)
    .filter((v) => !j.owned.has(normalizePath(v.path)))
    .map((v) => v.vol.name);
  const reason = keepReason(c, users, backed);
  return {
    ...shown,
    deletable: true,
    defaultChecked: reason === undefined,
    keepReason: reason,
    usedBy: users.length ? users : backed.length ? backed : undefined,
    neededBy: [...users, ...backed],
    backing: c.backing,
    stored: c.stored,
  };
}

/** The first rule that keeps the file; what others need comes first, as it matters most. */
function keepReason(c: Candidate, users: string[], backed: string[]): DiskKeepReason | undefined {
  if (users.length) return 'used-by-other-vm';
  if (backed.length) return 'backing-file';
  // Removable media before read-only: a CD-ROM is read-only too, and "CD-ROM" says why better.
  if (c.device === 'cdrom' || c.device === 'floppy') return 'cdrom';
  if (/\.iso$/i.test(c.path) || c.stored?.format === 'iso') return 'iso';
  if (c.readOnly) return 'read-only';
  if (c.shareable) return 'shareable';
  if (!c.stored) return 'outside-pool';
  return undefined;
}
