/**
 * What the New VM wizard needs to know of a Xen host: its memory and CPUs, its bridges (the vif's
 * xenbr0...), and a fresh MAC in Xen's own range.
 */
import type { XenHostFacts } from '../../../shared/api/methods/xen';
import { randomMac } from '../../../shared/inputChecks';
import type { Host } from '../../hosts/host';
import type { RpcClient } from '../../libvirt/rpc/client';
import { bridgesAndInterfaces } from '../newVm/hostFacts';

/** A random MAC under Xen's OUI (00:16:3e), as xl and xen-create-image make them. */
function randomXenMac(random: () => number = Math.random): string {
  return `00:16:3e${randomMac(random).slice('52:54:00'.length)}`;
}

export async function xenHostFacts(host: Host, rpc: RpcClient): Promise<XenHostFacts> {
  const [info, ifaces] = await Promise.all([
    rpc.call('NODE_GET_INFO', null),
    bridgesAndInterfaces(host, rpc),
  ]);
  return {
    memoryMiB: Math.floor(Number(info.memory) / 1024),
    cpus: info.cpus,
    bridges: ifaces.bridges,
    mac: randomXenMac(),
  };
}
