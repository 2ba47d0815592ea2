/**
 * The host's osinfo-db: the OS list from `osinfo-query` and, for one OS, the facts virt-install
 * decides with (devices with drivers, firmware, resources), read from the database's XML files
 * over the host's own file access (osinfo-query cannot print devices or resources). Devices and
 * firmware are inherited along derives-from / clones as libosinfo does; resources only when the
 * entry says inherit="true".
 */
import type { Element } from '@xmldom/xmldom';
import type { OsEntry } from '../../../shared/api/newVmTypes';
import type { Host } from '../../hosts/host';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import type { OsCapabilities, OsResources } from './osCapabilities';

const DB_DIRS = ['/etc/osinfo', '/usr/share/osinfo'];

const DEV = {
  virtioNet: ['http://pcisig.com/pci/1af4/1000', 'http://pcisig.com/pci/1af4/1041'],
  virtio1: ['http://pcisig.com/pci/1af4/1041'],
  virtioDisk: ['http://pcisig.com/pci/1af4/1001', 'http://pcisig.com/pci/1af4/1042'],
  virtioGpu: ['http://pcisig.com/pci/1af4/1050'],
  virtioRng: ['http://pcisig.com/pci/1af4/1005', 'http://pcisig.com/pci/1af4/1044'],
  virtioSerial: ['http://pcisig.com/pci/1af4/1003', 'http://pcisig.com/pci/1af4/1043'],
  virtioBalloon: ['http://pcisig.com/pci/1af4/1002', 'http://pcisig.com/pci/1af4/1045'],
  usb3: ['http://pcisig.com/pci/1b36/0004'],
  q35: ['http://qemu.org/chipset/x86/q35'],
} as const;

export interface HostOsEntry extends OsEntry {
  /** The full osinfo id (http://debian.org/debian/11), which names its XML file. */
  id: string;
}

/** The OS list of the host's osinfo-db, or undefined when osinfo-query is not installed. */
export async function queryHostOsList(host: Host): Promise<HostOsEntry[] | undefined> {
  const fields = 'short-id,name,version,family,vendor,id';
  const result = await host
    .exec(['osinfo-query', 'os', `--fields=${fields}`])
    .catch(() => undefined);
  if (!result || result.code !== 0) return undefined;
  return parseOsQuery(result.stdout.toString('utf8'));
}

/** Parses osinfo-query's table: a header, a dashed line, then " a | b | c " rows. */
export function parseOsQuery(text: string): HostOsEntry[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^-+\+/.test(l.trim()));
  const out: HostOsEntry[] = [];
  for (const line of lines.slice(start + 1)) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !cells[0] || !cells[5]) continue;
    const [shortId = '', name = '', version, family, vendor, id = ''] = cells;
    out.push({
      shortId,
      name,
      version: version || undefined,
      family: family || undefined,
      vendor: vendor || undefined,
      id,
      source: 'osinfo-db',
    });
  }
  return out;
}

/** http://debian.org/debian/11 -> debian.org/debian-11.xml (osinfo-db's own file layout). */
export function osXmlRelativePath(id: string): string | undefined {
  const m = /^https?:\/\/([^/]+)\/(.+)$/.exec(id);
  if (!m?.[1] || !m[2]) return undefined;
  return `${m[1]}/${m[2].replace(/\//g, '-')}.xml`;
}

async function readHostText(host: Host, path: string): Promise<string | undefined> {
  const files = await host.files();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const stream = files.createReadStream(path);
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', () => resolve(undefined));
  });
}

async function loadOsElement(host: Host, id: string): Promise<Element | undefined> {
  const rel = osXmlRelativePath(id);
  if (!rel) return undefined;
  for (const dir of DB_DIRS) {
    const text = await readHostText(host, `${dir}/os/${rel}`);
    if (!text) continue;
    const root = parseXml(text).documentElement;
    const os = root && childElements(root, 'os').find((el) => attribute(el, 'id') === id);
    if (os) return os;
  }
  return undefined;
}

