/**
 * The values a device setting may take, once for every part: the XML builders and edits check
 * against them, the API's schemas (api/methods/) accept them, and the renderer's cards offer them.
 * Each list is libvirt's own vocabulary for the attribute named.
 */

/** <cpu mode>. */
export const CPU_MODES = ['host-passthrough', 'host-model', 'custom'] as const;
/** <os><boot dev>. */
export const BOOT_DEVS = ['hd', 'cdrom', 'network', 'fd'] as const;

/** <disk><target bus>. */
export const DISK_BUSES = ['virtio', 'sata', 'scsi', 'ide', 'usb', 'fdc'] as const;
/** <disk><driver cache>. */
export const DISK_CACHES = [
  'default',
  'none',
  'writethrough',
  'writeback',
  'directsync',
  'unsafe',
] as const;
/** <disk><driver io>. */
export const DISK_IO = ['default', 'native', 'threads', 'io_uring'] as const;

/** <interface><model type>: the common ones first. */
export const NIC_MODELS = [
  'virtio',
  'e1000e',
  'e1000',
  'rtl8139',
  'vmxnet3',
  'ne2k_pci',
  'pcnet',
  'spapr-vlan',
] as const;
/** <interface type="direct"><source mode> (macvtap). */
export const DIRECT_MODES = ['bridge', 'vepa', 'private', 'passthrough'] as const;

/** <video><model type>. */
export const VIDEO_MODELS = ['virtio', 'qxl', 'vga', 'cirrus', 'bochs', 'ramfb', 'none'] as const;
/** <sound model>. */
export const SOUND_MODELS = [
  'ich9',
  'ich6',
  'ich7',
  'ac97',
  'es1370',
  'sb16',
  'usb',
  'pcspk',
] as const;
/** <input type> and <input bus>. */
export const INPUT_TYPES = ['tablet', 'mouse', 'keyboard'] as const;
export const INPUT_BUSES = ['usb', 'virtio', 'ps2'] as const;
/** <tpm model> (the spapr ones are for POWER guests) and the emulated TPM's version. */
export const TPM_MODELS = ['tpm-crb', 'tpm-tis', 'tpm-spapr', 'spapr-tpm-proxy'] as const;
/** The TPM models only a POWER (ppc64) guest has. */
export const POWER_TPM_MODELS = ['tpm-spapr', 'spapr-tpm-proxy'] as const;
export const TPM_VERSIONS = ['2.0', '1.2'] as const;
/** <rng><backend model="random">: the host's source of entropy. */
export const RNG_SOURCES = ['/dev/urandom', '/dev/random', '/dev/hwrng'] as const;
/** <watchdog model> (diag288 is s390's). */
export const WATCHDOG_MODELS = ['i6300esb', 'ib700', 'itco', 'diag288'] as const;
/** What a watchdog does when the guest stops feeding it (<watchdog action>). */
export const WATCHDOG_ACTIONS = [
  'reset',
  'shutdown',
  'poweroff',
  'pause',
  'none',
  'dump',
  'inject-nmi',
] as const;
/** <serial type> / <console type> the app can set. */
export const CHAR_TYPES = ['pty', 'file', 'unix'] as const;
/** <controller type>: USB first, the one Add hardware starts with. */
export const CONTROLLER_TYPES = [
  'usb',
  'scsi',
  'virtio-serial',
  'sata',
  'ide',
  'pci',
  'ccid',
] as const;
/** <graphics type> the app offers. */
export const GRAPHICS_TYPES = ['vnc', 'spice'] as const;
/** <channel>: the agents a channel connects. */
export const CHANNEL_TYPES = ['guest-agent', 'spice-vdagent', 'qemu-vdagent'] as const;

/** `value` when it is one of `options` (as its type), else undefined: an XML may hold others. */
export function listed<T extends string>(
  options: readonly T[],
  value: string | undefined,
): T | undefined {
  return options.find((o) => o === value);
}

/**
 * The TPM models to offer a guest of `arch`: the POWER ones only to a POWER guest (or when the
 * arch is not known), and always the model it has now.
 */
export function tpmModelsFor(
  arch: string | undefined,
  current?: string,
): readonly [TpmModel, ...TpmModel[]] {
  const power = arch === undefined || arch.startsWith('ppc64');
  const [first, ...rest] = TPM_MODELS;
  return [
    first,
    ...rest.filter((m) => power || m === current || listed(POWER_TPM_MODELS, m) === undefined),
  ];
}

type TpmModel = (typeof TPM_MODELS)[number];
