import type { NetworkMethods } from '../../../shared/api/methods/networks';
import {
  NETWORK_MODES,
  type DhcpHost,
  type NetworkChanges,
  type NetworkIpSpec,
  type NetworkSpec,
} from '../../../shared/api/networkTypes';
import { VirtdeckError } from '../../../shared/errors';
import { networkLeases } from '../../services/networks/dhcpLeases';
import {
  deleteNetworkByName,
  networkXmlByName,
  setAutostartByName,
  startNetworkByName,
  stopNetworkByName,
} from '../../services/networks/networkActions';
import { createNetwork } from '../../services/networks/networkCreate';
import { editNetwork } from '../../services/networks/networkEdit';
import { listNetworks } from '../../services/networks/networkList';
import {
  defineNetworkXmlByName,
  networkDefinitionByName,
} from '../../services/networks/networkXmlDefine';
import { oneOf, optionalText, record, text } from '../params';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function networkHandlers({ sessions }: HandlerDeps): HandlersOf<NetworkMethods> {
  const on = (p: { connectionId?: unknown } | undefined) =>
    sessions.get(text(p?.connectionId, 'connectionId')).libvirt();
  return {
    'networks.list': async (p) => listNetworks(on(p).rpc),
    'networks.create': async (p) => {
      const { host, rpc } = on(p);
      return createNetwork(host, rpc, networkSpec(p?.spec));
    },
    'networks.start': async (p) => startNetworkByName(on(p).rpc, text(p?.name, 'name')),
    'networks.stop': async (p) => stopNetworkByName(on(p).rpc, text(p?.name, 'name')),
    'networks.setAutostart': async (p) =>
      setAutostartByName(on(p).rpc, text(p?.name, 'name'), p?.autostart === true),
    'networks.delete': async (p) => deleteNetworkByName(on(p).rpc, text(p?.name, 'name')),
    'networks.edit': async (p) => {
      const { host, rpc } = on(p);
      return editNetwork(rpc, text(p?.name, 'name'), networkChanges(p?.changes), host);
    },
    'networks.leases': async (p) => networkLeases(on(p).rpc, text(p?.name, 'name')),
    'networks.xml': async (p) => networkXmlByName(on(p).rpc, text(p?.name, 'name')),
    'networks.definition': async (p) => networkDefinitionByName(on(p).rpc, text(p?.name, 'name')),
    'networks.defineXml': async (p) =>
      defineNetworkXmlByName(on(p).rpc, text(p?.name, 'name'), text(p?.xml, 'xml')),
  };
}

/** The spec's shape (types only); its meaning is checked by the service with field messages. */
function networkSpec(value: unknown): NetworkSpec {
  const v = record(value, 'network spec');
  if (typeof v.name !== 'string') throw new VirtdeckError('invalid-input', 'Missing "name"');
  return {
    name: v.name,
    mode: oneOf(v.mode, NETWORK_MODES, 'network mode'),
    bridge: optionalString(v.bridge, 'bridge'),
    forwardDev: optionalString(v.forwardDev, 'forwardDev'),
    ipv4: v.ipv4 === undefined || v.ipv4 === null ? undefined : ipSpec(v.ipv4, 'ipv4'),
    ipv6: v.ipv6 === undefined || v.ipv6 === null ? undefined : ipSpec(v.ipv6, 'ipv6'),
    autostart: v.autostart === true,
    start: v.start !== false,
  };
}

function ipSpec(value: unknown, name: string): NetworkIpSpec {
  const v = record(value, name);
  const prefix = typeof v.prefix === 'string' ? Number(v.prefix) : v.prefix;
  if (typeof prefix !== 'number') {
    throw new VirtdeckError('invalid-input', `"${name}.prefix" must be a number`);
  }
  return {
    address: text(v.address, `${name}.address`),
    prefix,
    dhcpStart: optionalString(v.dhcpStart, `${name}.dhcpStart`),
    dhcpEnd: optionalString(v.dhcpEnd, `${name}.dhcpEnd`),
    hosts: v.hosts === undefined ? undefined : dhcpHosts(v.hosts, `${name}.hosts`),
  };
}

function dhcpHosts(value: unknown, name: string): DhcpHost[] {
  if (!Array.isArray(value)) throw new VirtdeckError('invalid-input', `"${name}" must be a list`);
  return value.map((h: unknown, i) => {
    const v = record(h, `${name}.${i}`);
    return {
      mac: optionalString(v.mac, `${name}.${i}.mac`),
      id: optionalString(v.id, `${name}.${i}.id`),
      ip: typeof v.ip === 'string' ? v.ip : '',
      name: optionalString(v.name, `${name}.${i}.name`),
    };
  });
}

function networkChanges(value: unknown): NetworkChanges {
  const v = record(value, 'changes');
  return {
    mode:
      v.mode === undefined
        ? undefined
        : oneOf(v.mode, ['nat', 'route', 'isolated', 'open'] as const, 'mode'),
    ipv4Range: nullableRange(v.ipv4Range, 'ipv4Range'),
    ipv4Hosts: v.ipv4Hosts === undefined ? undefined : dhcpHosts(v.ipv4Hosts, 'ipv4Hosts'),
    ipv6: v.ipv6 === undefined ? undefined : v.ipv6 === null ? null : subnet(v.ipv6, 'ipv6'),
    ipv6Range: nullableRange(v.ipv6Range, 'ipv6Range'),
    ipv6Hosts: v.ipv6Hosts === undefined ? undefined : dhcpHosts(v.ipv6Hosts, 'ipv6Hosts'),
    bridge: v.bridge === undefined ? undefined : text(v.bridge, 'bridge'),
    domain: v.domain === undefined ? undefined : typeof v.domain === 'string' ? v.domain : '',
  };
}

function subnet(value: unknown, name: string): { address: string; prefix: number } {
  const { address, prefix } = ipSpec(value, name);
  return { address, prefix };
}

function nullableRange(
  value: unknown,
  name: string,
): { start: string; end: string } | null | undefined {
  if (value === undefined || value === null) return value;
  const r = record(value, name);
  return { start: text(r.start, `${name}.start`), end: text(r.end, `${name}.end`) };
}

/** A string, or undefined for absent, null and empty (an empty form field means "not given"). */
function optionalString(value: unknown, name: string): string | undefined {
  return value === '' ? undefined : optionalText(value, name);
}
