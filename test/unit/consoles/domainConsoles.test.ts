import { describe, expect, it } from 'vitest';
import { domainConsoles } from '../../../src/main/xml/domainConsoles';

const domain = (devices: string): string =>
  `<domain type='kvm'><name>x</name><devices>${devices}</devices></domain>`;

describe('domain consoles from the live XML', () => {
  it('reads VNC and SPICE displays and where they listen', () => {
    const consoles = domainConsoles(
      domain(`
      <graphics type='vnc' port='5901' autoport='yes' listen='0.0.0.0' passwd='pw'>
        <listen type='address' address='0.0.0.0'/></graphics>
      <graphics type='spice' port='5902' listen='192.168.1.5'><listen type='address' address='192.168.1.5'/></graphics>
      <graphics type='vnc' socket='/run/vnc.sock'><listen type='socket' socket='/run/vnc.sock'/></graphics>
      <graphics type='vnc'><listen type='none'/></graphics>
      <graphics type='vnc' port='-1' autoport='yes'/>
      <graphics type='sdl'/>`),
    );
    expect(consoles.map((c) => [c.id, c.kind, c.supported, c.endpoint, c.password])).toEqual([
      ['graphics:0', 'vnc', true, { kind: 'tcp', host: '127.0.0.1', port: 5901 }, 'pw'],
      ['graphics:1', 'spice', true, { kind: 'tcp', host: '192.168.1.5', port: 5902 }, undefined],
      ['graphics:2', 'vnc', true, { kind: 'unix', path: '/run/vnc.sock' }, undefined],
      ['graphics:3', 'vnc', false, undefined, undefined],
      ['graphics:4', 'vnc', false, undefined, undefined],
    ]);
    expect(consoles[3]?.why).toMatch(/no listener/);
  });

  it('lists a serial port and its console once, and a virtio console on its own', () => {
    const consoles = domainConsoles(
      domain(`
      <serial type='pty'><source path='/dev/pts/3'/><target type='isa-serial' port='0'/><alias name='serial0'/></serial>
      <serial type='file'><source path='/tmp/log'/><target port='1'/><alias name='serial1'/></serial>
      <console type='pty' tty='/dev/pts/3'><target type='serial' port='0'/><alias name='serial0'/></console>
      <console type='pty'><target type='virtio' port='1'/><alias name='console1'/></console>`),
    );
    expect(consoles.map((c) => [c.id, c.label, c.supported, c.alias])).toEqual([
      ['serial:0', 'Serial 1', true, 'serial0'],
      ['serial:1', 'Serial 2', false, 'serial1'],
      ['console:1', 'Console 2 (virtio)', true, 'console1'],
    ]);
  });

  it('refuses what is not XML', () => {
    expect(() => domainConsoles('<domain>')).toThrow(/Not valid XML/);
  });
});
