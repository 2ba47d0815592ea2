/**
 * An OVF descriptor (DMTF OVF 1.x / 2.x, as VMware's ovftool, VirtualBox and others write it)
 * read into what a new VM needs: name, memory, vCPUs, disks with their controller's bus, NICs,
 * firmware and OS. Exporters differ in namespace prefixes (ovf:, rasd:, epasd:, vmw:, vbox:),
 * so elements and attributes are matched by local name.
 */
import type { Element } from '@xmldom/xmldom';
import { invalidInput } from '../../../shared/inputChecks';
import { msg } from '../../../shared/messages/message';
import { parseXml } from '../../xml/xmlDocument';
import { APPLIANCE_FIELD as FIELD } from './applianceTypes';

export type DiskBus = 'virtio' | 'sata' | 'ide' | 'scsi';

export interface OvfDisk {
  /** The file in the appliance (References/File href). */
  file: string;
  /** The guest-visible size the descriptor gives, bytes. */
  capacityBytes?: number;
  bus?: DiskBus;
}

export interface OvfDescriptor {
  name: string;
  memoryMiB?: number;
  vcpus?: number;
  firmware?: 'bios' | 'efi';
  osId?: string;
  disks: OvfDisk[];
  nics: { model?: string; network?: string }[];
  /** Every file the References section names, disks or not. */
  files: string[];
}

function elements(parent: Element, local: string, deep = false): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const el = node as Element;
    if (el.localName === local) out.push(el);
    if (deep) out.push(...elements(el, local, true));
  }
  return out;
}

function child(parent: Element, local: string): Element | undefined {
  return elements(parent, local)[0];
}

function childText(parent: Element, local: string): string | undefined {
  return child(parent, local)?.textContent?.trim() || undefined;
}

/** An attribute by local name, whatever its prefix (ovf:id, vmw:osType, or none). */
function attr(el: Element | undefined, local: string): string | undefined {
  if (!el) return undefined;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a && (a.localName ?? a.name.split(':').pop()) === local) return a.value;
  }
  return undefined;
}

/** "byte * 2^20", "MegaBytes", "KB" ... as a multiplier of bytes (undefined: not understood). */
export function allocationUnitBytes(units: string | undefined): number | undefined {
  const u = (units ?? 'byte').replace(/\s+/g, '').toLowerCase();
  const power = /^byte\*2\^(\d+)$/.exec(u);
  if (power) return 2 ** Number(power[1]);
  const named: Record<string, number> = {
    byte: 1,
    bytes: 1,
    kilobytes: 2 ** 10,
    kb: 2 ** 10,
    megabytes: 2 ** 20,
    mb: 2 ** 20,
    gigabytes: 2 ** 30,
    gb: 2 ** 30,
    terabytes: 2 ** 40,
    tb: 2 ** 40,
  };
  return named[u];
}

/** A controller's ResourceType (and subtype) as a libvirt disk bus. */
function controllerBus(type: string, subType: string | undefined): DiskBus | undefined {
  if (type === '5') return 'ide';
  if (type === '20') return 'sata';
  if (type === '6') return /virtio/i.test(subType ?? '') ? 'virtio' : 'scsi';
  return undefined;
}

/** An OVF NIC subtype as a libvirt interface model. */
export function nicModel(subType: string | undefined): string | undefined {
  const s = (subType ?? '').toLowerCase();
  if (s === '') return undefined;
  if (s.includes('virtio')) return 'virtio';
  if (s.includes('vmxnet3')) return 'vmxnet3';
  if (s.includes('e1000e')) return 'e1000e';
  if (s.includes('e1000')) return 'e1000';
  if (s.includes('pcnet')) return 'pcnet';
  if (s.includes('rtl8139')) return 'rtl8139';
  return undefined;
}

/** vmw:osType (and VirtualBox's vbox:OSType) names, then CIM OsType numbers, to osinfo ids. */
const OS_BY_NAME: [RegExp, string][] = [
  [/^debian12/i, 'debian12'],
  [/^debian11/i, 'debian11'],
  [/^debian10/i, 'debian10'],
  [/^archlinux/i, 'archlinux'],
  [/^centos7/i, 'centos7.0'],
  [/^rockylinux_64|^rocky/i, 'rocky9'],
  [/^windows11|^win11/i, 'win11'],
  [/^windows9(_64)?guest|^windows10|^win10/i, 'win10'],
  [/^windows7|^win7/i, 'win7'],
  [/^winxp|^windowsxp/i, 'winxp'],
  [/^freebsd13/i, 'freebsd13.0'],
  [/linux|ubuntu|debian|fedora|rhel|centos|suse|oracle/i, 'linux2022'],
];

const OS_BY_CIM: Record<string, string> = {
  '36': 'linux2022', // LINUX
  '67': 'winxp',
  '96': 'linux2022', // Debian 64-bit: the release is not said
  '101': 'linux2022', // Linux 64-bit
  '105': 'win7',
};

function osinfoId(section: Element | undefined): string | undefined {
  if (!section) return undefined;
  // vmw:osType is an attribute; VirtualBox writes a vbox:OSType element.
  const named = attr(section, 'osType') ?? childText(section, 'OSType');
  for (const [pattern, id] of OS_BY_NAME) if (named && pattern.test(named)) return id;
  const description = childText(section, 'Description');
  for (const [pattern, id] of OS_BY_NAME) if (description && pattern.test(description)) return id;
  return OS_BY_CIM[attr(section, 'id') ?? ''];
}

