/**
 * Subnets as numbers, for the overlap and range checks a new network needs. IPv4 and IPv6 both
 * become bigints so one set of comparisons serves both families.
 */
import { ipv4ToInt, ipv6ToBigInt, isIpv4 } from '../../shared/inputChecks';

export type IpFamily = 'ipv4' | 'ipv6';

export interface Cidr {
  family: IpFamily;
  /** The first address of the subnet. */
  first: bigint;
  /** The last address of the subnet (IPv4: the broadcast address). */
  last: bigint;
  prefix: number;
  /** As the user reads it: "10.1.2.0/24", "fd00:1::/64". */
  text: string;
}

const BITS: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };

/** The address as a number, or undefined when it is not an address of `family`. */
export function addressValue(address: string, family: IpFamily): bigint | undefined {
  if (family === 'ipv4') return isIpv4(address) ? BigInt(ipv4ToInt(address)) : undefined;
  return address.includes(':') ? ipv6ToBigInt(address) : undefined;
}

/** The subnet `address`/`prefix` lies in; undefined when either is not valid for the family. */
export function cidrOf(address: string, prefix: number, family: IpFamily): Cidr | undefined {
  const value = addressValue(address, family);
  const bits = BITS[family];
  if (value === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    return undefined;
  }
  const size = 1n << BigInt(bits - prefix);
  const first = (value / size) * size;
  return {
    family,
    first,
    last: first + size - 1n,
    prefix,
    text: `${formatAddress(first, family)}/${prefix}`,
  };
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

export function contains(c: Cidr, value: bigint): boolean {
  return value >= c.first && value <= c.last;
}

export function formatAddress(value: bigint, family: IpFamily): string {
  if (family === 'ipv4') {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_v, i) =>
    ((value >> BigInt(112 - i * 16)) & 0xffffn).toString(16),
  );
  // The longest run of zero groups becomes "::", as RFC 5952 writes addresses.
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(':');
  const head = groups.slice(0, best.at).join(':');
  const tail = groups.slice(best.at + best.len).join(':');
  return `${head}::${tail}`;
}
