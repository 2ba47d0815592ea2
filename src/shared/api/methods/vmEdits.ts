/**
 * The VM details page's changes (`vms.edit`): one schema per edit kind. They check the shape; the
 * XML edits and builders check the meaning against the current XML (a bus the machine lacks, a
 * MAC already used, memory above the maximum...) before anything changes.
 */
import * as v from 'valibot';
import {
  BOOT_DEVS,
  CHANNEL_TYPES,
  CHAR_TYPES,
  CONTROLLER_TYPES,
  CPU_MODES,
  DIRECT_MODES,
  DISK_BUSES,
  DISK_CACHES,
  DISK_IO,
  GRAPHICS_TYPES,
  INPUT_BUSES,
  INPUT_TYPES,
  NIC_MODELS,
  RNG_SOURCES,
  SOUND_MODELS,
  TPM_MODELS,
  TPM_VERSIONS,
  VIDEO_MODELS,
  WATCHDOG_ACTIONS,
  WATCHDOG_MODELS,
} from '../../deviceOptions';
import { oneOf, text, unknownKind, type ParamsOut } from '../schema';
import { VOLUME_FORMATS } from './storage';

const num = (name: string) => v.number(`"${name}" must be a number`);
const str = (name: string) => v.string(`"${name}" must be text`);
const bool = (name: string) => v.boolean(`"${name}" must be true or false`);
const kind = <K extends string>(k: K) => v.literal(k);
/** A device to add, as Add hardware describes it. */
const newDevice = v.variant(
  'kind',
  [
    v.object({
      kind: kind('disk'),
      device: oneOf(['disk', 'cdrom'], 'disk device'),
      bus: oneOf(DISK_BUSES, 'disk bus'),
      /** A path on the host, a new volume in a pool, or an empty CD-ROM drive. */
      source: v.union(
        [
          v.object({ path: text('source.path') }),
          v.object({
            pool: text('source.pool'),
            name: text('source.name'),
            capacityBytes: num('source.capacityBytes'),
            format: oneOf(VOLUME_FORMATS, 'format'),
          }),
          v.object({ empty: v.literal(true) }),
        ],
        'Missing disk source',
      ),
      readonly: v.optional(bool('readonly')),
    }),
    v.object({
      kind: kind('interface'),
      source: v.union(
        [
          v.object({ network: text('source.network') }),
          v.object({ bridge: text('source.bridge') }),
        ],
        'Missing interface source',
      ),
      model: oneOf(NIC_MODELS, 'NIC model'),
      mac: v.optional(str('mac')),
    }),
    v.object({
      kind: kind('input'),
      type: oneOf(INPUT_TYPES, 'input type'),
      bus: oneOf(INPUT_BUSES, 'input bus'),
    }),
    v.object({
      kind: kind('graphics'),
      type: oneOf(GRAPHICS_TYPES, 'graphics type'),
      listen: str('listen'),
      password: v.optional(str('password')),
    }),
    v.object({ kind: kind('sound'), model: oneOf(SOUND_MODELS, 'sound model') }),
    v.object({ kind: kind('serial') }),
    v.object({ kind: kind('channel'), type: oneOf(CHANNEL_TYPES, 'channel type') }),
    /** A host PCI or USB device, by its node device name (vms.hostDevices). */
    v.object({ kind: kind('hostdev'), nodeDevice: text('nodeDevice') }),
    v.object({
      kind: kind('tpm'),
      model: oneOf(TPM_MODELS, 'TPM model'),
      version: oneOf(TPM_VERSIONS, 'TPM version'),
    }),
    v.object({ kind: kind('rng'), source: oneOf(RNG_SOURCES, 'RNG source') }),
    v.object({
      kind: kind('watchdog'),
      model: oneOf(WATCHDOG_MODELS, 'watchdog model'),
      action: oneOf(WATCHDOG_ACTIONS, 'watchdog action'),
    }),
    v.object({
      kind: kind('filesystem'),
      source: str('source'),
      target: str('target'),
      readonly: v.optional(bool('readonly')),
    }),
    v.object({
      kind: kind('controller'),
      type: oneOf(CONTROLLER_TYPES, 'controller type'),
      model: v.optional(str('model')),
    }),
  ],
  unknownKind('device kind', 'kind'),
);

/** Where an interface connects: a virtual network, a host bridge, or a host NIC (macvtap). */
const nicSource = v.union(
  [
    v.object({ network: text('network') }),
    v.object({ bridge: text('bridge') }),
    v.object({ direct: text('direct'), mode: oneOf(DIRECT_MODES, 'direct mode') }),
  ],
  'Missing interface source',
);

const diskSettings = v.object(
  {
    cache: v.optional(oneOf(DISK_CACHES, 'disk cache')),
    io: v.optional(oneOf(DISK_IO, 'disk io')),
    readonly: v.optional(bool('readonly')),
    shareable: v.optional(bool('shareable')),
    serial: v.optional(str('serial')),
  },
  'Missing settings',
);

