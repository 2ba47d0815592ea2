/**
 * Which VMs use a volume: every domain's disks, in its inactive XML (what it boots with next time)
 * and, while it runs, its live XML (hot-plugged disks, a changed CD), including the backing chain
 * libvirt reports (an overlay's base image is in use too). A disk names a volume by path
 * (<source file|dev|dir>) or by pool and volume (<source pool volume>, disk type 'volume').
 */
import type { Element } from '@xmldom/xmldom';
import type { RpcClient } from '../../libvirt/rpc/client';
import { getDomainXml, listAllDomains } from '../../libvirt/domain';
import type { DomainRef } from '../../libvirt/refs';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import { virDomainXMLFlags } from '../../libvirt/rpc/generated/libvirtEnums';

/** What a disk points at. */
export interface DiskSource {
  path?: string;
  pool?: string;
  volume?: string;
}

/** The VMs using each path and each pool/volume pair, from one scan of every domain. */
export class VolumeUsage {
  private readonly byPath = new Map<string, Set<string>>();
  private readonly byPoolVolume = new Map<string, Set<string>>();

  add(vm: string, source: DiskSource): void {
    if (source.path) keep(this.byPath, normalizePath(source.path), vm);
    if (source.pool && source.volume)
      keep(this.byPoolVolume, poolKey(source.pool, source.volume), vm);
  }

  /** The VMs using the volume `name` of `pool`, whose path is `path`; sorted, no repeats. */
  usersOf(volume: { pool: string; name: string; path?: string }): string[] {
    const users = new Set<string>(this.byPoolVolume.get(poolKey(volume.pool, volume.name)));
    if (volume.path)
      for (const vm of this.byPath.get(normalizePath(volume.path)) ?? []) users.add(vm);
    return [...users].sort((a, b) => a.localeCompare(b));
  }
}

/** Reads every domain's inactive and (when running) live XML; a domain gone meanwhile is skipped. */
export async function scanVolumeUsage(
  rpc: RpcClient,
  /** Other connections to the same host (a VM there is named "name (label)"). */
  others: readonly { label: string; rpc: RpcClient }[] = [],
): Promise<VolumeUsage> {
  const usage = new VolumeUsage();
  const scan = async (on: RpcClient, nameOf: (vm: string) => string) => {
    const domains = await listAllDomains(on);
    await Promise.all(
      domains.map(async (dom) => {
        for (const xml of await domainXmls(on, dom)) {
          for (const source of diskSources(xml)) usage.add(nameOf(dom.name), source);
        }
      }),
    );
  };
  await Promise.all([
    scan(rpc, (vm) => vm),
    // A connection that fails meanwhile is left out: its own session reports it.
    ...others.map((o) => scan(o.rpc, (vm) => `${vm} (${o.label})`).catch(() => {})),
  ]);
  return usage;
}

async function domainXmls(rpc: RpcClient, dom: DomainRef): Promise<string[]> {
  const [inactive, live] = await Promise.all([
    getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE).catch(() => undefined),
    // The live XML of a shut-off domain is its inactive one; reading it twice costs one call.
    getDomainXml(rpc, dom, 0).catch(() => undefined),
  ]);
  return [inactive, live].filter((x): x is string => x !== undefined);
}

/** Every source of every disk in a domain XML, with the backing chain under each. */
export function diskSources(domainXml: string): DiskSource[] {
  const root = parseXml(domainXml).documentElement;
  const devices = root && firstChild(root, 'devices');
  if (!devices) return [];
  const out: DiskSource[] = [];
  for (const disk of childElements(devices, 'disk')) collect(disk, out);
  return out;
}

function collect(holder: Element, out: DiskSource[]): void {
  const source = firstChild(holder, 'source');
  if (source) {
    const path = attribute(source, 'file') ?? attribute(source, 'dev') ?? attribute(source, 'dir');
    out.push({ path, pool: attribute(source, 'pool'), volume: attribute(source, 'volume') });
  }
  const backing = firstChild(holder, 'backingStore');
  if (backing) collect(backing, out);
}

function keep(map: Map<string, Set<string>>, key: string, vm: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(vm);
}

function poolKey(pool: string, volume: string): string {
  return `${pool}\0${volume}`;
}

/** "/a//b/./c" and "/a/b/c" name the same file. */
export function normalizePath(path: string): string {
  return path
    .replace(/\/+/g, '/')
    .replace(/\/\.(?=\/|$)/g, '')
    .replace(/(.)\/$/, '$1');
}
