/**
 * The bulk stats' fields for a driver without virConnectGetAllDomainStats (LXC): asked per domain
 * from what that driver does offer, named as the bulk call names them ("state.state", "cpu.time",
 * "vcpu.current", "balloon.current", "net.N.rx.bytes") so the poller reads both the same way.
 * Per running domain: DOMAIN_GET_INFO, DOMAIN_MEMORY_STATS and one DOMAIN_INTERFACE_STATS per
 * NIC; its host-side NIC names are read from the live XML once per boot (keyed by domain id).
 */
import { getDomainXml, listAllDomains } from '../libvirt/domain';
import {
  getDomainMemoryStats,
  getInterfaceStats,
  MEMORY_STAT_ACTUAL_BALLOON,
  type DomainStatsRecord,
} from '../libvirt/domainStats';
import { uuidToString } from '../libvirt/refs';
import type { RpcClient } from '../libvirt/rpc/client';
import type { TypedValue } from '../libvirt/typedParams';
import { attribute, childElements, firstChild, parseXml } from '../xml/xmlDocument';

/** virDomainState's RUNNING and PAUSED: the states in which a domain has live counters. */
const LIVE_STATES = new Set([1, 2, 3]);

export class PerDomainStats {
  /** "uuid/id" of a running domain -> its interfaces' host-side devices. */
  private readonly nicDevices = new Map<string, string[]>();

  async collect(rpc: RpcClient): Promise<DomainStatsRecord[]> {
    const doms = await listAllDomains(rpc);
    const live = new Set<string>();
    const records: DomainStatsRecord[] = [];
    for (const dom of doms) {
      // A domain that went away between the list and this call is simply not sampled.
      const info = await rpc.call('DOMAIN_GET_INFO', { dom }).catch(() => undefined);
      if (!info) continue;
      const values: Record<string, TypedValue> = {
        'state.state': info.state,
        'vcpu.current': info.nrVirtCpu,
        'balloon.current': Number(info.memory),
      };
      if (LIVE_STATES.has(info.state)) {
        values['cpu.time'] = Number(info.cpuTime);
        const key = `${uuidToString(dom.uuid)}/${dom.id}`;
        live.add(key);
        await this.addLiveValues(rpc, dom, key, values).catch(() => {});
      }
      records.push({ dom, values });
    }
    for (const key of this.nicDevices.keys()) if (!live.has(key)) this.nicDevices.delete(key);
    return records;
  }

  private async addLiveValues(
    rpc: RpcClient,
    dom: DomainStatsRecord['dom'],
    key: string,
    values: Record<string, TypedValue>,
  ): Promise<void> {
    const memory = await getDomainMemoryStats(rpc, dom);
    const actual = memory.get(MEMORY_STAT_ACTUAL_BALLOON);
    if (actual !== undefined) values['balloon.current'] = actual;
    let devices = this.nicDevices.get(key);
    if (!devices) {
      devices = interfaceDevices(await getDomainXml(rpc, dom));
      this.nicDevices.set(key, devices);
    }
    values['net.count'] = devices.length;
    for (const [i, device] of devices.entries()) {
      const { rxBytes, txBytes } = await getInterfaceStats(rpc, dom, device);
      values[`net.${i}.name`] = device;
      values[`net.${i}.rx.bytes`] = rxBytes;
      values[`net.${i}.tx.bytes`] = txBytes;
    }
  }
}

/** The host-side devices (<target dev>) of a live domain's interfaces. */
function interfaceDevices(liveXml: string): string[] {
  const devices = firstChild(parseXml(liveXml).documentElement!, 'devices');
  if (!devices) return [];
  return childElements(devices, 'interface')
    .map((nic) => attribute(firstChild(nic, 'target'), 'dev'))
    .filter((dev): dev is string => dev !== undefined);
}
