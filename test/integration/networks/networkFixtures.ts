/**
 * What the network tests share: a free 10.x.y.0/24 subnet, removal of everything named vdk-net-*
 * (networks and guests) a crashed earlier run may have left, and a TCG guest that boots from the
 * network: QEMU's NIC option ROM (iPXE) asks for a DHCP lease within seconds, so the network's
 * dnsmasq hands out a real lease to a real guest.
 */
import { randomInt } from 'node:crypto';
import { destroyDomain, listAllDomains, undefineDomain } from '../../../src/main/libvirt/domain';
import {
  isNetworkActive,
  isNetworkPersistent,
  listAllNetworks,
  stopNetwork,
  undefineNetwork,
} from '../../../src/main/libvirt/network';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { listNetworks } from '../../../src/main/services/networks/networkList';
import { xmlEscape } from '../../support/libvirtFixtures';
import { virDomainUndefineFlagsValues } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

export const NET_PREFIX = 'vdk-net-';

/** Removes every domain and network whose name starts with vdk-net-. */
export async function removeNetworkLeftovers(rpc: RpcClient): Promise<void> {
  for (const dom of await listAllDomains(rpc)) {
    if (!dom.name.startsWith(NET_PREFIX)) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(
      rpc,
      dom,
      virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE,
    ).catch(() => {});
  }
  for (const net of await listAllNetworks(rpc)) {
    if (!net.name.startsWith(NET_PREFIX)) continue;
    const persistent = await isNetworkPersistent(rpc, net);
    if (await isNetworkActive(rpc, net)) await stopNetwork(rpc, net).catch(() => {});
    if (persistent) await undefineNetwork(rpc, net).catch(() => {});
  }
}

/**
 * The first three octets of a 10.231-250.x.0/24 subnet no network on the host uses (this area's
 * own corner of 10/8, far from the default 192.168.122.0/24).
 */
export async function freeSubnet(rpc: RpcClient): Promise<string> {
  const used = new Set(
    (await listNetworks(rpc)).flatMap((n) =>
      n.ips.map((ip) => ip.address.split('.').slice(0, 3).join('.')),
    ),
  );
  for (;;) {
    const candidate = `10.${randomInt(231, 251)}.${randomInt(0, 256)}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A guest with no disk whose first boot device is its NIC on `network`: iPXE does DHCP. */
export function pxeGuestXml(name: string, network: string, mac: string): string {
  return `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='network'/></os>
  <devices>
    <interface type='network'>
      <source network='${xmlEscape(network)}'/>
      <mac address='${mac}'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'/>
    <graphics type='vnc' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics>
  </devices>
</domain>`;
}
