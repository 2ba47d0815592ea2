/**
 * The VM list of one host as the UI shows it (VmSummary): the whole list in a handful of calls,
 * and one VM again after an event says it changed.
 */
import type { VmSummary } from '../../shared/api/types';
import type { LibvirtDriver } from '../../shared/libvirtUri';
import {
  domainStateName,
  getDomainAutostart,
  getDomainInfo,
  type DomainInfo,
  hasManagedSave,
  isDomainPersistent,
  listAllDomains,
  lookupDomainByUuid,
} from '../libvirt/domain';
import { uuidFromString, uuidToString, type DomainRef } from '../libvirt/refs';
import { isNotFound } from '../libvirt/rpc/errors';
import type { RpcClient } from '../libvirt/rpc/client';
import { getDomainMetadataElement } from '../libvirt/domainConfig';
import { VIRTDECK_NS } from '../xml/edits/domain/metadata';
import { isTemplate } from './vmClone/template';
import { childElements, parseXml } from '../xml/xmlDocument';
import { getAllDomainStats } from '../libvirt/domainStats';
import {
  virConnectGetAllDomainStatsFlags,
  virConnectListAllDomainsFlags,
  virDomainModificationImpact,
  virDomainStatsTypes,
} from '../libvirt/rpc/generated/libvirtEnums';

/** The domain went away between two calls (libvirt's not-found, from a domain call). */
export function isNoDomainError(err: unknown): boolean {
  return isNotFound(err);
}

/**
 * Every VM of the host, complete: the first listing and its per-VM rest, awaited together.
 * For callers that want whole rows at once; the host session shows the first part first.
 */
export async function listVmSummaries(
  rpc: RpcClient,
  connectionId: string,
  driver?: LibvirtDriver,
): Promise<VmSummary[]> {
  return completeVmSummaries(rpc, await firstVmSummaries(rpc, connectionId, driver));
}

/**
 * Every VM of the host in a handful of calls, whatever their number: the four filtered lists
 * (all, autostart, managed save, persistent) and ONE bulk stats call for state and sizes. What
 * needs a call per VM (tags and the template mark, and the sizes where the driver's bulk stats
 * lack them, as the test driver's do) is left `pending` for completeVmSummaries: at 0.2-0.3 ms a
 * call over SSH, 2000 VMs x 3 calls kept the list from showing for seconds.
 * A driver without the bulk call (LXC) is not asked for it (libvirtd logs each refusal) and gets
 * the per-VM info call here.
 */
export async function firstVmSummaries(
  rpc: RpcClient,
  connectionId: string,
  driver?: LibvirtDriver,
): Promise<VmSummary[]> {
  const {
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART,
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE,
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
  } = virConnectListAllDomainsFlags;
  const uuidsOf = async (flags: number): Promise<Set<string>> =>
    new Set((await listAllDomains(rpc, flags)).map((d) => uuidToString(d.uuid)));
  const [domains, autostart, managedSave, persistent, bulk] = await Promise.all([
    listAllDomains(rpc, 0),
    uuidsOf(VIR_CONNECT_LIST_DOMAINS_AUTOSTART),
    uuidsOf(VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE),
    uuidsOf(VIR_CONNECT_LIST_DOMAINS_PERSISTENT),
    DRIVERS_WITHOUT_BULK_STATS.has(driver) ? new Map<string, BulkInfo>() : bulkListInfo(rpc),
  ]);
  const rows = await Promise.all(
    domains.map(async (dom): Promise<VmSummary | null> => {
      const uuid = uuidToString(dom.uuid);
      const flags = {
        autostart: autostart.has(uuid),
        hasManagedSave: managedSave.has(uuid),
        persistent: persistent.has(uuid),
      };
      const known = bulk.get(uuid);
      if (known) {
        const pending = known.sized ? 'metadata' : 'sizes';
        return { ...summary(connectionId, driver, dom, known.info, flags), pending };
      }
      // No bulk call, or a VM defined after it: its info now, its metadata later.
      try {
        const info = await getDomainInfo(rpc, dom);
        return { ...summary(connectionId, driver, dom, info, flags), pending: 'metadata' };
      } catch (err) {
        if (isNoDomainError(err)) return null;
        throw err;
      }
    }),
  );
  return rows.filter((row): row is VmSummary => row !== null);
}

