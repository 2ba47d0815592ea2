/**
 * The details page's device list on a running guest: each config device is paired with its copy
 * in the live XML by what names it there (its address, alias or identity), not by its position
 * among the devices of its kind, and a device only the running guest has gets a key of its own
 * that names no config device. Three virtio RNGs, the middle one removed at the next shutdown.
 */
import { describe, expect, it } from 'vitest';
import { listDevices } from '../../../src/main/xml/edits/domain/deviceList';
import { parseXml } from '../../../src/main/xml/xmlDocument';

const rng = (slot: string, alias?: string) =>
  `<rng model='virtio'><backend model='random'>/dev/urandom</backend>${
    alias ? `<alias name='${alias}'/>` : ''
  }<address type='pci' domain='0x0000' bus='0x00' slot='${slot}' function='0x0'/></rng>`;

const domain = (devices: string) => {
  const root = parseXml(`<domain><devices>${devices}</devices></domain>`).documentElement;
  if (!root) throw new Error('no root');
  return root;
};

/** Each RNG's key, where it is, and its slot (from its XML). */
const rngs = (config: string, live: string) =>
  listDevices(domain(config), domain(live))
    .filter((d) => d.kind === 'rng')
    .map((d) => ({
      key: d.key,
      inConfig: d.inConfig,
      inLive: d.inLive,
      slot: /slot="(0x[0-9a-f]+)"/.exec(d.xml)?.[1],
    }));

describe('device list of a running guest', () => {
  it('pairs config and live devices by address after a removal at next shutdown', () => {
    const config = rng('0x0a') + rng('0x0c');
    const live = rng('0x0a', 'rng0') + rng('0x0b', 'rng1') + rng('0x0c', 'rng2');
    expect(rngs(config, live)).toEqual([
      { key: 'rng:0', inConfig: true, inLive: true, slot: '0x0a' },
      { key: 'rng:1', inConfig: true, inLive: true, slot: '0x0c' },
      // The removed one, still in the guest until it shuts down: shown, under a key of its own.
      { key: 'live:rng:1', inConfig: false, inLive: true, slot: '0x0b' },
    ]);
  });

  it('marks a config device the guest does not have as after shutdown, not live', () => {
    // A device added to the config only, whose position the live XML fills with another one.
    const config = rng('0x0a') + rng('0x0d');
    const live = rng('0x0a', 'rng0') + rng('0x0b', 'rng1');
    expect(rngs(config, live)).toEqual([
      { key: 'rng:0', inConfig: true, inLive: true, slot: '0x0a' },
      { key: 'rng:1', inConfig: true, inLive: false, slot: '0x0d' },
      { key: 'live:rng:1', inConfig: false, inLive: true, slot: '0x0b' },
    ]);
  });

  it('keeps the keys of disks and NICs, which name them in both XMLs', () => {
    const disk = (dev: string) =>
      `<disk type='file' device='disk'><source file='/x/${dev}'/><target dev='${dev}' bus='virtio'/></disk>`;
    const views = listDevices(domain(disk('vda')), domain(disk('vda') + disk('vdb')));
    expect(views.map((d) => [d.key, d.inConfig, d.inLive])).toEqual([
      ['disk:vda', true, true],
      ['disk:vdb', false, true],
    ]);
  });
});

describe('what each kind of device reads', () => {
  it('reads flags as booleans and values as libvirt wrote them', () => {
    const config = domain(`
      <disk type='file' device='cdrom'><driver name='qemu' type='raw' cache='none'/>
        <target dev='sda' bus='sata'/><readonly/></disk>
      <interface type='network'><mac address='52:54:00:AA:BB:CC'/><source network='default'/>
        <model type='virtio'/><link state='down'/></interface>
      <graphics type='vnc' port='-1' passwd='secret'><listen type='address' address='127.0.0.1'/></graphics>
      <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>`);
    const [cdrom, nic, display, tpm] = listDevices(config, undefined);
    expect(cdrom).toMatchObject({
      key: 'disk:sda',
      kind: 'cdrom',
      label: 'sda',
      source: undefined,
      bus: 'sata',
      format: 'raw',
      cache: 'none',
      readonly: true,
      shareable: false,
    });
    expect(nic).toMatchObject({
      key: 'interface:52:54:00:aa:bb:cc',
      kind: 'interface',
      type: 'network',
      source: 'default',
      model: 'virtio',
      linkUp: false,
    });
    expect(display).toMatchObject({ kind: 'graphics', label: 'VNC', port: undefined });
    expect(display).toMatchObject({ listen: '127.0.0.1', hasPassword: true });
    expect(display?.xml).not.toContain('secret');
    expect(tpm).toMatchObject({
      kind: 'tpm',
      model: 'tpm-crb',
      backend: 'emulator',
      version: '2.0',
    });
  });
});

describe('devices without an address on a running guest', () => {
  const input = (type: string, bus: string, port?: string, alias?: string) =>
    `<input type='${type}' bus='${bus}'>${alias ? `<alias name='${alias}'/>` : ''}${
      port ? `<address type='usb' bus='0' port='${port}'/>` : ''
    }</input>`;

  it('pairs them in order among those without an address, not by position', () => {
    // The first USB tablet was removed at the next shutdown: the PS/2 mouse and keyboard follow.
    const config = input('tablet', 'usb', '2') + input('mouse', 'ps2') + input('keyboard', 'ps2');
    const live =
      input('tablet', 'usb', '1', 'input0') +
      input('tablet', 'usb', '2', 'input1') +
      input('mouse', 'ps2', undefined, 'input2') +
      input('keyboard', 'ps2', undefined, 'input3');
    const views = listDevices(domain(config), domain(live));
    expect(
      views.map((d) => [d.key, d.inConfig, d.inLive, /alias name="(\w+)"/.exec(d.xml)?.[1]]),
    ).toEqual([
      ['input:0', true, true, undefined],
      ['input:1', true, true, undefined],
      ['input:2', true, true, undefined],
      ['live:input:0', false, true, 'input0'],
    ]);
  });
});
