/**
 * What the host allows, checked before anything changes: memory up to the host's RAM, vCPUs up to
 * what the hypervisor allows (CONNECT_GET_MAX_VCPUS) and no more than the host's CPUs, and a MAC
 * address that no other VM uses on the same network.
 */
import { firstChild, attribute, parseXml } from '../../xml/xmlDocument';
import { invalidInput } from '../../../shared/inputChecks';
import { devicesNamed } from '../../xml/edits/domain/domainOrder';
import { getDomainXml, listAllDomains } from '../../libvirt/domain';
import { getMaxVcpus } from '../../libvirt/domainConfig';
import { uuidToString } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { isNoDomainError } from '../vmInventory';
import { virDomainXMLFlags } from '../../libvirt/rpc/generated/libvirtEnums';

export interface HostLimits {
  memoryKiB: number;
  maxVcpus: number;
}

export async function hostLimits(rpc: RpcClient, hypervisor: string): Promise<HostLimits> {
  const [info, max] = await Promise.all([
    rpc.call('NODE_GET_INFO', null),
    getMaxVcpus(rpc, hypervisor).catch(() => 0),
  ]);
  const cpus = info.cpus;
  // libvirt allows overcommit up to the hypervisor's limit; so does virt-manager.
  return { memoryKiB: Number(info.memory), maxVcpus: max > 0 ? max : Math.max(cpus, 1) };
}

/** What a NIC is plugged into, for comparing NICs of different VMs. */
export type NicSource = { network: string } | { bridge: string };

function sourceOf(nic: import('@xmldom/xmldom').Element): NicSource | undefined {
  const source = firstChild(nic, 'source');
  const network = attribute(source, 'network');
  if (network !== undefined) return { network };
  const bridge = attribute(source, 'bridge');
  return bridge !== undefined ? { bridge } : undefined;
}

function sameSource(a: NicSource | undefined, b: NicSource): boolean {
  if (!a) return false;
  return 'network' in a && 'network' in b
    ? a.network === b.network
    : 'bridge' in a && 'bridge' in b && a.bridge === b.bridge;
}

/** Refuses `mac` when another VM of the host has a NIC with it on the same network or bridge. */
export async function checkMacFree(
  rpc: RpcClient,
  mac: string,
  source: NicSource,
  ownUuid: string,
): Promise<void> {
  const doms = (await listAllDomains(rpc, 0)).filter((d) => uuidToString(d.uuid) !== ownUuid);
  const xmls = await Promise.all(
    doms.map(async (dom) => {
      try {
        // Both: a running VM may have a hot-plugged NIC its config lacks, and the other way.
        const [config, live] = await Promise.all([
          getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE),
          getDomainXml(rpc, dom, 0),
        ]);
        return { name: dom.name, xmls: [config, live] };
      } catch (err) {
        if (isNoDomainError(err)) return { name: dom.name, xmls: [] };
        throw err;
      }
    }),
  );
  for (const { name, xmls: texts } of xmls) {
    for (const text of texts) {
      const domain = parseXml(text).documentElement;
      if (!domain) continue;
      for (const nic of devicesNamed(domain, 'interface')) {
        const other = attribute(firstChild(nic, 'mac'), 'address')?.toLowerCase();
        if (other === mac && sameSource(sourceOf(nic), source)) {
          const where =
            'network' in source ? `network "${source.network}"` : `bridge "${source.bridge}"`;
          throw invalidInput(
            `MAC address ${mac} is already used on ${where} by VM "${name}"`,
            'mac',
          );
        }
      }
    }
  }
}