/**
 * What firstVmSummaries left pending, read per VM (all the calls in flight at once on the one
 * connection): complete rows, handed to `onRows` in batches as they come so a big list fills in
 * while the rest is read. A VM gone meanwhile is left out.
 */
export async function completeVmSummaries(
  rpc: RpcClient,
  rows: readonly VmSummary[],
  onRows: (rows: VmSummary[]) => void = () => {},
): Promise<VmSummary[]> {
  const batch = new RowBatcher(onRows);
  const done = await mapAtMost(ROWS_IN_FLIGHT, rows, async (row): Promise<VmSummary | null> => {
    if (!row.pending) return row;
    try {
      const complete = await completeRow(rpc, row);
      batch.add(complete);
      return complete;
    } catch (err) {
      if (isNoDomainError(err)) return null;
      throw err;
    }
  });
  batch.flush();
  return done.filter((row): row is VmSummary => row !== null);
}

async function completeRow(rpc: RpcClient, row: VmSummary): Promise<VmSummary> {
  const dom: DomainRef = { name: row.name, uuid: uuidFromString(row.uuid), id: -1 };
  const [info, tags, template] = await Promise.all([
    row.pending === 'sizes' ? getDomainInfo(rpc, dom) : undefined,
    readTags(rpc, dom, row.persistent),
    readTemplateMark(rpc, dom, row.persistent),
  ]);
  const { pending: _done, ...rest } = row;
  return {
    ...rest,
    ...(info ? { vcpus: info.vcpus, memoryKiB: info.memoryKiB, maxMemoryKiB: info.maxMemKiB } : {}),
    tags,
    template,
  };
}

/**
 * Rows read at once (three calls each). libvirtd works on a few calls per client at a time
 * anyway; more in flight only queue, and a call the user makes meanwhile (opening a VM) would
 * wait behind all of them.
 */
const ROWS_IN_FLIGHT = 32;

