/** The Add hardware form's values, and the NewDevice they describe (checked again by the backend). */
import { VOLUME_FORMATS } from '../../../shared/api/methods/storage';
import type { NewDevice } from '../../../shared/api/vmDetailsTypes';
import {
  CHANNEL_TYPES,
  CONTROLLER_TYPES,
  DISK_BUSES,
  GRAPHICS_TYPES,
  INPUT_TYPES,
  listed,
  tpmModelsFor,
} from '../../../shared/deviceOptions';
// The lists the cards offer too.
import {
  NIC_MODELS,
  RNG_SOURCES,
  SOUND_MODELS,
  TPM_MODELS,
  WATCHDOG_MODELS,
} from './deviceChoices';

export type HardwareKind = NewDevice['kind'];

export interface HardwareForm {
  kind: HardwareKind;
  storage: 'new' | 'existing' | 'empty';
  device: 'disk' | 'cdrom';
  bus: (typeof ADD_DISK_BUSES)[number];
  pool: string;
  volume: string;
  sizeMiB: string;
  format: (typeof VOLUME_FORMATS)[number];
  path: string;
  network: string;
  nicSource: 'network' | 'bridge';
  model: (typeof NIC_MODELS)[number];
  mac: string;
  choice: string;
  target: string;
}

/** The buses of a new disk or CD-ROM (fdc is a floppy's, which Add hardware does not make). */
export const ADD_DISK_BUSES = DISK_BUSES.filter((b) => b !== 'fdc');

export const INITIAL_FORM: HardwareForm = {
  kind: 'disk',
  storage: 'new',
  device: 'disk',
  bus: 'virtio',
  pool: 'default',
  volume: '',
  sizeMiB: '1024',
  format: 'qcow2',
  path: '',
  network: 'default',
  nicSource: 'network',
  model: 'virtio',
  mac: '',
  choice: '',
  target: '',
};

/**
 * The one choice of the kinds that pick one value (input type, sound model...), from the lists
 * the backend checks against; a TPM's POWER models only for a POWER guest (`arch`).
 */
export function choicesFor(kind: HardwareKind, arch: string | undefined): readonly string[] {
  switch (kind) {
    case 'input':
      return INPUT_TYPES;
    case 'graphics':
      return GRAPHICS_TYPES;
    case 'sound':
      return SOUND_MODELS;
    case 'channel':
      return CHANNEL_TYPES;
    case 'tpm':
      return tpmModelsFor(arch);
    case 'rng':
      return RNG_SOURCES;
    case 'watchdog':
      return WATCHDOG_MODELS;
    case 'controller':
      return CONTROLLER_TYPES;
    default:
      return [];
  }
}

/** The form's choice when it is one of `options`, else the first (what the select shows). */
const chosen = <T extends string>(options: readonly [T, ...T[]], choice: string): T =>
  listed(options, choice) ?? options[0];

export function toNewDevice(f: HardwareForm): NewDevice {
  switch (f.kind) {
    case 'disk':
      return {
        kind: 'disk',
        device: f.device,
        bus: f.device === 'cdrom' && f.bus === 'virtio' ? 'sata' : f.bus,
        source:
          f.storage === 'new'
            ? {
                pool: f.pool,
                name: f.volume,
                capacityBytes: Number(f.sizeMiB) * 1024 * 1024,
                format: f.format,
              }
            : f.storage === 'existing'
              ? { path: f.path }
              : { empty: true },
      };
    case 'interface':
      return {
        kind: 'interface',
        source: f.nicSource === 'network' ? { network: f.network } : { bridge: f.network },
        model: f.model,
        mac: f.mac.trim() === '' ? undefined : f.mac.trim(),
      };
    case 'input': {
      const type = chosen(INPUT_TYPES, f.choice);
      return { kind: 'input', type, bus: type === 'tablet' ? 'usb' : 'virtio' };
    }
    case 'graphics':
      return { kind: 'graphics', type: chosen(GRAPHICS_TYPES, f.choice), listen: '127.0.0.1' };
    case 'sound':
      return { kind: 'sound', model: chosen(SOUND_MODELS, f.choice) };
    case 'serial':
      return { kind: 'serial' };
    case 'channel':
      return { kind: 'channel', type: chosen(CHANNEL_TYPES, f.choice) };
    case 'hostdev':
      return { kind: 'hostdev', nodeDevice: f.choice };
    case 'tpm':
      return { kind: 'tpm', model: chosen(TPM_MODELS, f.choice), version: '2.0' };
    case 'rng':
      return { kind: 'rng', source: chosen(RNG_SOURCES, f.choice) };
    case 'watchdog':
      return { kind: 'watchdog', model: chosen(WATCHDOG_MODELS, f.choice), action: 'reset' };
    case 'filesystem':
      return { kind: 'filesystem', source: f.path, target: f.target };
    case 'controller':
      return { kind: 'controller', type: chosen(CONTROLLER_TYPES, f.choice) };
  }
}
