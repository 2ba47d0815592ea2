/**
 * The VM details tests' own libvirt objects, all named vdk-details-*: a dir pool (never
 * virtdeck-test-*, which other tests' removeLeftovers() deletes), a qcow2 disk, the tiny ISO, a
 * TCG guest, an isolated virtual network on 10.213.x.0/24, and a running diskless guest with three
 * RNGs (for config and live XML that list a kind differently). `removeDetailsLeftovers` deletes
 * everything with the prefix that an interrupted run left.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { LocalHost } from '../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../src/main/libvirt/connection';
import { applyEdit } from '../../src/main/services/vmDetails/applyEdit';
import { openVm } from '../../src/main/services/vmDetails/vmXml';
import type { RpcClient } from '../../src/main/libvirt/rpc/client';
import {
  defineDomain,
  destroyDomain,
  getDomainXml,
  listAllDomains,
  lookupDomainByName,
  startDomain,
  undefineDomain,
} from '../../src/main/libvirt/domain';
import {
  defineNetwork,
  listAllNetworks,
  startNetwork,
  stopNetwork,
  undefineNetwork,
  isNetworkActive,
} from '../../src/main/libvirt/network';
import {
  buildPool,
  definePool,
  deletePoolStorage,
  isPoolActive,
  listAllStoragePools,
  startPool,
  stopPool,
  undefinePool,
} from '../../src/main/libvirt/storagePool';
import { deleteVolume, listVolumes } from '../../src/main/libvirt/storageVolume';
import { uuidToString, type StoragePoolRef } from '../../src/main/libvirt/refs';
import { createQcow2, tcgDomainXml, uploadTinyIso, xmlEscape } from './libvirtFixtures';
import { virDomainUndefineFlagsValues } from '../../src/main/libvirt/rpc/generated/libvirtEnums';

export const DETAILS_PREFIX = 'vdk-details-';

/** `prefix`: another area's own prefix (vdk-details2-) for the same fixtures. */
export async function removeDetailsLeftovers(
  rpc: RpcClient,
  prefix = DETAILS_PREFIX,
): Promise<void> {
  for (const dom of await listAllDomains(rpc)) {
    if (!dom.name.startsWith(prefix)) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(
      rpc,
      dom,
      virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
        virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM,
    ).catch(() => {});
  }
  for (const net of await listAllNetworks(rpc)) {
    if (!net.name.startsWith(prefix)) continue;
    if (await isNetworkActive(rpc, net)) await stopNetwork(rpc, net).catch(() => {});
    await undefineNetwork(rpc, net).catch(() => {});
  }
  for (const pool of await listAllStoragePools(rpc)) {
    if (!pool.name.startsWith(prefix)) continue;
    if (await isPoolActive(rpc, pool)) {
      for (const vol of await listVolumes(rpc, pool)) await deleteVolume(rpc, vol).catch(() => {});
      await stopPool(rpc, pool).catch(() => {});
    }
    await deletePoolStorage(rpc, pool).catch(() => {});
    await undefinePool(rpc, pool).catch(() => {});
  }
}

export interface DetailsPool {
  pool: StoragePoolRef;
  name: string;
  disk: string;
  iso: string;
}

/** A pool with a qcow2 disk and the tiny ISO. */
export async function createDetailsPool(
  rpc: RpcClient,
  prefix = DETAILS_PREFIX,
): Promise<DetailsPool> {
  const name = `${prefix}${randomBytes(3).toString('hex')}`;
  const path = `/var/lib/libvirt/images/${name}`;
  const pool = await definePool(
    rpc,
    `<pool type='dir'><name>${name}</name><target><path>${path}</path></target></pool>`,
  );
  await buildPool(rpc, pool);
  await startPool(rpc, pool);
  const disk = await createQcow2(rpc, pool, 'disk.qcow2', 8);
  const iso = await uploadTinyIso(rpc, pool, 'tiny.iso');
  return { pool, name, disk: disk.path, iso: iso.path };
}