/** What one card of a device without rules of its own changes. */
const deviceSettings = v.variant(
  'device',
  [
    v.object({ device: kind('video'), model: oneOf(VIDEO_MODELS, 'video model') }),
    v.object({ device: kind('sound'), model: oneOf(SOUND_MODELS, 'sound model') }),
    v.object({ device: kind('input'), bus: oneOf(INPUT_BUSES, 'input bus') }),
    v.object({
      device: kind('tpm'),
      model: oneOf(TPM_MODELS, 'TPM model'),
      version: v.optional(oneOf(TPM_VERSIONS, 'TPM version')),
    }),
    v.object({ device: kind('rng'), source: oneOf(RNG_SOURCES, 'RNG source') }),
    v.object({
      device: kind('watchdog'),
      model: oneOf(WATCHDOG_MODELS, 'watchdog model'),
      action: oneOf(WATCHDOG_ACTIONS, 'watchdog action'),
    }),
  ],
  unknownKind('device', 'device'),
);

const keyed = { key: text('key') };

/** One change of a VM; devices are named by the key their DeviceView has (`disk:vda`...). */
export const vmEdit = v.variant(
  'kind',
  [
    v.object({
      kind: kind('memory'),
      maximumKiB: v.optional(num('maximumKiB')),
      currentKiB: v.optional(num('currentKiB')),
    }),
    v.object({
      kind: kind('vcpus'),
      maximum: v.optional(num('maximum')),
      current: v.optional(num('current')),
    }),
    v.object({
      kind: kind('cpuMode'),
      mode: oneOf(CPU_MODES, 'CPU mode'),
      model: v.optional(str('model')),
    }),
    /** Per-device boot order: the device keys, first boots first. */
    v.object({ kind: kind('bootOrder'), devices: v.array(str('devices')) }),
    /** <os><boot dev>: the old style boot order. */
    v.object({ kind: kind('bootDevs'), devs: v.array(oneOf(BOOT_DEVS, 'boot device')) }),
    v.object({ kind: kind('bootMenu'), enabled: bool('enabled') }),
    v.object({ kind: kind('addDevice'), device: newDevice }),
    /** configOnly: remove from the persistent definition only ("Remove at next shutdown"). */
    v.object({ kind: kind('removeDevice'), ...keyed, configOnly: v.optional(bool('configOnly')) }),
    /** Insert (a path) or eject (null) a CD-ROM / floppy's media. */
    v.object({ kind: kind('media'), ...keyed, source: v.nullable(str('source')) }),
    v.object({
      kind: kind('interface'),
      ...keyed,
      linkUp: v.optional(bool('linkUp')),
      source: v.optional(nicSource),
      model: v.optional(str('model')),
    }),
    v.object({
      kind: kind('metadata'),
      title: v.optional(str('title')),
      description: v.optional(str('description')),
    }),
    v.object({ kind: kind('disk'), ...keyed, settings: diskSettings }),
    /** A null password removes it. */
    v.object({
      kind: kind('graphics'),
      ...keyed,
      type: v.optional(oneOf(GRAPHICS_TYPES, 'graphics type')),
      listen: v.optional(str('listen')),
      password: v.optional(v.nullable(str('password'))),
    }),
    v.object({ kind: kind('deviceSettings'), ...keyed, settings: deviceSettings }),
    /** A serial / console device's host side. */
    v.object({
      kind: kind('charSource'),
      ...keyed,
      type: oneOf(CHAR_TYPES, 'character device type'),
      path: v.optional(str('path')),
    }),
    /** Direct kernel boot; an empty value removes the element. */
    v.object({
      kind: kind('kernelBoot'),
      kernel: v.optional(str('kernel')),
      initrd: v.optional(str('initrd')),
      cmdline: v.optional(str('cmdline')),
    }),
    v.object({
      kind: kind('cpuTopology'),
      sockets: num('sockets'),
      cores: num('cores'),
      threads: num('threads'),
    }),
    /** <memoryBacking><access mode="shared">, which virtiofs needs. */
    v.object({ kind: kind('sharedMemory'), enabled: bool('enabled') }),
    /** An LXC container's init command and its arguments (<os><init>, <initarg>). */
    v.object({ kind: kind('containerInit'), init: str('init'), args: v.array(str('args')) }),
    /** A host directory mounted into an LXC container: added, or the one `key` names changed. */
    v.object({
      kind: kind('mountFilesystem'),
      key: v.optional(str('key')),
      source: str('source'),
      target: str('target'),
      readonly: v.optional(bool('readonly')),
    }),
  ],
  unknownKind('edit', 'kind'),
);

export type NewDevice = ParamsOut<typeof newDevice>;
export type NicSourceChoice = ParamsOut<typeof nicSource>;
export type DiskSettingsChange = ParamsOut<typeof diskSettings>;
export type DeviceSettingsChange = ParamsOut<typeof deviceSettings>;
export type VmEdit = ParamsOut<typeof vmEdit>;
