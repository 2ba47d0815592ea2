/**
 * The VM list of one host as the UI shows it (VmSummary): the whole list in a handful of calls,
 * and one VM again after an event says it changed.
 */
import type { VmSummary } from '../../shared/api/types';
import {
  ListDomainsFlags,
  getDomainAutostart,
  getDomainInfo,
  hasManagedSave,
  isDomainPersistent,
  listAllDomains,
  lookupDomainByUuid,
} from '../libvirt/domain';
import { uuidFromString, uuidToString, type DomainRef } from '../libvirt/refs';
import { LibvirtError } from '../libvirt/rpc/errors';
import type { RpcClient } from '../libvirt/rpc/client';

/** virErrorNumber VIR_ERR_NO_DOMAIN: the domain went away between two calls. */
const VIR_ERR_NO_DOMAIN = 42;

export function isNoDomainError(err: unknown): boolean {
  return err instanceof LibvirtError && err.libvirtCode === VIR_ERR_NO_DOMAIN;
}

/**
 * Every VM of the host. Autostart, managed save and persistence come from three filtered list
 * calls instead of three calls per VM; only the info is per VM, and those calls are all in flight
 * at once on the one connection.
 */
export async function listVmSummaries(rpc: RpcClient, connectionId: string): Promise<VmSummary[]> {
  const uuidsOf = async (flags: number): Promise<Set<string>> =>
    new Set((await listAllDomains(rpc, flags)).map((d) => uuidToString(d.uuid)));
  const [domains, autostart, managedSave, persistent] = await Promise.all([
    listAllDomains(rpc, 0),
    uuidsOf(ListDomainsFlags.Autostart),
    uuidsOf(ListDomainsFlags.ManagedSave),
    uuidsOf(ListDomainsFlags.Persistent),
  ]);
  const rows = await Promise.all(
    domains.map(async (dom) => {
      const uuid = uuidToString(dom.uuid);
      try {
        const info = await getDomainInfo(rpc, dom);
        return summary(connectionId, dom, info, {
          autostart: autostart.has(uuid),
          hasManagedSave: managedSave.has(uuid),
          persistent: persistent.has(uuid),
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
): Promise<VmSummary | null> {
  try {
    const dom = await lookupDomainByUuid(rpc, uuidFromString(uuid));
    const [info, autostart, managed, persistent] = await Promise.all([
      getDomainInfo(rpc, dom),
      getDomainAutostart(rpc, dom),
      hasManagedSave(rpc, dom),
      isDomainPersistent(rpc, dom),
    ]);
    return summary(connectionId, dom, info, {
      autostart,
      hasManagedSave: managed,
      persistent,
    });
  } catch (err) {
    if (isNoDomainError(err)) return null;
    throw err;
  }
}

function summary(
  connectionId: string,
  dom: DomainRef,
  info: Awaited<ReturnType<typeof getDomainInfo>>,
  flags: Pick<VmSummary, 'autostart' | 'hasManagedSave' | 'persistent'>,
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
  };
}
