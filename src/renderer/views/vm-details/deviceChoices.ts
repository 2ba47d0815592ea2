/** The values the cards offer, typed by the edits they feed (the backend checks them again). */
import type {
  DeviceSettingsChange,
  DiskSettingsChange,
  NicSourceChoice,
} from '../../../shared/api/vmDetailsTypes';

type SettingOf<D extends DeviceSettingsChange['device'], K extends string> = Extract<
  DeviceSettingsChange,
  { device: D }
>[K & keyof Extract<DeviceSettingsChange, { device: D }>];

export const VIDEO_MODELS = [
  'virtio',
  'qxl',
  'vga',
  'bochs',
  'cirrus',
  'ramfb',
  'none',
] as const satisfies readonly SettingOf<'video', 'model'>[];
export const SOUND_MODELS = [
  'ich9',
  'ich6',
  'ich7',
  'ac97',
  'es1370',
  'sb16',
  'usb',
] as const satisfies readonly SettingOf<'sound', 'model'>[];
export const INPUT_BUSES = ['usb', 'virtio', 'ps2'] as const satisfies readonly SettingOf<
  'input',
  'bus'
>[];
export const TPM_MODELS = ['tpm-crb', 'tpm-tis'] as const satisfies readonly SettingOf<
  'tpm',
  'model'
>[];
export const TPM_VERSIONS = ['2.0', '1.2'] as const;
export const RNG_SOURCES = [
  '/dev/urandom',
  '/dev/random',
  '/dev/hwrng',
] as const satisfies readonly SettingOf<'rng', 'source'>[];
export const WATCHDOG_MODELS = ['i6300esb', 'itco', 'ib700'] as const satisfies readonly SettingOf<
  'watchdog',
  'model'
>[];
export const CHAR_TYPES = ['pty', 'file', 'unix'] as const;
export const DISK_CACHES = [
  'default',
  'none',
  'writethrough',
  'writeback',
  'directsync',
  'unsafe',
] as const satisfies readonly NonNullable<DiskSettingsChange['cache']>[];
export const DISK_IO = [
  'default',
  'native',
  'threads',
  'io_uring',
] as const satisfies readonly NonNullable<DiskSettingsChange['io']>[];
export const NIC_MODELS = ['virtio', 'e1000e', 'e1000', 'rtl8139', 'vmxnet3'] as const;
export const NIC_SOURCE_KINDS = ['network', 'bridge', 'direct'] as const;
export const DIRECT_MODES = [
  'bridge',
  'vepa',
  'private',
  'passthrough',
] as const satisfies readonly Extract<NicSourceChoice, { direct: string }>['mode'][];
