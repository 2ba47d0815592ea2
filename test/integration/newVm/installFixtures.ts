/**
 * What the install-source tests share: a pool and an isolated network with DHCP of their own (all
 * named vdk-wizard2-*, on a free 10.120-139.x.0/24 subnet), the create job run to its end, the
 * guest's serial console read as text, and removal of everything named vdk-wizard2-*.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { execFileSync } from 'node:child_process';
import { JobRunner } from '../../../src/main/api/jobs';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  destroyDomain,
  listAllDomains,
  lookupDomainByName,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import {
  defineNetwork,
  isNetworkActive,
  listAllNetworks,
  startNetwork,
  stopNetwork,
  undefineNetwork,
} from '../../../src/main/libvirt/network';
import { uuidToString, type DomainRef, type StoragePoolRef } from '../../../src/main/libvirt/refs';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import {
  buildPool,
  definePool,
  deletePoolStorage,
  listAllStoragePools,
  startPool,
  stopPool,
  undefinePool,
} from '../../../src/main/libvirt/storagePool';
import { deleteVolume, listVolumes } from '../../../src/main/libvirt/storageVolume';
import { listNetworks } from '../../../src/main/services/networks/networkList';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import type { NewVmOptions } from '../../../src/shared/api/newVmTypes';
import type { JobProgress } from '../../../src/shared/api/types';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { xmlEscape } from '../../support/libvirtFixtures';
import { virDomainUndefineFlagsValues } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

export const PREFIX = 'vdk-wizard2-';

export interface InstallEnv {
  host: LocalHost;
  conn: LibvirtConnection;
  rpc: RpcClient;
  tag: string;
  pool: { ref: StoragePoolRef; path: string };
  network: { name: string; subnet: string };
  events: JobProgress[];
  jobs: JobRunner;
}

/** The first three octets of a 10.120-139.x.0/24 subnet that no network on the host uses. */
async function freeSubnet(rpc: RpcClient): Promise<string> {
  const used = new Set(
    (await listNetworks(rpc)).flatMap((n) =>
      n.ips.map((ip) => ip.address.split('.').slice(0, 3).join('.')),
    ),
  );
  for (;;) {
    const candidate = `10.${randomInt(120, 140)}.${randomInt(0, 256)}`;
    if (!used.has(candidate)) return candidate;
  }
}

export async function openInstallEnv(): Promise<InstallEnv> {
  const host = new LocalHost();
  const conn = await LibvirtConnection.open(host, 'qemu:///system');
  const rpc = conn.rpc;
  await removeWizard2Leftovers(rpc);
  const tag = randomBytes(3).toString('hex');
  const poolName = `${PREFIX}pool-${tag}`;
  const path = `/var/lib/libvirt/images/${poolName}`;
  const ref = await definePool(
    rpc,
    `<pool type='dir'><name>${poolName}</name><target><path>${path}</path></target></pool>`,
  );
  await buildPool(rpc, ref);
  await startPool(rpc, ref);
  // Isolated (no NAT rules to add or remove), with DHCP so that iPXE gets a lease.
  const subnet = await freeSubnet(rpc);
  const netName = `${PREFIX}net-${tag}`;
  const net = await defineNetwork(
    rpc,
    `<network><name>${xmlEscape(netName)}</name>` +
      `<ip address='${subnet}.1' netmask='255.255.255.0'>` +
      `<dhcp><range start='${subnet}.100' end='${subnet}.150'/></dhcp></ip></network>`,
  );
  await startNetwork(rpc, net);
  const events: JobProgress[] = [];
  return {
    host,
    conn,
    rpc,
    tag,
    pool: { ref, path },
    network: { name: netName, subnet },
    events,
    jobs: new JobRunner((e) => events.push(e)),
  };
}