/** An isolated network (a bridge, no DHCP, no forward) on 10.213.<n>.0/24. */
export async function createDetailsNetwork(
  rpc: RpcClient,
  n: number,
  prefix = DETAILS_PREFIX,
): Promise<string> {
  const name = `${prefix}net${n}`;
  const net = await defineNetwork(
    rpc,
    `<network><name>${name}</name><bridge name='vdkdet${n}'/>` +
      `<ip address='10.213.${n}.1' prefix='24'/></network>`,
  );
  await startNetwork(rpc, net);
  return name;
}

/**
 * A shut-off TCG guest booting the ISO; with `nic`, a NIC on that network with that MAC.
 * `withDisk` false for a second guest (QEMU locks a disk image one guest uses).
 */
export async function defineDetailsVm(
  rpc: RpcClient,
  name: string,
  pool: DetailsPool,
  options: { nic?: { network: string; mac: string }; withDisk?: boolean } = {},
): Promise<void> {
  let xml = tcgDomainXml(name, options.withDisk === false ? undefined : pool.disk, pool.iso);
  if (options.nic) {
    xml = xml.replace(
      '<serial',
      `<interface type='network'><mac address='${options.nic.mac}'/>` +
        `<source network='${xmlEscape(options.nic.network)}'/><model type='virtio'/></interface>\n    <serial`,
    );
  }
  // ACPI: i440fx hot-plugs PCI devices (a disk, a NIC) through it.
  xml = xml.replace('</os>', '</os>\n  <features><acpi/><apic/></features>');
  // Room for vCPU hotplug: a maximum above the current count.
  xml = xml.replace('<vcpu>1</vcpu>', "<vcpu current='1'>2</vcpu>");
  await defineDomain(rpc, xml);
}

/** The PCI slots of the RNG guest's three RNGs, in order. */
export const RNG_SLOTS = ['0x0a', '0x0b', '0x0c'];

/** A diskless TCG guest with three virtio RNGs at RNG_SLOTS (ACPI: PCI unplug is asked). */
function rngGuestXml(name: string): string {
  const rngs = RNG_SLOTS.map(
    (slot) => `
    <rng model='virtio'>
      <backend model='random'>/dev/urandom</backend>
      <address type='pci' domain='0x0000' bus='0x00' slot='${slot}' function='0x0'/>
    </rng>`,
  ).join('');
  return `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <features><acpi/></features>
  <devices>
    <graphics type='vnc' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics>${rngs}
  </devices>
</domain>`;
}

/** The PCI slots of a domain XML's RNGs, in order. */
export function rngSlots(xml: string): string[] {
  return [...xml.matchAll(/<rng [\s\S]*?slot='(0x[0-9a-f]+)'[\s\S]*?<\/rng>/g)].map(
    (m) => m[1] ?? '',
  );
}

/**
 * The three-RNG guest `name`, running on qemu:///system for the tests of one describe block:
 * defined and started in beforeAll (one left by an interrupted run removed first), stopped and
 * undefined in afterAll. Its XML and Remove are at hand.
 */
export function runningRngGuest(name: string) {
  const host = new LocalHost();
  let conn: LibvirtConnection | undefined;
  let uuid = '';
  const rpc = (): RpcClient => {
    if (!conn) throw new Error(`${name} is not started`);
    return conn.rpc;
  };
  const remove = async () => {
    const dom = await lookupDomainByName(rpc(), name).catch(() => null);
    if (!dom) return;
    await destroyDomain(rpc(), dom).catch(() => {});
    await undefineDomain(rpc(), dom);
  };
  beforeAll(async () => {
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await remove();
    const dom = await defineDomain(rpc(), rngGuestXml(name));
    uuid = uuidToString(dom.uuid);
    await startDomain(rpc(), dom);
  });
  afterAll(async () => {
    if (conn) await remove();
    await conn?.close();
    await host.close();
  });
  return {
    rpc,
    uuid: () => uuid,
    /** Its XML: VIR_DOMAIN_XML_INACTIVE for the config, 0 for the running guest's. */
    xmlOf: async (flags: number) =>
      getDomainXml(rpc(), await lookupDomainByName(rpc(), name), flags),
    /** Remove as the details page asks it (`configOnly`: at the next shutdown). */
    removeDevice: async (key: string, configOnly?: boolean) =>
      applyEdit(await openVm(rpc(), uuid), { kind: 'removeDevice', key, configOnly }, uuid),
  };
}
