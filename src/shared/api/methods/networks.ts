import * as v from 'valibot';
import type { DhcpLease, NetworkEditResult, NetworkSummary } from '../networkTypes';
import { NETWORK_MODES } from '../networkTypes';
import {
  connectionId,
  oneOf,
  optionalFormText,
  record,
  text,
  type ParamsIn,
  type ParamsOut,
} from '../schema';

// The shapes only: what they mean (addresses in the subnet, a free name...) is checked by
// services/networks, one message per form field.

/** Static DHCP hosts; `ip` may be left empty in the form (the service says so). */
const dhcpHosts = (name: string) =>
  v.array(
    v.object(
      {
        mac: optionalFormText(`${name}.mac`),
        id: optionalFormText(`${name}.id`),
        ip: v.pipe(
          v.unknown(),
          v.transform((ip) => (typeof ip === 'string' ? ip : '')),
        ),
        name: optionalFormText(`${name}.name`),
      },
      `Missing ${name}`,
    ),
    `"${name}" must be a list`,
  );

/** A prefix as a number, or as the form's text ("24"). */
const prefix = (name: string) =>
  v.pipe(
    v.union([v.number(), v.string()], `"${name}.prefix" must be a number`),
    v.transform(Number),
  );

const ipSpec = (name: string) =>
  record(
    {
      address: text(`${name}.address`),
      prefix: prefix(name),
      dhcpStart: optionalFormText(`${name}.dhcpStart`),
      dhcpEnd: optionalFormText(`${name}.dhcpEnd`),
      hosts: v.optional(dhcpHosts(`${name}.hosts`)),
    },
    name,
  );

const subnet = (name: string) =>
  record({ address: text(`${name}.address`), prefix: prefix(name) }, name);

const range = (name: string) =>
  v.nullish(record({ start: text(`${name}.start`), end: text(`${name}.end`) }, name));

const networkSpec = record(
  {
    name: v.string('Missing "name"'),
    mode: oneOf(NETWORK_MODES, 'network mode'),
    bridge: optionalFormText('bridge'),
    forwardDev: optionalFormText('forwardDev'),
    ipv4: v.pipe(
      v.nullish(ipSpec('ipv4')),
      v.transform((ip) => ip ?? undefined),
    ),
    ipv6: v.pipe(
      v.nullish(ipSpec('ipv6')),
      v.transform((ip) => ip ?? undefined),
    ),
    autostart: v.optional(v.boolean('Expected true or false')),
    /** Start it once defined (the default). */
    start: v.optional(v.boolean('Expected true or false')),
  },
  'network spec',
);

const networkChanges = record(
  {
    /** nat, route, isolated or open (a bridge-mode network stays one). */
    mode: v.optional(oneOf(['nat', 'route', 'isolated', 'open'], 'mode')),
    /** The IPv4 DHCP range; null removes it. */
    ipv4Range: range('ipv4Range'),
    /** The IPv4 static hosts, the whole new list. */
    ipv4Hosts: v.optional(dhcpHosts('ipv4Hosts')),
    /** The IPv6 subnet (the host's address and the prefix), added when missing; null removes it. */
    ipv6: v.nullish(subnet('ipv6')),
    /** The DHCPv6 range; null removes it. */
    ipv6Range: range('ipv6Range'),
    /** The IPv6 static hosts (DUID or name -> address), the whole new list. */
    ipv6Hosts: v.optional(dhcpHosts('ipv6Hosts')),
    /** The bridge libvirt creates (virbrN), or in bridge mode the host bridge used. */
    bridge: v.optional(text('bridge')),
    /** The DNS domain of the guests (<domain name>); '' removes it. */
    domain: v.optional(v.string('Missing or invalid "domain"')),
  },
  'changes',
);

/** A new network, as the Create network form sends it. */
export type NetworkSpec = ParamsOut<typeof networkSpec>;
export type NetworkIpSpec = NonNullable<NetworkSpec['ipv4']>;
/** What a network edit changes; fields left out stay as they are. */
export type NetworkChanges = ParamsOut<typeof networkChanges>;

const on = <E extends v.ObjectEntries>(entries: E) => v.object({ connectionId, ...entries });
const named = on({ name: text('name') });

export const networkParams = {
  'networks.list': on({}),
  'networks.create': on({ spec: networkSpec }),
  'networks.start': named,
  'networks.stop': named,
  'networks.setAutostart': on({
    name: text('name'),
    autostart: v.optional(v.boolean('Expected true or false'), false),
  }),
  'networks.delete': named,
  'networks.edit': on({ name: text('name'), changes: networkChanges }),
  'networks.leases': named,
  'networks.xml': named,
  'networks.definition': named,
  'networks.defineXml': on({ name: text('name'), xml: text('xml') }),
};
type In<M extends keyof typeof networkParams> = ParamsIn<(typeof networkParams)[M]>;

/** Virtual networks of one connection (virsh net-*). Networks are named by their name. */
export interface NetworkMethods {
  'networks.list': { params: In<'networks.list'>; result: NetworkSummary[] };
  /** Checks everything first (fields named in the error), defines, then autostart / start. */
  'networks.create': { params: In<'networks.create'>; result: NetworkSummary };
  'networks.start': { params: In<'networks.start'>; result: void };
  'networks.stop': { params: In<'networks.stop'>; result: void };
  'networks.setAutostart': { params: In<'networks.setAutostart'>; result: void };
  /** Stops (when running) and undefines. */
  'networks.delete': { params: In<'networks.delete'>; result: void };
  /** Changes the persistent definition, only the nodes edited; static hosts also live. */
  'networks.edit': { params: In<'networks.edit'>; result: NetworkEditResult };
  /** The network's DHCP leases, each with the VM that has its MAC. */
  'networks.leases': { params: In<'networks.leases'>; result: DhcpLease[] };
  /** The network's XML as libvirt returns it (persistent definition when there is one). */
  'networks.xml': { params: In<'networks.xml'>; result: string };
  /** The network as its persistent definition says (edits waiting for a restart included). */
  'networks.definition': { params: In<'networks.definition'>; result: NetworkSummary };
  /**
   * Defines the user's edited XML as it is (same name and UUID required); libvirt's error is
   * passed on and nothing changes on an error.
   */
  'networks.defineXml': { params: In<'networks.defineXml'>; result: NetworkEditResult };
}
