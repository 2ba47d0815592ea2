/**
 * Virtual networks as the API carries them (virsh net-* in the words of the Networks tab): the
 * lists and results, and the create form's spec and an edit's changes (parameters of
 * methods/networks.ts, described here because the services and the forms name them too).
 */
import * as v from 'valibot';
import { oneOf, optionalFormText, record, text } from './schema';

/** The modes a new network can have; an existing one may show others (passthrough, hostdev...). */
export const NETWORK_MODES = ['nat', 'route', 'isolated', 'open', 'bridge'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

const family = v.picklist(['ipv4', 'ipv6']);

/**
 * A static DHCP host: this MAC (or this name) always gets this address. IPv6 hosts have no MAC:
 * they are named by their DHCPv6 client id (DUID) or their name.
 */
const dhcpHost = v.object({
  mac: v.optional(v.string()),
  /** IPv6 only: the DUID, "0:3:0:1:52:54:0:12:34:56". */
  id: v.optional(v.string()),
  ip: v.string(),
  name: v.optional(v.string()),
});
export type DhcpHost = v.InferOutput<typeof dhcpHost>;

/** One <ip> of a network: the host's address on it, the prefix, and its DHCP part. */
const networkIp = v.object({
  family,
  address: v.string(),
  prefix: v.number(),
  dhcpRanges: v.array(v.object({ start: v.string(), end: v.string() })),
  hosts: v.array(dhcpHost),
});
export type NetworkIp = v.InferOutput<typeof networkIp>;

export const networkSummary = v.object({
  name: v.string(),
  uuid: v.string(),
  active: v.boolean(),
  persistent: v.boolean(),
  autostart: v.boolean(),
  /** The <forward mode>, or 'isolated' when the network has no <forward>. */
  forwardMode: v.string(),
  /** The host interface NAT / routed traffic leaves by (<forward dev>), when pinned. */
  forwardDev: v.optional(v.string()),
  /** The bridge libvirt creates (virbr0...) or, in bridge mode, the host's bridge used. */
  bridge: v.optional(v.string()),
  /** The DNS domain of the guests (<domain name>). */
  domain: v.optional(v.string()),
  ips: v.array(networkIp),
});
export type NetworkSummary = v.InferOutput<typeof networkSummary>;

export const networkEditResult = v.object({
  /** Parts of the change that reach the running network only at its next start. */
  pendingRestart: v.boolean(),
});
export type NetworkEditResult = v.InferOutput<typeof networkEditResult>;

export const dhcpLease = v.object({
  ip: v.string(),
  prefix: v.number(),
  family,
  mac: v.optional(v.string()),
  hostname: v.optional(v.string()),
  /** Epoch ms when the lease expires (0: never). */
  expiresAt: v.number(),
  /** The VM with an interface of this MAC on the host, when there is one. */
  vm: v.optional(v.object({ name: v.string(), uuid: v.string() })),
});
export type DhcpLease = v.InferOutput<typeof dhcpLease>;

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

export const networkSpec = record(
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

export const networkChanges = record(
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
export type NetworkSpec = v.InferOutput<typeof networkSpec>;
export type NetworkIpSpec = NonNullable<NetworkSpec['ipv4']>;
/** What a network edit changes; fields left out stay as they are. */
export type NetworkChanges = v.InferOutput<typeof networkChanges>;
