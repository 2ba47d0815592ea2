/**
 * Everything checked before a network is defined or edited, with one message per form field:
 * the name is free, the bridge is free (or, in bridge mode, exists and is a bridge), the subnet
 * is valid and overlaps no other network and no address of the host's interfaces, the DHCP range
 * lies in the subnet in order, each static host has a valid MAC and an address in the subnet.
 */
import type { HostInterface } from '../../../shared/api/hostTypes';
import {
  NETWORK_MODES,
  type DhcpHost,
  type NetworkIpSpec,
  type NetworkSpec,
  type NetworkSummary,
} from '../../../shared/api/networkTypes';
import { checkMac } from '../../../shared/inputChecks';
import { InvalidInputError } from '../../../shared/errors';
import { addressValue, cidrOf, contains, overlaps, type Cidr, type IpFamily } from '../../xml/cidr';

export interface NetworkCheckContext {
  /** Every other network on the host. */
  networks: readonly NetworkSummary[];
  /** The host's interfaces, when they could be read. */
  interfaces?: readonly HostInterface[];
}

type Errors = Record<string, string>;

/** Linux interface names: at most 15 bytes, no "/", ":" or whitespace. */
const BRIDGE_NAME = /^[^\s/:]{1,15}$/;
/** Interface types a bridged network can join: a Linux bridge, or an Open vSwitch one. */
export const HOST_BRIDGE_TYPES = ['bridge', 'openvswitch'];
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Throws one InvalidInputError naming every field at fault; returns the spec with MACs normalised. */
export function checkNetworkSpec(spec: NetworkSpec, ctx: NetworkCheckContext): NetworkSpec {
  const errors: Errors = {};
  const name = spec.name.trim();
  if (name === '') errors.name = 'Give the network a name';
  else if (name.includes('/')) errors.name = 'The name must not contain "/"';
  else if ([...name].some((c) => c.charCodeAt(0) < 0x20)) {
    errors.name = 'The name must not contain control characters';
  } else if (ctx.networks.some((n) => n.name === name)) {
    errors.name = `A network named "${name}" already exists on this host`;
  }
  if (!(NETWORK_MODES as readonly string[]).includes(spec.mode)) {
    errors.mode = `Unknown mode "${spec.mode}"`;
  }
  checkBridge(spec, ctx, errors);
  const out: NetworkSpec = { ...spec, name };
  if (spec.mode === 'bridge') {
    if (spec.ipv4 || spec.ipv6) {
      errors.mode = 'A bridged network has no addresses of its own: the LAN gives them';
    }
  } else {
    if (!spec.ipv4 && spec.mode === 'nat') errors['ipv4.address'] = 'NAT needs an IPv4 subnet';
    if (!spec.ipv4 && !spec.ipv6 && (spec.mode === 'route' || spec.mode === 'open')) {
      errors['ipv4.address'] = 'A routed or open network needs an IPv4 or IPv6 subnet';
    }
    if (spec.ipv4) out.ipv4 = checkIpPart('ipv4', spec.ipv4, ctx, errors);
    if (spec.ipv6) out.ipv6 = checkIpPart('ipv6', spec.ipv6, ctx, errors);
  }
  throwIfAny(errors);
  return out;
}

/** Bridge mode: an existing host bridge; other modes: a free, valid name (when one is given). */
export function checkBridge(
  spec: Pick<NetworkSpec, 'mode' | 'bridge'>,
  ctx: NetworkCheckContext,
  errors: Errors,
): void {
  const bridge = spec.bridge?.trim();
  if (spec.mode === 'bridge') {
    if (!bridge) {
      errors.bridge = 'Name the host bridge to connect to, e.g. br0';
      return;
    }
    const own = ctx.networks.find((n) => n.bridge === bridge && n.forwardMode !== 'bridge');
    if (own) {
      errors.bridge = `${bridge} is the bridge of network "${own.name}", not a host bridge`;
    } else if (ctx.interfaces) {
      const found = ctx.interfaces.find((i) => i.name === bridge);
      if (!found) errors.bridge = `The host has no interface named ${bridge}`;
      else if (!HOST_BRIDGE_TYPES.includes(found.type)) {
        // Guests' taps can only be enslaved to a bridge; eth0 itself would need macvtap.
        errors.bridge =
          `${bridge} is ${found.type === 'ethernet' ? 'an' : 'a'} ${found.type} interface, ` +
          'not a bridge: pick a bridge from Host interfaces (e.g. br0)';
      }
    }
    return;
  }
  if (!bridge) return;
  if (!BRIDGE_NAME.test(bridge)) {
    errors.bridge = 'A bridge name has at most 15 characters and no spaces, "/" or ":"';
    return;
  }
  const user = ctx.networks.find((n) => n.bridge === bridge);
  if (user) errors.bridge = `${bridge} is already used by network "${user.name}"`;
  else if (ctx.interfaces?.some((i) => i.name === bridge)) {
    errors.bridge = `The host already has an interface named ${bridge}`;
  }
}

/** The subnets already on the host, each with what to call it in a message. */
function takenSubnets(ctx: NetworkCheckContext, family: IpFamily): { cidr: Cidr; by: string }[] {
  const out: { cidr: Cidr; by: string }[] = [];
  for (const n of ctx.networks) {
    for (const ip of n.ips) {
      const cidr = ip.family === family ? cidrOf(ip.address, ip.prefix, family) : undefined;
      if (cidr) out.push({ cidr, by: `network "${n.name}" (${cidr.text})` });
    }
  }
  for (const i of ctx.interfaces ?? []) {
    for (const a of i.addresses) {
      const cidr = a.family === family ? cidrOf(a.address, a.prefix, family) : undefined;
      // IPv6 link-local addresses are on every interface and never routed: no conflict.
      if (cidr && !(family === 'ipv6' && a.address.toLowerCase().startsWith('fe80:'))) {
        out.push({ cidr, by: `${i.name}'s address ${a.address}/${a.prefix}` });
      }
    }
  }
  return out;
}

