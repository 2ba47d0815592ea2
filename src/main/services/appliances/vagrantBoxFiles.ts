/**
 * What a Vagrant box's small files say (vagrant-libvirt's box format): metadata.json (provider,
 * format, virtual_size in GiB), the Vagrantfile's simple `libvirt.x = value` settings, and the
 * qcow2 header of box.img. Pure functions: vagrantBox.ts streams the archive and stages the disk.
 */
import { InvalidInputError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { APPLIANCE_FIELD } from './applianceTypes';

/** A box the import does not take, said on the Source page; nothing is staged. */
export const refuse = (message: string | Message) =>
  InvalidInputError.ofFields({ [APPLIANCE_FIELD]: message });

const GiB = 1024 ** 3;

export interface BoxMetadata {
  provider: string;
  /** Absent in some hand-made boxes; box.img's own header says what it is then. */
  format?: string;
  virtualSizeBytes?: number;
  /** The disk file inside the box: box.img, or the one entry of a newer box's `disks`. */
  diskFile: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** metadata.json, checked: only a libvirt box of a qcow2 image is taken. */
export function parseBoxMetadata(text: string): BoxMetadata {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse(msg('appliances.metadataNotJson'));
  }
  if (!isRecord(json)) throw refuse(msg('appliances.metadataNotObject'));
  const provider = typeof json.provider === 'string' ? json.provider : undefined;
  if (provider === undefined) throw refuse(msg('appliances.metadataNoProvider'));
  if (provider !== 'libvirt') {
    throw refuse(msg('appliances.boxProvider', { provider }));
  }
  const format = typeof json.format === 'string' ? json.format : undefined;
  if (format !== undefined && format !== 'qcow2') {
    throw refuse(msg('appliances.boxImageFormat', { format }));
  }
  const gib = Number(json.virtual_size);
  if (json.virtual_size !== undefined && !(Number.isFinite(gib) && gib > 0)) {
    throw refuse(msg('appliances.boxVirtualSize', { value: JSON.stringify(json.virtual_size) }));
  }
  return {
    provider,
    format,
    virtualSizeBytes: json.virtual_size === undefined ? undefined : Math.round(gib * GiB),
    diskFile: diskFileOf(json.disks),
  };
}

/** Newer vagrant-libvirt boxes list their disks; one disk is what this import makes a VM of. */
function diskFileOf(disks: unknown): string {
  if (disks === undefined) return 'box.img';
  if (!Array.isArray(disks) || disks.length === 0) {
    throw refuse(msg('appliances.metadataNoDisks'));
  }
  if (disks.length > 1) {
    throw refuse(msg('appliances.boxManyDisks', { count: disks.length }));
  }
  const first: unknown = disks[0];
  const path = isRecord(first) && typeof first.path === 'string' ? first.path : 'box.img';
  if (isRecord(first) && typeof first.format === 'string' && first.format !== 'qcow2') {
    throw refuse(msg('appliances.boxDiskFormat', { format: first.format }));
  }
  return path.replace(/^(\.\/)+/, '');
}

export type BoxDiskBus = 'virtio' | 'sata' | 'ide' | 'scsi';
const BUSES: readonly BoxDiskBus[] = ['virtio', 'sata', 'ide', 'scsi'];

export interface VagrantfileSettings {
  diskBus?: BoxDiskBus;
  memoryMiB?: number;
  vcpus?: number;
  nicModel?: string;
}

/** `config.vm.provider :libvirt do |v|` (or "libvirt", or with parentheses): provider, name. */
const PROVIDER_BLOCK = /provider\s*\(?\s*[:"']?(\w+)["']?\s*\)?\s*do\s*\|\s*(\w+)\s*\|/;

/**
 * The simple settings of the box's Vagrantfile, inside `config.vm.provider :libvirt do |v|`:
 * `v.memory = 1024`, `v.cpus = 2`, `v.disk_bus = "scsi"`, `v.nic_model_type = "e1000"`. Ruby is
 * not evaluated: anything computed is left to the wizard's defaults. A setting counts from the
 * libvirt block's first line up to the next provider block (another provider's `v.memory` is
 * not this VM's); a Vagrantfile with no provider block at all may still say `libvirt.memory`.
 */
export function readVagrantfile(text: string): VagrantfileSettings {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/(^|\s)#.*$/, '').trim());
  const anyBlock = lines.some((line) => PROVIDER_BLOCK.test(line));
  let current: string | undefined = anyBlock ? undefined : 'libvirt';
  const values = new Map<string, string>();
  for (const line of lines) {
    const block = PROVIDER_BLOCK.exec(line);
    if (block) {
      current = block[1] === 'libvirt' ? block[2] : undefined;
      continue;
    }
    const setting = /^(\w+)\.(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|:(\w+)|(\d+))\s*$/.exec(line);
    if (!setting?.[2] || current === undefined || setting[1] !== current) continue;
    values.set(setting[2], setting[3] ?? setting[4] ?? setting[5] ?? setting[6] ?? '');
  }
  const whole = (key: string) => {
    const n = Number(values.get(key));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const bus = values.get('disk_bus');
  return {
    diskBus: BUSES.find((b) => b === bus),
    memoryMiB: whole('memory'),
    vcpus: whole('cpus'),
    nicModel: values.get('nic_model_type') || undefined,
  };
}

export interface Qcow2Header {
  version: number;
  virtualSizeBytes: number;
}

/** The start of box.img: it must be a qcow2 image standing on its own (no backing file). */
export function readQcow2Header(head: Buffer, file: string): Qcow2Header {
  if (head.length < 32 || head.readUInt32BE(0) !== 0x514649fb) {
    throw refuse(msg('appliances.boxFileNotQcow2', { file }));
  }
  // A backing file named inside an uploaded image would let the guest read that host file.
  if (head.readBigUInt64BE(8) !== 0n) {
    throw refuse(msg('appliances.boxFileBacking', { file }));
  }
  return { version: head.readUInt32BE(4), virtualSizeBytes: Number(head.readBigUInt64BE(24)) };
}

/** The box's name from its file name: "Arch Linux.box" -> "Arch Linux". */
export function boxName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.box$/i, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 180);
  return stem === '' || stem === '.' || stem === '..' ? 'vagrant-box' : stem;
}

/**
 * The names the box's base volume may have in a pool, in order: "<box>.box.img", then
 * "<box>-2.box.img" ... when a different box of the same name already holds the first.
 */
export function baseVolumeNames(name: string, count = 20): string[] {
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? `${name}.box.img` : `${name}-${i + 1}.box.img`,
  );
}