/** `fn` over `items` with at most `limit` running at once; results in the items' order. */
async function mapAtMost<T, R>(
  limit: number,
  items: readonly T[],
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Complete rows handed on every BATCH_SIZE, and the rest at the end. */
const BATCH_SIZE = 250;
class RowBatcher {
  private rows: VmSummary[] = [];
  constructor(private readonly onRows: (rows: VmSummary[]) => void) {}
  add(row: VmSummary): void {
    this.rows.push(row);
    if (this.rows.length >= BATCH_SIZE) this.flush();
  }
  flush(): void {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    this.onRows(rows);
  }
}

/**
 * Drivers with no virConnectGetAllDomainStats at all. The stats poller finds it out by asking once
 * per connection; a listing runs on every connect, so it is told.
 */
const DRIVERS_WITHOUT_BULK_STATS = new Set<LibvirtDriver | undefined>(['lxc']);

/** What a list row shows of a domain's info. */
type ListInfo = Pick<DomainInfo, 'state' | 'vcpus' | 'memoryKiB' | 'maxMemKiB'>;
/** A domain's row info from the bulk call; `sized`: vcpus and memory were in it. */
interface BulkInfo {
  info: ListInfo;
  sized: boolean;
}

/**
 * State and sizes of every domain from one bulk stats call, by UUID; `sized` says whether the
 * driver gave vcpus and memory too. NOWAIT: a VM busy with a job (a migration, a save) is not
 * waited for; its state and sizes come from its definition anyway. Empty when the driver has no
 * bulk call (LXC) or refuses it: then every VM is read one by one.
 */
async function bulkListInfo(rpc: RpcClient): Promise<Map<string, BulkInfo>> {
  const { VIR_DOMAIN_STATS_STATE, VIR_DOMAIN_STATS_BALLOON, VIR_DOMAIN_STATS_VCPU } =
    virDomainStatsTypes;
  const records = await getAllDomainStats(
    rpc,
    VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_BALLOON | VIR_DOMAIN_STATS_VCPU,
    { flags: virConnectGetAllDomainStatsFlags.VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT },
  ).catch(() => []);
  const out = new Map<string, BulkInfo>();
  for (const { dom, values } of records) {
    const state = values['state.state'];
    if (typeof state !== 'number') continue;
    const vcpus = values['vcpu.current'];
    const memory = values['balloon.current'];
    const maxMemory = values['balloon.maximum'];
    const sized =
      typeof vcpus === 'number' && typeof memory === 'number' && typeof maxMemory === 'number';
    out.set(uuidToString(dom.uuid), {
      info: {
        state: domainStateName(state),
        vcpus: sized ? vcpus : 0,
        memoryKiB: sized ? memory : 0,
        maxMemKiB: sized ? maxMemory : 0,
      },
      sized,
    });
  }
  return out;
}

/** One VM again; null when it no longer exists. */
export async function readVmSummary(
  rpc: RpcClient,
  connectionId: string,
  uuid: string,
  driver?: LibvirtDriver,
): Promise<VmSummary | null> {
  try {
    const dom = await lookupDomainByUuid(rpc, uuidFromString(uuid));
    const [info, autostart, managed, persistent] = await Promise.all([
      getDomainInfo(rpc, dom),
      getDomainAutostart(rpc, dom),
      hasManagedSave(rpc, dom),
      isDomainPersistent(rpc, dom),
    ]);
    const [tags, template] = await Promise.all([
      readTags(rpc, dom, persistent),
      readTemplateMark(rpc, dom, persistent),
    ]);
    return summary(connectionId, driver, dom, info, {
      autostart,
      hasManagedSave: managed,
      persistent,
      tags,
      template,
    });
  } catch (err) {
    if (isNoDomainError(err)) return null;
    throw err;
  }
}

function summary(
  connectionId: string,
  driver: LibvirtDriver | undefined,
  dom: DomainRef,
  info: ListInfo,
  flags: Pick<VmSummary, 'autostart' | 'hasManagedSave' | 'persistent' | 'tags' | 'template'>,
): VmSummary {
  return {
    connectionId,
    uuid: uuidToString(dom.uuid),
    name: dom.name,
    state: info.state,
    vcpus: info.vcpus,
    memoryKiB: info.memoryKiB,
    maxMemoryKiB: info.maxMemKiB,
    ...flags,
    // Only said where it matters: an LXC container's actions differ (shared/vmActions.ts).
    ...(driver === 'lxc' ? { lxc: true } : {}),
  };
}

/**
 * Virtdeck's tags (<metadata><virtdeck:tags>), from the persistent config when there is one (the
 * details page edits it there); [] when the domain has none or the driver keeps no metadata.
 */
async function readTags(rpc: RpcClient, dom: DomainRef, persistent: boolean): Promise<string[]> {
  const { VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_CURRENT } = virDomainModificationImpact;
  const flags = persistent ? VIR_DOMAIN_AFFECT_CONFIG : VIR_DOMAIN_AFFECT_CURRENT;
  const xml = await getDomainMetadataElement(rpc, dom, VIRTDECK_NS, flags).catch((err) => {
    if (isNoDomainError(err)) throw err;
    return null;
  });
  const root = xml ? parseXml(xml).documentElement : undefined;
  if (!root) return [];
  return childElements(root)
    .filter((el) => el.localName === 'tag')
    .map((el) => (el.textContent ?? '').trim())
    .filter((tag) => tag !== '');
}

/** The template mark (vmClone/template.ts); false where the driver keeps no metadata. */
async function readTemplateMark(
  rpc: RpcClient,
  dom: DomainRef,
  persistent: boolean,
): Promise<boolean> {
  return isTemplate(rpc, dom, persistent).catch((err) => {
    if (isNoDomainError(err)) throw err;
    return false;
  });
}