interface Chain {
  /** The OS first, then its parents (derives-from, clones), nearest first. */
  elements: Element[];
}

async function loadChain(host: Host, id: string): Promise<Chain | undefined> {
  const elements: Element[] = [];
  const seen = new Set<string>();
  let next: string | undefined = id;
  while (next && !seen.has(next) && elements.length < 40) {
    seen.add(next);
    const el = await loadOsElement(host, next);
    if (!el) break;
    elements.push(el);
    const parent = firstChild(el, 'derives-from') ?? firstChild(el, 'clones');
    next = attribute(parent, 'id');
  }
  return elements.length > 0 ? { elements } : undefined;
}

function inheritedDevices(chain: Chain): Set<string> {
  const devices = new Set<string>();
  for (const os of [...chain.elements].reverse()) {
    for (const list of childElements(os, 'devices')) {
      for (const dev of childElements(list, 'device')) {
        const id = attribute(dev, 'id');
        if (!id) continue;
        if (attribute(dev, 'supported') === 'false') devices.delete(id);
        else devices.add(id);
      }
    }
  }
  return devices;
}

function efiOnly(chain: Chain, arch: string): boolean {
  let efi = false;
  let bios = true;
  for (const os of [...chain.elements].reverse()) {
    for (const fw of childElements(os, 'firmware')) {
      if (attribute(fw, 'arch') !== arch) continue;
      const supported = attribute(fw, 'supported') !== 'false';
      if (attribute(fw, 'type') === 'efi') efi = supported;
      if (attribute(fw, 'type') === 'bios') bios = supported;
    }
  }
  return efi && !bios;
}

function numberIn(el: Element | undefined, name: string): number | undefined {
  const text = el && firstChild(el, name)?.textContent?.trim();
  const n = text ? Number(text) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function resources(chain: Chain, arch: string, kind: 'minimum' | 'recommended'): OsResources {
  for (const os of chain.elements) {
    const all = childElements(os, 'resources');
    if (all.length === 0) return {};
    const forArch = [arch, 'all']
      .map((a) => all.find((r) => attribute(r, 'arch') === a))
      .filter((r): r is Element => r !== undefined);
    if (forArch.length === 0) return {};
    if (forArch.every((r) => attribute(r, 'inherit') === 'true')) continue;
    const pick = (key: string) => {
      for (const r of forArch) {
        const v = numberIn(firstChild(r, kind), key);
        if (v !== undefined) return v;
      }
      return undefined;
    };
    return { ramBytes: pick('ram'), cpus: pick('n-cpus'), storageBytes: pick('storage') };
  }
  return {};
}

/** The facts of one OS from the host's osinfo-db, or undefined when its XML is not found. */
export async function readHostOsCapabilities(
  host: Host,
  id: string,
  arch = 'x86_64',
): Promise<OsCapabilities | undefined> {
  const chain = await loadChain(host, id);
  if (!chain) return undefined;
  const devices = inheritedDevices(chain);
  const has = (ids: readonly string[]) => ids.some((d) => devices.has(d));
  const virtioNet = has(DEV.virtioNet);
  const virtio1 = has(DEV.virtio1);
  const own = chain.elements[0];
  const family = own && firstChild(own, 'family')?.textContent?.trim();
  return {
    virtioNet,
    virtio1,
    virtioDisk: has(DEV.virtioDisk),
    virtioGpu: has(DEV.virtioGpu),
    virtioRng: has(DEV.virtioRng),
    virtioSerial: has(DEV.virtioSerial),
    virtioBalloon: has(DEV.virtioBalloon),
    usb3: has(DEV.usb3),
    // virt-install: q35 needs the chipset entry, and virtio 1.0 if the guest does virtio at all.
    q35: has(DEV.q35) && !(virtioNet && !virtio1),
    efiOnly: efiOnly(chain, arch) || /\/win\/11$/.test(id),
    windows: family === 'winnt' || family === 'win9x',
    minimum: resources(chain, arch, 'minimum'),
    recommended: resources(chain, arch, 'recommended'),
  };
}
