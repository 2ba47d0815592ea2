/**
 * The VM details tests' own libvirt objects, all named vdk-details-*: a dir pool (never
 * virtdeck-test-*, which other tests' removeLeftovers() deletes), a qcow2 disk, the tiny ISO, a
 * TCG guest, and an isolated virtual network on 10.213.x.0/24. `removeDetailsLeftovers` deletes
 * everything with the prefix that an interrupted run left.
 */
import { randomBytes } from 'node:crypto';
import type { RpcClient } from '../../src/main/libvirt/rpc/client';
import {
  defineDomain,
  destroyDomain,
  listAllDomains,
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
import type { StoragePoolRef } from '../../src/main/libvirt/refs';
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