/** Removes every domain (with its NVRAM), pool (with its volumes) and network named vdk-wizard2-*. */
export async function removeWizard2Leftovers(rpc: RpcClient): Promise<void> {
  for (const dom of await listAllDomains(rpc)) {
    if (!dom.name.startsWith(PREFIX)) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(
      rpc,
      dom,
      virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM |
        virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_TPM,
    ).catch(() =>
      undefineDomain(rpc, dom, virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM).catch(
        () => {},
      ),
    );
  }
  for (const pool of await listAllStoragePools(rpc)) {
    if (!pool.name.startsWith(PREFIX)) continue;
    for (const vol of await listVolumes(rpc, pool).catch(() => [])) {
      await deleteVolume(rpc, vol).catch(() => {});
    }
    await stopPool(rpc, pool).catch(() => {});
    await deletePoolStorage(rpc, pool).catch(() => {});
    await undefinePool(rpc, pool).catch(() => {});
  }
  for (const net of await listAllNetworks(rpc)) {
    if (!net.name.startsWith(PREFIX)) continue;
    if (await isNetworkActive(rpc, net)) await stopNetwork(rpc, net).catch(() => {});
    await undefineNetwork(rpc, net).catch(() => {});
  }
}

export async function closeInstallEnv(env: InstallEnv | undefined): Promise<void> {
  if (!env) return;
  await removeWizard2Leftovers(env.rpc);
  await env.conn.close();
  await env.host.close();
}

/** Options for a small TCG guest (this machine's nested KVM hangs isolinux) on our network. */
export function installOptions(
  env: InstallEnv,
  name: string,
  extra: Partial<NewVmOptions> & Pick<NewVmOptions, 'source'>,
): NewVmOptions {
  return {
    connectionId: 'local',
    name,
    // Generic: i440fx with an IDE CD-ROM, where the tiny ISO's isolinux boots under SeaBIOS.
    osId: 'generic',
    memoryMiB: 128,
    vcpus: 1,
    disk: { kind: 'none' },
    network: { kind: 'network', name: env.network.name },
    virtType: 'qemu',
    ...extra,
  };
}

/** Runs the create job to its end; returns the domain libvirt now holds. */
export async function createVm(env: InstallEnv, options: NewVmOptions): Promise<DomainRef> {
  const started = await startCreateVm(env.host, env.rpc, env.jobs, options);
  await started.result;
  return lookupDomainByName(env.rpc, options.name);
}

/**
 * The guest's serial console: what it printed since opened, and `waitFor(re)`, which presses
 * Enter every second (isolinux's prompt runs its DEFAULT entry again, printing the banner) until
 * the text matches.
 */
export async function serialConsole(rpc: RpcClient, dom: DomainRef) {
  const stream = await rpc.openStream('DOMAIN_OPEN_CONSOLE', { dom, dev_name: null, flags: 0 });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  stream.on('error', () => {});
  return {
    text: () => text,
    async waitFor(re: RegExp, timeoutMs = 120_000, pressEnter = true): Promise<string> {
      const until = Date.now() + timeoutMs;
      while (!re.test(text)) {
        if (Date.now() > until) throw new Error(`serial console never showed ${re}: ${text}`);
        if (pressEnter) stream.write('\r');
        await new Promise((r) => setTimeout(r, 1000));
      }
      return text;
    },
    close: () => stream.destroy(),
  };
}

/**
 * Waits for the install media's banner on the serial console (it really booted), then makes the
 * guest reboot: Ctrl+Alt+Del, which SeaBIOS handles by resetting the machine (the install XML's
 * on_reboot=destroy then stops the domain).
 */
export async function rebootInstall(rpc: RpcClient, dom: DomainRef): Promise<void> {
  const serial = await serialConsole(rpc, dom);
  await serial.waitFor(/VIRTDECK TEST ISO/);
  serial.close();
  virsh('send-key', uuidToString(dom.uuid), 'KEY_LEFTCTRL', 'KEY_LEFTALT', 'KEY_DELETE');
}

export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** virsh, for what the app has no RPC for (send-key) and for a second opinion. */
export function virsh(...args: string[]): string {
  return execFileSync('virsh', ['-c', 'qemu:///system', ...args], { encoding: 'utf8' });
}

/** The boot devices of a domain XML, in order. */
export function bootDevs(xml: string): string[] {
  const os = firstChild(parseXml(xml).documentElement as Element, 'os') as Element;
  return childElements(os, 'boot').map((b) => attribute(b, 'dev') ?? '');
}

/** The on_reboot action of a domain XML. */
export function onReboot(xml: string): string | undefined {
  return (
    firstChild(parseXml(xml).documentElement as Element, 'on_reboot')?.textContent ?? undefined
  );
}
