/**
 * The clone's definition, made from the source's inactive XML with the edit rule (editXml: what
 * the app does not know survives): new name and UUID, each NIC a new MAC, each copied or linked
 * disk pointing at its new file, the serial / console / channel files and logs renamed as
 * virt-clone renames them, the NVRAM at its copy; then what the New VM wizard's "from template"
 * pages change (memory, vCPUs, the first NIC's source) through the same edits the VM page uses.
 */
import type { Element } from '@xmldom/xmldom';
import type { CloneOptions } from '../../../shared/api/methods/vmClone';
import { randomMac } from '../../../shared/inputChecks';
import { attribute, childElements, firstChild } from '../../xml/xmlDocument';
import { editXml, ensureChild, removeElement, setAttr, setText } from '../../xml/xmlEdit';
import { DOMAIN_ORDER, OS_ORDER, devicesNamed } from '../../xml/edits/domain/domainOrder';
import { setDomainMemory } from '../../xml/edits/domain/memory';
import { setDomainVcpus } from '../../xml/edits/domain/vcpus';
import {
  addNic,
  nicMacs,
  removeNic,
  setNicSource,
  type NicSource,
} from '../../xml/edits/domain/interfaces';
import { parseXml } from '../../xml/xmlDocument';
import { cloneFilePath } from './cloneNames';
import { dropTemplateMark } from './template';

/** Where a copied or linked disk's clone lives. */
export interface ClonedDiskSource {
  path: string;
  /** The image format of the new file (`qcow2` for an overlay). */
  format: string;
}

export interface CloneXmlSpec {
  sourceName: string;
  name: string;
  uuid: string;
  /** The new file of each copied or linked disk, by target; other disks are shared. */
  disks: ReadonlyMap<string, ClonedDiskSource>;
  /** The NVRAM copy's path (UEFI guests). */
  nvram?: string;
  /** MACs other guests use: never given to the clone. */
  macsInUse?: ReadonlySet<string>;
}

/** Devices whose `<source path>` (type file) and `<log file>` virt-clone renames. */
const CHARACTER_DEVICES = ['serial', 'console', 'parallel', 'channel'] as const;

export function cloneDomainXml(sourceXml: string, spec: CloneXmlSpec): string {
  return editXml(sourceXml, 'domain', (domain) => {
    setText(ensureChild(domain, 'name', DOMAIN_ORDER), spec.name);
    setText(ensureChild(domain, 'uuid', DOMAIN_ORDER), spec.uuid);
    // A VM generation ID identifies one guest instance: libvirt makes a new one when empty.
    const genid = firstChild(domain, 'genid');
    if (genid) setText(genid, '');
    newMacs(domain, spec.macsInUse ?? new Set());
    for (const disk of devicesNamed(domain, 'disk')) {
      const target = attribute(firstChild(disk, 'target'), 'dev') ?? '';
      const cloned = spec.disks.get(target);
      if (cloned) pointDiskAt(disk, cloned);
    }
    for (const kind of CHARACTER_DEVICES) {
      for (const dev of devicesNamed(domain, kind)) renameCharacterFiles(dev, spec);
    }
    if (spec.nvram) setNvram(domain, spec.nvram);
    dropTemplateMark(domain);
  });
}

/** Each NIC gets a new random MAC in 52:54:00, none the source or another guest has. */
function newMacs(domain: Element, inUse: ReadonlySet<string>): void {
  const taken = new Set([...inUse, ...nicMacs(domain)]);
  for (const nic of devicesNamed(domain, 'interface')) {
    const mac = firstChild(nic, 'mac');
    if (!mac) continue; // libvirt generates one at define
    let fresh = randomMac();
    while (taken.has(fresh)) fresh = randomMac();
    taken.add(fresh);
    setAttr(mac, 'address', fresh);
  }
}

function pointDiskAt(disk: Element, cloned: ClonedDiskSource): void {
  const type = attribute(disk, 'type') ?? 'file';
  const source = ensureChild(disk, 'source', ['driver', 'source', 'target']);
  if (type === 'volume') {
    // The volume's own name in the same pool: a file path would do, but the pool stays named.
    setAttr(source, 'volume', posixBase(cloned.path));
  } else {
    setAttr(disk, 'type', 'file');
    for (const name of ['dev', 'dir', 'protocol', 'name']) source.removeAttribute(name);
    setAttr(source, 'file', cloned.path);
  }
  const driver = firstChild(disk, 'driver');
  if (driver) setAttr(driver, 'type', cloned.format);
  // The source's chain (an inactive XML may carry one) is not the clone's: libvirt reads it anew.
  for (const backing of childElements(disk, 'backingStore')) removeElement(backing);
}

function posixBase(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function renameCharacterFiles(dev: Element, spec: CloneXmlSpec): void {
  const rename = (path: string | undefined) =>
    path ? cloneFilePath(path, spec.sourceName, spec.name) : undefined;
  if (attribute(dev, 'type') === 'file') {
    const source = firstChild(dev, 'source');
    const path = rename(attribute(source, 'path'));
    if (source && path) setAttr(source, 'path', path);
  }
  const log = firstChild(dev, 'log');
  const logFile = rename(attribute(log, 'file'));
  if (log && logFile) setAttr(log, 'file', logFile);
}

function setNvram(domain: Element, path: string): void {
  const os = ensureChild(domain, 'os', DOMAIN_ORDER);
  const nvram = ensureChild(os, 'nvram', OS_ORDER);
  // libvirt 9.x+ may name the file in <source file=...> (non-file NVRAM) instead of the text.
  const source = firstChild(nvram, 'source');
  if (source && attribute(source, 'file')) setAttr(source, 'file', path);
  else setText(nvram, path);
}

type CloneOverrides = NonNullable<CloneOptions['overrides']>;

/** The wizard's memory, vCPUs and network, applied by the VM page's own edits. */
export function applyOverrides(xml: string, overrides: CloneOverrides | undefined): string {
  if (!overrides) return xml;
  let out = xml;
  if (overrides.memoryMiB !== undefined) {
    const kiB = overrides.memoryMiB * 1024;
    out = setDomainMemory(out, { maximumKiB: kiB, currentKiB: kiB });
  }
  if (overrides.vcpus !== undefined) out = setDomainVcpus(out, { maximum: overrides.vcpus });
  const network = overrides.network;
  if (network) {
    const macs = nicMacs(parseXml(out).documentElement as Element);
    const source = nicSource(network);
    if (!source) for (const mac of macs) out = removeNic(out, mac);
    else if (macs[0]) out = setNicSource(out, macs[0], source);
    else out = addNic(out, { source });
  }
  return out;
}

function nicSource(network: NonNullable<CloneOverrides['network']>): NicSource | undefined {
  switch (network.kind) {
    case 'network':
      return { kind: 'network', network: network.name };
    case 'bridge':
      return { kind: 'bridge', bridge: network.name };
    case 'direct':
      return { kind: 'direct', device: network.device, mode: 'bridge' };
    case 'none':
      return undefined;
  }
}
