/**
 * Editing a network as the domain edits do: the persistent definition is changed by the XML edit
 * functions (only the nodes edited change) and defined again. On a running network the static
 * hosts and the DHCP range are also changed live with NETWORK_UPDATE, as `virsh net-update
 * --live` does; what libvirt cannot change live (the forward mode; IPv6, bridge and DNS domain,
 * see networkSettingsEdit.ts) waits for the next start.
 */
import type { DhcpHost, NetworkChanges, NetworkEditResult } from '../../../shared/api/networkTypes';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import {
  defineNetwork,
  getNetworkXml,
  isNetworkActive,
  isNetworkPersistent,
  updateNetwork,
} from '../../libvirt/network';
import type { NetworkRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { sameDhcpHost, setNetworkDhcpHosts } from '../../xml/edits/network/dhcpHosts';
import { setNetworkDhcpRange } from '../../xml/edits/network/dhcpRange';
import { setNetworkForwardMode } from '../../xml/edits/network/forwardMode';
import { dhcpHostSpec, readNetworkXml } from '../../xml/networkXml';
import { specToXml, x } from '../../xml/xmlBuild';
import type { Host } from '../../hosts/host';
import { networkCheckContext } from './networkCreate';
import { findNetwork, listNetworks, readNetworkSummary } from './networkList';
import {
  applySettingsChanges,
  checkSettingsOnHost,
  hasSettingsChanges,
} from './networkSettingsEdit';
import {
  virNetworkUpdateCommand,
  virNetworkUpdateFlags,
  virNetworkUpdateSection,
  virNetworkXMLFlags,
} from '../../libvirt/rpc/generated/libvirtEnums';

/** The new persistent XML for `changes` (unchanged text when nothing changes). */
export function applyNetworkChanges(xml: string, changes: NetworkChanges): string {
  let next = xml;
  if (changes.mode !== undefined) next = setNetworkForwardMode(next, { mode: changes.mode });
  if (changes.ipv4Range !== undefined) {
    next = setNetworkDhcpRange(next, { range: changes.ipv4Range });
  }
  if (changes.ipv4Hosts !== undefined) {
    next = setNetworkDhcpHosts(next, { hosts: changes.ipv4Hosts });
  }
  return next;
}

/**
 * Edits the persistent definition. `host` lets the IPv6 subnet and bridge be checked against
 * the host's interfaces too (without it, against the other networks only).
 */
export async function editNetwork(
  rpc: RpcClient,
  name: string,
  changes: NetworkChanges,
  host?: Host,
): Promise<NetworkEditResult> {
  const net = await findNetwork(rpc, name);
  if (!(await isNetworkPersistent(rpc, net))) {
    throw new VirtdeckError('invalid-input', msg('networks.transientEdit', { name }));
  }
  if (hasSettingsChanges(changes)) {
    const ctx = host
      ? await networkCheckContext(host, rpc, name)
      : { networks: (await listNetworks(rpc)).filter((n) => n.name !== name) };
    checkSettingsOnHost(await readNetworkSummary(rpc, net), changes, ctx);
  }
  const before = await getNetworkXml(rpc, net, virNetworkXMLFlags.VIR_NETWORK_XML_INACTIVE);
  const liveable = applyNetworkChanges(before, changes);
  const after = applySettingsChanges(liveable, changes);
  if (after === before) return { pendingRestart: false };
  await defineNetwork(rpc, after);
  if (!(await isNetworkActive(rpc, net))) return { pendingRestart: false };
  // IPv6, the bridge and the DNS domain are not changed live: they wait for the next start.
  const complete = await applyLive(rpc, net, changes);
  return { pendingRestart: !complete || after !== liveable };
}

/** Applies the change to the running network; false when some part must wait for a restart. */
async function applyLive(
  rpc: RpcClient,
  net: NetworkRef,
  changes: NetworkChanges,
): Promise<boolean> {
  const live = readNetworkXml(await getNetworkXml(rpc, net));
  const ipv4 = live.ips.find((ip) => ip.family === 'ipv4');
  let complete = changes.mode === undefined || changes.mode === live.forwardMode;
  const { VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST } =
    virNetworkUpdateCommand;
  const { VIR_NETWORK_SECTION_IP_DHCP_RANGE, VIR_NETWORK_SECTION_IP_DHCP_HOST } =
    virNetworkUpdateSection;
  const update = (command: number, section: number, xml: string) =>
    updateNetwork(rpc, net, {
      command,
      section,
      xml,
      flags: virNetworkUpdateFlags.VIR_NETWORK_UPDATE_AFFECT_LIVE,
    });
  try {
    if (changes.ipv4Range !== undefined && ipv4) {
      const old = ipv4.dhcpRanges[0];
      const wanted = changes.ipv4Range;
      if (!sameRange(old, wanted ?? undefined)) {
        if (old)
          await update(
            VIR_NETWORK_UPDATE_COMMAND_DELETE,
            VIR_NETWORK_SECTION_IP_DHCP_RANGE,
            rangeXml(old),
          );
        if (wanted)
          await update(
            VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
            VIR_NETWORK_SECTION_IP_DHCP_RANGE,
            rangeXml(wanted),
          );
      }
    }
    if (changes.ipv4Hosts !== undefined && ipv4) {
      const wanted =
        readNetworkXml(
          await getNetworkXml(rpc, net, virNetworkXMLFlags.VIR_NETWORK_XML_INACTIVE),
        ).ips.find((ip) => ip.family === 'ipv4')?.hosts ?? [];
      for (const h of ipv4.hosts.filter((h) => !wanted.some((w) => sameDhcpHost(w, h)))) {
        await update(
          VIR_NETWORK_UPDATE_COMMAND_DELETE,
          VIR_NETWORK_SECTION_IP_DHCP_HOST,
          hostXml(h),
        );
      }
      for (const h of wanted.filter((w) => !ipv4.hosts.some((h) => sameDhcpHost(w, h)))) {
        await update(
          VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
          VIR_NETWORK_SECTION_IP_DHCP_HOST,
          hostXml(h),
        );
      }
    }
  } catch {
    // The definition is saved; the running network gets it at its next start.
    complete = false;
  }
  return complete;
}

function sameRange(
  a: { start: string; end: string } | undefined,
  b: { start: string; end: string } | undefined,
): boolean {
  return a?.start === b?.start && a?.end === b?.end;
}

function rangeXml(r: { start: string; end: string }): string {
  return specToXml(x('range', { start: r.start, end: r.end }));
}

function hostXml(h: DhcpHost): string {
  return specToXml(dhcpHostSpec(h));
}
