/**
 * The host overview: what the host is (names, versions, CPU, memory) and what guests can have
 * on it (machine types, firmware, KVM or TCG), read from node info, the capabilities XML and the
 * domain capabilities of the host's architecture, as `virsh nodeinfo / capabilities /
 * domcapabilities` print them.
 */
import type { Element } from '@xmldom/xmldom';
import type { HostFirmware, HostOverview } from '../../../shared/api/hostTypes';
import type { LibvirtConnection } from '../../libvirt/connection';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';

export async function readHostOverview(connection: LibvirtConnection): Promise<HostOverview> {
  const [hostname, versions, node, capsXml] = await Promise.all([
    connection.hostname(),
    connection.versions(),
    connection.nodeInfo(),
    connection.capabilitiesXml(),
  ]);
  const caps = readCapabilities(capsXml);
  const firmware = await readFirmware(connection, caps.arch, caps.kvm);
  return {
    hostname,
    ...versions,
    cpuModel: caps.cpuModel ?? node.cpuModel,
    cpuVendor: caps.cpuVendor,
    arch: caps.arch ?? node.cpuModel,
    cpus: node.cpus,
    mhz: node.mhz,
    sockets: node.sockets,
    cores: node.cores,
    threads: node.threads,
    numaNodes: node.numaNodes,
    memoryKiB: node.memoryKiB,
    acceleration: caps.kvm ? 'kvm' : versions.hypervisorType === 'QEMU' ? 'tcg' : 'other',
    machines: caps.machines,
    firmware,
    transport: connection.transport,
  };
}

interface CapabilityFacts {
  arch?: string;
  cpuModel?: string;
  cpuVendor?: string;
  /** A guest of the host's architecture can use KVM. */
  kvm: boolean;
  machines: HostOverview['machines'];
}

export function readCapabilities(xml: string): CapabilityFacts {
  const root = parseXml(xml).documentElement as Element;
  const cpu = firstChild(firstChild(root, 'host') ?? root, 'cpu');
  const arch = (cpu && firstChild(cpu, 'arch')?.textContent?.trim()) || undefined;
  const guestArch = childElements(root, 'guest')
    .filter((g) => (firstChild(g, 'os_type')?.textContent ?? 'hvm') === 'hvm')
    .map((g) => firstChild(g, 'arch'))
    .find((a) => a && attribute(a, 'name') === arch);
  const machines = guestArch
    ? childElements(guestArch, 'machine').map((m) => {
        const text = m.textContent?.trim() ?? '';
        const canonical = attribute(m, 'canonical');
        return canonical
          ? { name: canonical, alias: text, deprecated: attribute(m, 'deprecated') === 'yes' }
          : { name: text, deprecated: attribute(m, 'deprecated') === 'yes' };
      })
    : [];
  // Aliases (pc, q35) first, then the versioned types newest first as a user looks for them.
  machines.sort((a, b) =>
    !!a.alias !== !!b.alias
      ? a.alias
        ? -1
        : 1
      : b.name.localeCompare(a.name, undefined, { numeric: true }),
  );
  return {
    arch,
    cpuModel: (cpu && firstChild(cpu, 'model')?.textContent?.trim()) || undefined,
    cpuVendor: (cpu && firstChild(cpu, 'vendor')?.textContent?.trim()) || undefined,
    kvm:
      !!guestArch && childElements(guestArch, 'domain').some((d) => attribute(d, 'type') === 'kvm'),
    machines,
  };
}

async function readFirmware(
  connection: LibvirtConnection,
  arch: string | undefined,
  kvm: boolean,
): Promise<HostFirmware> {
  try {
    const xml = await connection.domainCapabilitiesXml({ arch, virtType: kvm ? 'kvm' : 'qemu' });
    return readDomainCapabilitiesFirmware(xml);
  } catch {
    // The test driver and some other hypervisors have no domain capabilities.
    return { known: false, kinds: [], loaders: [], secureBoot: false };
  }
}

function enumValues(parent: Element | undefined, name: string): string[] {
  const e = parent && childElements(parent, 'enum').find((x) => attribute(x, 'name') === name);
  return e ? childElements(e, 'value').map((v) => v.textContent?.trim() ?? '') : [];
}

export function readDomainCapabilitiesFirmware(xml: string): HostFirmware {
  const root = parseXml(xml).documentElement as Element;
  const os = firstChild(root, 'os');
  const loader = os && firstChild(os, 'loader');
  const loaderOk = !!loader && attribute(loader, 'supported') !== 'no';
  const listed = enumValues(os, 'firmware');
  // libvirt lists only firmware it found descriptor files for (efi); on x86 QEMU's own SeaBIOS
  // is always there, so BIOS is too (an x86_64 host's domain capabilities say only "efi").
  const arch = firstChild(root, 'arch')?.textContent?.trim() ?? '';
  const x86 = /^(x86_64|i[3-6]86)$/.test(arch);
  const kinds =
    listed.length === 0
      ? ['bios', ...(loaderOk ? ['efi'] : [])]
      : x86 && !listed.includes('bios')
        ? ['bios', ...listed]
        : listed;
  return {
    known: true,
    kinds,
    loaders: loaderOk ? childElements(loader, 'value').map((v) => v.textContent?.trim() ?? '') : [],
    secureBoot: loaderOk && enumValues(loader, 'secure').includes('yes'),
  };
}