/** EFI when any of the exporters' ways of saying so says it. */
function firmwareOf(system: Element): 'bios' | 'efi' {
  const says = (value: string | undefined) => /efi/i.test(value ?? '');
  for (const config of elements(system, 'Config', true)) {
    if (attr(config, 'key') === 'firmware' && says(attr(config, 'value'))) return 'efi';
  }
  for (const other of elements(system, 'VirtualSystemOtherConfigurationData', true)) {
    if (/firmware/i.test(attr(other, 'name') ?? '') && says(other.textContent ?? '')) return 'efi';
  }
  for (const fw of elements(system, 'Firmware', true)) {
    if (says(attr(fw, 'type')) || says(fw.textContent ?? '')) return 'efi';
  }
  if (says(attr(system, 'firmware'))) return 'efi';
  return 'bios';
}

/** The files an .ovf references (its disks, mostly): what to read beside it. */
export function ovfReferencedFiles(xml: string): string[] {
  const root = parseXml(xml).documentElement;
  const references = root && child(root, 'References');
  return references ? elements(references, 'File').flatMap((f) => attr(f, 'href') ?? []) : [];
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Reads a descriptor; throws a message for the Source page when it is not a usable OVF. */
export function parseOvf(xml: string): OvfDescriptor {
  let root: Element | null;
  try {
    root = parseXml(xml).documentElement;
  } catch (err) {
    throw invalidInput(
      msg('appliances.ovfUnparsable', { why: err instanceof Error ? err.message : String(err) }),
      FIELD,
    );
  }
  if (!root || root.localName !== 'Envelope') {
    throw invalidInput(msg('appliances.ovfNoEnvelope'), FIELD);
  }
  const filesById = new Map<string, string>();
  const references = child(root, 'References');
  for (const file of references ? elements(references, 'File') : []) {
    const id = attr(file, 'id');
    const href = attr(file, 'href');
    if (id && href) filesById.set(id, href);
    if (attr(file, 'compression')) {
      throw invalidInput(
        (href ?? id)
          ? msg('appliances.ovfCompressed', { file: href ?? id ?? '' })
          : msg('appliances.ovfCompressedFile'),
        FIELD,
      );
    }
  }
  const diskSection = child(root, 'DiskSection') ?? child(root, 'VirtualDiskDescSection');
  const diskDefs = new Map<string, { file: string; capacityBytes?: number }>();
  for (const disk of diskSection ? elements(diskSection, 'Disk') : []) {
    const id = attr(disk, 'diskId');
    const fileRef = attr(disk, 'fileRef');
    if (!id || !fileRef) continue;
    const file = filesById.get(fileRef);
    if (!file) throw invalidInput(msg('appliances.ovfFileRef', { id, file: fileRef }), FIELD);
    const capacity = positive(attr(disk, 'capacity'));
    const unit = allocationUnitBytes(attr(disk, 'capacityAllocationUnits'));
    diskDefs.set(id, { file, capacityBytes: capacity && unit ? capacity * unit : undefined });
  }

  const system =
    child(root, 'VirtualSystem') ??
    elements(root, 'VirtualSystemCollection').flatMap((c) => elements(c, 'VirtualSystem', true))[0];
  if (!system) throw invalidInput(msg('appliances.ovfNoSystem'), FIELD);
  const hardware = child(system, 'VirtualHardwareSection');
  const items = hardware
    ? [
        ...elements(hardware, 'Item'),
        ...elements(hardware, 'StorageItem'),
        ...elements(hardware, 'EthernetPortItem'),
      ]
    : [];
  const field = (item: Element, local: string) => childText(item, local);

  const buses = new Map<string, DiskBus>();
  for (const item of items) {
    const bus = controllerBus(field(item, 'ResourceType') ?? '', field(item, 'ResourceSubType'));
    const id = field(item, 'InstanceID');
    if (bus && id) buses.set(id, bus);
  }
  let memoryMiB: number | undefined;
  let vcpus: number | undefined;
  const disks: OvfDisk[] = [];
  const nics: OvfDescriptor['nics'] = [];
  for (const item of items) {
    const type = field(item, 'ResourceType');
    const quantity = positive(field(item, 'VirtualQuantity'));
    if (type === '3' && quantity) vcpus = Math.round(quantity);
    if (type === '4' && quantity) {
      const unit = allocationUnitBytes(field(item, 'AllocationUnits')) ?? 2 ** 20;
      memoryMiB = Math.round((quantity * unit) / 2 ** 20);
    }
    if (type === '17') {
      // "ovf:/disk/vmdisk1" (OVF 1/2) or "/disk/vmdisk1" (0.9).
      const resource = field(item, 'HostResource') ?? '';
      const diskId = /\/disk\/(.+)$/.exec(resource)?.[1];
      const def = diskId ? diskDefs.get(diskId) : undefined;
      if (!def) {
        const fileId = /\/file\/(.+)$/.exec(resource)?.[1];
        const file = fileId ? filesById.get(fileId) : undefined;
        if (file) disks.push({ file, bus: buses.get(field(item, 'Parent') ?? '') });
        continue;
      }
      disks.push({ ...def, bus: buses.get(field(item, 'Parent') ?? '') });
    }
    if (type === '10') {
      nics.push({
        model: nicModel(field(item, 'ResourceSubType')),
        network: field(item, 'Connection'),
      });
    }
  }
  // A disk the DiskSection lists but no Item attaches is still the appliance's.
  for (const def of diskDefs.values()) {
    if (!disks.some((d) => d.file === def.file)) disks.push({ ...def });
  }
  return {
    name: childText(system, 'Name') ?? attr(system, 'id') ?? 'appliance',
    memoryMiB,
    vcpus,
    firmware: firmwareOf(system),
    osId: osinfoId(child(system, 'OperatingSystemSection')),
    disks,
    nics,
    files: [...filesById.values()],
  };
}
