/**
 * The clone tests' world, on either libvirt generation: a temp pool, a source guest that boots
 * from its own disk (an isohybrid build of the tiny ISO uploaded as a raw volume, so a clone that
 * boots shows its disk really holds the original's bytes, or reads them through its overlay), the
 * app's job runner, and removal of everything named vd-clonebe-*.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element } from '@xmldom/xmldom';
import { JobRunner } from '../../../src/main/api/jobs';
import type { JobProgress } from '../../../src/shared/api/types';
import type { CloneOptions } from '../../../src/shared/api/methods/vmClone';
import {
  defineDomain,
  destroyDomain,
  getDomainXml,
  listAllDomains,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import type { DomainRef, StoragePoolRef, StorageVolumeRef } from '../../../src/main/libvirt/refs';
import { uuidToString } from '../../../src/main/libvirt/refs';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import {
  virDomainUndefineFlagsValues as undefineFlags,
  virDomainXMLFlags,
} from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import {
  createVolume,
  getVolumePath,
  listVolumes,
  uploadVolume,
} from '../../../src/main/libvirt/storageVolume';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { xmlEscape } from '../../support/libvirtFixtures';
import { buildTinyIso } from '../../support/testHost';

export const PREFIX = 'vd-clonebe-';

/** Characters a shell, XML or a path could trip on. */
export const ODD = `it's "odd" $(touch x); ü 名`;

export const BANNER = 'VD CLONEBE DISK';

/** The isohybrid image as a raw volume: a disk that boots and prints BANNER on the serial port. */
export async function bootableVolume(
  rpc: RpcClient,
  pool: StoragePoolRef,
  name: string,
): Promise<{ vol: StorageVolumeRef; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vd-clonebe-'));
  try {
    const local = join(dir, 'disk.img');
    await buildTinyIso(local, BANNER, { hybrid: true });
    const size = statSync(local).size;
    const vol = await createVolume(
      rpc,
      pool,
      `<volume><name>${xmlEscape(name)}</name><capacity unit='B'>${size}</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );
    await uploadVolume(rpc, vol, createReadStream(local), { length: size });
    return { vol, path: await getVolumePath(rpc, vol) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A TCG guest booting `diskPath` (raw or qcow2) with a serial console; for the guests that are
 * only defined, a serial log file (renamed in a clone, as virt-clone does) and a NIC on the
 * host's `default` network (its MAC must change; the network need not run to define the guest).
 */
export function sourceXml(
  name: string,
  diskPath: string,
  options: { format?: 'raw' | 'qcow2'; logDir?: string; nic?: boolean } = {},
): string {
  const log = options.logDir
    ? `<log file='${xmlEscape(`${options.logDir}/${name}-serial.log`)}'/>`
    : '';
  const nic = options.nic
    ? `<interface type='network'><source network='default'/><model type='virtio'/></interface>`
    : '';
  return `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='${options.format ?? 'raw'}'/>
      <source file='${xmlEscape(diskPath)}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    ${nic}
    <serial type='pty'>${log}</serial>
    <console type='pty'/>
  </devices>
</domain>`;
}

export async function defineSource(
  rpc: RpcClient,
  xml: string,
): Promise<{ dom: DomainRef; uuid: string }> {
  const dom = await defineDomain(rpc, xml);
  return { dom, uuid: uuidToString(dom.uuid) };
}

export function jobRunner(): { jobs: JobRunner; events: JobProgress[] } {
  const events: JobProgress[] = [];
  return { jobs: new JobRunner((e) => events.push(e)), events };
}

export function cloneOptions(
  uuid: string,
  name: string,
  disks: CloneOptions['disks'],
  extra: Partial<CloneOptions> = {},
): CloneOptions {
  return {
    connectionId: 'test',
    uuid,
    name,
    disks,
    pauseSource: false,
    start: false,
    ...extra,
  };
}

/** The domain's inactive XML root. */
export async function inactiveRoot(rpc: RpcClient, dom: DomainRef): Promise<Element> {
  const xml = await getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
  return parseXml(xml).documentElement as Element;
}

/** A device list of the domain root: `<disk>`, `<interface>`, `<serial>`... */
export function devices(root: Element, name: string): Element[] {
  return childElements(firstChild(root, 'devices') as Element, name);
}

export function diskSource(root: Element, target: string): string | undefined {
  const disk = devices(root, 'disk').find(
    (d) => attribute(firstChild(d, 'target'), 'dev') === target,
  );
  return attribute(disk && firstChild(disk, 'source'), 'file');
}

export function macs(root: Element): string[] {
  return devices(root, 'interface').map((n) => attribute(firstChild(n, 'mac'), 'address') ?? '');
}

export async function volumeNames(rpc: RpcClient, pool: StoragePoolRef): Promise<string[]> {
  return (await listVolumes(rpc, pool)).map((v) => v.name).sort();
}

export async function sliceDomainNames(rpc: RpcClient): Promise<string[]> {
  return (await listAllDomains(rpc))
    .map((d) => d.name)
    .filter((n) => n.startsWith(PREFIX))
    .sort();
}

/** Removes this slice's domains (left by this or an interrupted run) with their metadata. */
export async function removeSliceVms(rpc: RpcClient): Promise<void> {
  for (const dom of await listAllDomains(rpc)) {
    if (!dom.name.startsWith(PREFIX)) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(
      rpc,
      dom,
      undefineFlags.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
        undefineFlags.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
        undefineFlags.VIR_DOMAIN_UNDEFINE_NVRAM,
    ).catch(() => {});
  }
}