export function checkIpPart(
  family: IpFamily,
  part: NetworkIpSpec,
  ctx: NetworkCheckContext,
  errors: Errors,
): NetworkIpSpec {
  const f = family;
  const maxPrefix = family === 'ipv4' ? 30 : 126;
  const address = part.address.trim();
  const value = addressValue(address, family);
  if (value === undefined) {
    errors[`${f}.address`] =
      `"${address}" is not an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address`;
    return part;
  }
  if (!Number.isInteger(part.prefix) || part.prefix < 8 || part.prefix > maxPrefix) {
    errors[`${f}.prefix`] = `The prefix must be a whole number from 8 to ${maxPrefix}`;
    return part;
  }
  const cidr = cidrOf(address, part.prefix, family) as Cidr;
  if (value === cidr.first || (family === 'ipv4' && value === cidr.last)) {
    errors[`${f}.address`] =
      `${address} is the ${value === cidr.first ? 'network' : 'broadcast'} address of ` +
      `${cidr.text}; the host needs an address inside it, e.g. the first one`;
    return part;
  }
  const clash = takenSubnets(ctx, family).find((t) => overlaps(t.cidr, cidr));
  if (clash) errors[`${f}.address`] = `${cidr.text} overlaps ${clash.by}`;
  const out: NetworkIpSpec = { address, prefix: part.prefix };
  const range = checkDhcpRange(f, cidr, part.dhcpStart, part.dhcpEnd, errors);
  if (range) Object.assign(out, { dhcpStart: range.start, dhcpEnd: range.end });
  if (part.hosts && part.hosts.length > 0) {
    if (family === 'ipv6') errors[`${f}.hosts`] = 'Static hosts are offered for IPv4 only';
    else out.hosts = checkDhcpHosts(f, cidr, value, part.hosts, errors);
  }
  return out;
}

/** Both ends or neither; inside the subnet, not its network or broadcast address, in order. */
export function checkDhcpRange(
  field: string,
  cidr: Cidr,
  start: string | undefined,
  end: string | undefined,
  errors: Errors,
): { start: string; end: string } | undefined {
  const s = start?.trim() || undefined;
  const e = end?.trim() || undefined;
  if (s === undefined && e === undefined) return undefined;
  if (s === undefined) errors[`${field}.dhcpStart`] = 'Give the first address of the range too';
  if (e === undefined) errors[`${field}.dhcpEnd`] = 'Give the last address of the range too';
  if (s === undefined || e === undefined) return undefined;
  const sv = inSubnet(cidr, s, `${field}.dhcpStart`, 'The range start', errors);
  const ev = inSubnet(cidr, e, `${field}.dhcpEnd`, 'The range end', errors);
  if (sv !== undefined && ev !== undefined && sv > ev) {
    errors[`${field}.dhcpEnd`] = `The range ends (${e}) before it starts (${s})`;
  }
  return { start: s, end: e };
}

function inSubnet(
  cidr: Cidr,
  address: string,
  field: string,
  what: string,
  errors: Errors,
): bigint | undefined {
  const v = addressValue(address, cidr.family);
  if (v === undefined) {
    errors[field] =
      `${what} "${address}" is not an ${cidr.family === 'ipv4' ? 'IPv4' : 'IPv6'} address`;
    return undefined;
  }
  if (!contains(cidr, v)) {
    errors[field] = `${what} ${address} is outside the subnet ${cidr.text}`;
    return undefined;
  }
  if (v === cidr.first || (cidr.family === 'ipv4' && v === cidr.last)) {
    errors[field] =
      `${what} ${address} is the ${v === cidr.first ? 'network' : 'broadcast'} address of ${cidr.text}`;
    return undefined;
  }
  return v;
}

/** Valid MACs (normalised), addresses in the subnet and not the host's own, no duplicates. */
export function checkDhcpHosts(
  field: string,
  cidr: Cidr,
  ownAddress: bigint | undefined,
  hosts: readonly DhcpHost[],
  errors: Errors,
): DhcpHost[] {
  const macs = new Set<string>();
  const ips = new Set<bigint>();
  return hosts.map((h, i) => {
    const at = `${field}.hosts.${i}`;
    let mac: string | undefined;
    const rawMac = h.mac?.trim();
    if (rawMac) {
      try {
        mac = checkMac(rawMac, `${at}.mac`);
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        errors[`${at}.mac`] = err.message;
      }
      if (mac && macs.has(mac)) errors[`${at}.mac`] = `${mac} is listed twice`;
      if (mac) macs.add(mac);
    }
    const name = h.name?.trim() || undefined;
    if (name !== undefined && !HOST_NAME.test(name)) {
      errors[`${at}.name`] = `"${name}" is not a host name (letters, digits and "-")`;
    }
    if (!rawMac && !name) errors[`${at}.mac`] = 'Give a MAC address (or a host name)';
    const ip = h.ip.trim();
    const v = inSubnet(cidr, ip, `${at}.ip`, 'The address', errors);
    if (v !== undefined && v === ownAddress) {
      errors[`${at}.ip`] = `${ip} is the host's own address on this network`;
    } else if (v !== undefined && ips.has(v)) errors[`${at}.ip`] = `${ip} is listed twice`;
    if (v !== undefined) ips.add(v);
    return { mac, ip, name };
  });
}

export function throwIfAny(errors: Errors): void {
  if (Object.keys(errors).length > 0) {
    throw new InvalidInputError(Object.values(errors).join('; '), errors);
  }
}
