/**
 * The rows a device card lists, in order, from what its kind reads: [i18n key of the vm details
 * namespace, value]. A flag shows only when set, an absent or empty value not at all.
 */
import type { DeviceView } from '../../../../shared/api/vmDetailsTypes';

export type FieldRow = [name: string, value: string | boolean | undefined];

export function deviceFields(d: DeviceView): FieldRow[] {
  switch (d.kind) {
    case 'disk':
    case 'cdrom':
    case 'floppy':
      return [
        ['field.source', d.source],
        ['field.bus', d.bus],
        ['field.format', d.format],
        ['field.cache', d.cache],
        ['field.io', d.io],
        ['field.readonly', d.readonly],
        ['field.shareable', d.shareable],
        ['field.serial', d.serial],
      ];
    case 'interface':
      return [
        ['field.type', d.type],
        ['field.source', d.source],
        ['field.model', d.model],
        ['field.mac', d.mac],
        ['field.link', d.linkUp ? 'up' : 'down'],
      ];
    case 'graphics':
      return [
        ['field.type', d.type],
        ['field.listen', d.listen],
        ['field.port', d.port],
        ['field.password', d.hasPassword],
      ];
    case 'hostdev':
      return [
        ['field.type', d.type],
        ['field.source', d.source],
      ];
    case 'filesystem':
      return [
        ['field.driver', d.driver],
        ['field.source', d.source],
        ['field.target', d.target],
      ];
    case 'serial':
    case 'console':
    case 'channel':
    case 'parallel':
      return [
        ['field.type', d.type],
        ['field.target', d.target],
        ['field.source', d.source],
      ];
    case 'tpm':
      return [
        ['field.model', d.model],
        ['field.backend', d.backend],
        ['field.version', d.version],
      ];
    case 'rng':
      return [
        ['field.model', d.model],
        ['field.backend', d.backend],
      ];
    case 'watchdog':
      return [
        ['field.model', d.model],
        ['field.action', d.action],
      ];
    case 'video':
      return [
        ['field.model', d.model],
        ['field.vram', d.vram],
        ['field.heads', d.heads],
      ];
    case 'controller':
      return [
        ['field.type', d.type],
        ['field.model', d.model],
        ['field.index', d.index],
      ];
    default:
      return [
        ['field.type', d.type],
        ['field.model', d.model],
        ['field.bus', d.bus],
      ];
  }
}
