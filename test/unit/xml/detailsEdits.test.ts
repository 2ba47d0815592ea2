/**
 * The details page's own XML edits, with exact outputs (the pairs in test/fixtures/xml/edits/domain,
 * see test/support/xmlFixtures.ts): each changes its attributes and nothing around them, drops
 * only what the new value cannot keep, and refuses bad input.
 */
import { describe, expect, it } from 'vitest';
import { setDeviceSettings } from '../../../src/main/xml/edits/domain/deviceSettings';
import { setGraphicsType } from '../../../src/main/xml/edits/domain/graphicsType';
import { setKernelBoot } from '../../../src/main/xml/edits/domain/directKernelBoot';
import { setCpuTopology } from '../../../src/main/xml/edits/domain/cpuTopology';
import { setSharedMemory } from '../../../src/main/xml/edits/domain/sharedMemory';
import { setCharSource } from '../../../src/main/xml/edits/domain/serialType';
import { expectMatchesFixture, fixture } from '../../support/xmlFixtures';

/** The input of pair `edits/domain/<name>`. */
const input = (name: string) => fixture(`edits/domain/${name}`);
/** `actual` is exactly the output of pair `edits/domain/<name>`. */
const matches = (actual: string, name: string) =>
  expectMatchesFixture(actual, `edits/domain/${name}`);

describe('details edits', () => {
  it('changes a video model and drops the old model’s memory sizes only', () => {
    matches(
      setDeviceSettings(input('video-model'), 0, { device: 'video', model: 'virtio' }),
      'video-model',
    );
  });

  it('moves an input device to another bus without its old address; refuses a PS/2 tablet', () => {
    const xml = input('input-bus');
    matches(setDeviceSettings(xml, 0, { device: 'input', bus: 'virtio' }), 'input-bus');
    expect(() => setDeviceSettings(xml, 0, { device: 'input', bus: 'ps2' })).toThrow(/PS\/2/);
  });

  it('switches SPICE to VNC, dropping what only SPICE has, keeping the listener', () => {
    matches(setGraphicsType(input('graphics-spice-to-vnc'), 0, 'vnc'), 'graphics-spice-to-vnc');
  });

  it('sets direct kernel boot in <os> order and removes it again', () => {
    const xml = input('kernel-boot');
    const set = setKernelBoot(xml, { kernel: '/boot/vmlinuz', cmdline: 'console=ttyS0' });
    matches(set, 'kernel-boot');
    expect(setKernelBoot(set, { kernel: '', cmdline: '' })).toBe(xml);
    expect(() => setKernelBoot(xml, { initrd: '/boot/initrd' })).toThrow(/need a kernel/);
  });

  it('sets a topology and the maximum vCPUs with it', () => {
    matches(
      setCpuTopology(input('cpu-topology'), { sockets: 1, cores: 2, threads: 2 }),
      'cpu-topology',
    );
  });

  it('turns shared memory on and off; refuses off while a virtiofs share needs it', () => {
    const on = setSharedMemory(input('shared-memory-on'), true);
    matches(on, 'shared-memory-on');
    // Off starts from on's output.
    expect(input('shared-memory-off')).toBe(on);
    matches(setSharedMemory(on, false), 'shared-memory-off');
    const share = on.replace(
      '  </devices>',
      "    <filesystem type='mount'><driver type='virtiofs'/><source dir='/s'/><target dir='t'/></filesystem>\n  </devices>",
    );
    expect(() => setSharedMemory(share, false)).toThrow(/virtiofs/);
  });

  it('connects a serial port to a log file, then back to a pty', () => {
    const xml = input('serial-to-file');
    const file = setCharSource(xml, 'serial', 0, { type: 'file', path: '/var/log/s.log' });
    matches(file, 'serial-to-file');
    expect(setCharSource(file, 'serial', 0, { type: 'pty' })).toBe(xml);
    expect(() => setCharSource(xml, 'serial', 0, { type: 'unix', path: 'rel' })).toThrow();
  });
});
