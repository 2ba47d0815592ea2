/** The Add hardware form's values, and the NewDevice they describe (checked again by the backend). */
import type { NewDevice, WatchdogAction } from '../../../shared/api/vmDetailsTypes';

export type HardwareKind = NewDevice['kind'];

export interface HardwareForm {
  kind: HardwareKind;
  storage: 'new' | 'existing' | 'empty';
  device: 'disk' | 'cdrom';
  bus: 'virtio' | 'sata' | 'scsi' | 'usb' | 'ide';
  pool: string;
  volume: string;
  sizeMiB: string;
  format: 'qcow2' | 'raw';
  path: string;
  network: string;
  nicSource: 'network' | 'bridge';
  model: string;
  mac: string;
  choice: string;
  target: string;
}

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

/** The choice list of the kinds that pick one value (input type, sound model...). */
export const CHOICES: Partial<Record<HardwareKind, string[]>> = {
  input: ['tablet', 'mouse', 'keyboard'],
  graphics: ['vnc', 'spice'],
  sound: ['ich9', 'ich6', 'ac97', 'usb'],
  channel: ['guest-agent', 'spice-vdagent'],
  tpm: ['tpm-crb', 'tpm-tis'],
  rng: ['/dev/urandom', '/dev/random', '/dev/hwrng'],
  watchdog: ['i6300esb', 'itco', 'ib700'],
  controller: ['usb', 'scsi', 'virtio-serial', 'sata'],
};

export function toNewDevice(f: HardwareForm): NewDevice {
  const choice = f.choice || CHOICES[f.kind]?.[0] || '';
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
        model: f.model as 'virtio',
        mac: f.mac.trim() === '' ? undefined : f.mac.trim(),
      };
    case 'input':
      return {
        kind: 'input',
        type: choice as 'tablet',
        bus: choice === 'tablet' ? 'usb' : 'virtio',
      };
    case 'graphics':
      return { kind: 'graphics', type: choice as 'vnc', listen: '127.0.0.1' };
    case 'sound':
      return { kind: 'sound', model: choice as 'ich9' };
    case 'serial':
      return { kind: 'serial' };
    case 'channel':
      return { kind: 'channel', type: choice as 'guest-agent' };
    case 'hostdev':
      return { kind: 'hostdev', nodeDevice: f.choice };
    case 'tpm':
      return { kind: 'tpm', model: choice as 'tpm-crb', version: '2.0' };
    case 'rng':
      return { kind: 'rng', source: choice as '/dev/urandom' };
    case 'watchdog':
      return { kind: 'watchdog', model: choice as 'i6300esb', action: 'reset' as WatchdogAction };
    case 'filesystem':
      return { kind: 'filesystem', source: f.path, target: f.target };
    case 'controller':
      return { kind: 'controller', type: choice as 'usb' };
  }
}
