/**
 * The VM list of one host as the UI shows it (VmSummary): the whole list in a handful of calls,
 * and one VM again after an event says it changed.
 */
import type { VmSummary } from '../../shared/api/types';
import type { LibvirtDriver } from '../../shared/libvirtUri';
import {
  getDomainAutostart,
  getDomainInfo,
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
import {
  virConnectListAllDomainsFlags,
  virDomainModificationImpact,
} from '../libvirt/rpc/generated/libvirtEnums';

/** The domain went away between two calls (libvirt's not-found, from a domain call). */
export function isNoDomainError(err: unknown): boolean {
  return isNotFound(err);
}

/**
 * Every VM of the host. Autostart, managed save and persistence come from three filtered list
 * calls instead of three calls per VM; only the info is per VM, and those calls are all in flight
 * at once on the one connection.
 */
export async function listVmSummaries(
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
  const [domains, autostart, managedSave, persistent] = await Promise.all([
    listAllDomains(rpc, 0),
    uuidsOf(VIR_CONNECT_LIST_DOMAINS_AUTOSTART),
    uuidsOf(VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE),
    uuidsOf(VIR_CONNECT_LIST_DOMAINS_PERSISTENT),
  ]);
  const rows = await Promise.all(
    domains.map(async (dom) => {
      const uuid = uuidToString(dom.uuid);
      try {
        const [info, tags, template] = await Promise.all([
          getDomainInfo(rpc, dom),
          readTags(rpc, dom, persistent.has(uuid)),
          readTemplateMark(rpc, dom, persistent.has(uuid)),
        ]);
        return summary(connectionId, driver, dom, info, {
          autostart: autostart.has(uuid),
          hasManagedSave: managedSave.has(uuid),
          persistent: persistent.has(uuid),
          tags,
          template,
        });
      } catch (err) {
        if (isNoDomainError(err)) return null;
        throw err;
      }
    }),
  );
  return rows.filter((row): row is VmSummary => row !== null);
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
  info: Awaited<ReturnType<typeof getDomainInfo>>,
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
