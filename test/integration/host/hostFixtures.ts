/**
 * What the host-resource tests (live lists, network edits, pool / volume XML) share: their own
 * name prefix vdk-host2-, a free 10.100-119.x.0/24 subnet (this area's corner of 10/8), virsh run
 * behind the app's back, and removal of whatever a crashed earlier run left.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { randomInt } from 'node:crypto';

export const HOST2_PREFIX = 'vdk-host2-';

export function virsh(...args: string[]): string {
  return execFileSync('virsh', ['-c', 'qemu:///system', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

export function virshQuiet(...args: string[]): void {
  try {
    virsh(...args);
  } catch {
    // Not there: nothing to remove.
  }
}

function names(kind: 'net' | 'pool'): string[] {
  return virsh(`${kind}-list`, '--all', '--name')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export const netNames = (): string[] => names('net');
export const poolNames = (): string[] => names('pool');

/** The first three octets of a 10.100-119.x.0/24 subnet that no network on the host uses. */
export function freeSubnet(): string {
  const used = new Set(
    netNames().flatMap((n) =>
      [...virsh('net-dumpxml', n).matchAll(/address='(\d+\.\d+\.\d+)\./g)].map((m) => m[1]),
    ),
  );
  for (;;) {
    const candidate = `10.${randomInt(100, 120)}.${randomInt(0, 256)}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Removes the networks, pools (and their /tmp directories) named vdk-host2-*. */
export function removeHost2Leftovers(): void {
  for (const n of netNames().filter((n) => n.startsWith(HOST2_PREFIX))) {
    virshQuiet('net-destroy', n);
    virshQuiet('net-undefine', n);
  }
  for (const p of poolNames().filter((p) => p.startsWith(HOST2_PREFIX))) {
    const path = /<path>([^<]+)<\/path>/.exec(virsh('pool-dumpxml', p))?.[1];
    virshQuiet('pool-destroy', p);
    virshQuiet('pool-undefine', p);
    if (path?.startsWith(`/tmp/${HOST2_PREFIX}`)) rmSync(path, { recursive: true, force: true });
  }
}

/** A NAT network's XML in `subnet` (three octets), as a user would write it for virsh. */
export function natNetworkXml(name: string, subnet: string, bridge?: string): string {
  return `<network>
  <name>${name}</name>
  <forward mode='nat'/>
  ${bridge ? `<bridge name='${bridge}'/>` : ''}
  <ip address='${subnet}.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='${subnet}.100' end='${subnet}.150'/>
    </dhcp>
  </ip>
</network>
`;
}
