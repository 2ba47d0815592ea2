/**
 * The details page's own XML edits, with exact outputs: each changes its attributes and nothing
 * around them, drops only what the new value cannot keep, and refuses bad input.
 */
import { describe, expect, it } from 'vitest';
import { setDeviceSettings } from '../../../src/main/xml/edits/domain/deviceSettings';
import { setGraphicsType } from '../../../src/main/xml/edits/domain/graphicsType';
import { setKernelBoot } from '../../../src/main/xml/edits/domain/directKernelBoot';
import { setCpuTopology } from '../../../src/main/xml/edits/domain/cpuTopology';
import { setSharedMemory } from '../../../src/main/xml/edits/domain/sharedMemory';
import { setCharSource } from '../../../src/main/xml/edits/domain/serialType';

/** A small domain; quotes as the serializer writes them, so outputs compare as text. */
const domain = (inner: string, devices = '') =>
  `<domain type='kvm'>\n  <name>x</name>\n${inner}  <devices>\n${devices}  </devices>\n</domain>\n`.replace(
    /'/g,
    '"',
  );

describe('details edits', () => {
  it('changes a video model and drops the old model’s memory sizes only', () => {
    const xml = domain(
      '',
      "    <video>\n      <model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1' primary='yes'/>\n" +
        "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n    </video>\n",
    );
    expect(setDeviceSettings(xml, 0, { device: 'video', model: 'virtio' })).toBe(
      domain(
        '',
        "    <video>\n      <model type='virtio' heads='1' primary='yes'/>\n" +
          "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n    </video>\n",
      ),
    );
  });

  it('moves an input device to another bus without its old address; refuses a PS/2 tablet', () => {
    const xml = domain(
      '',
      "    <input type='tablet' bus='usb'>\n      <address type='usb' bus='0' port='1'/>\n    </input>\n",
    );
    expect(setDeviceSettings(xml, 0, { device: 'input', bus: 'virtio' })).toBe(
      domain('', "    <input type='tablet' bus='virtio'>\n    </input>\n"),
    );
    expect(() => setDeviceSettings(xml, 0, { device: 'input', bus: 'ps2' })).toThrow(/PS\/2/);
  });

  it('switches SPICE to VNC, dropping what only SPICE has, keeping the listener', () => {
    const xml = domain(
      '',
      "    <graphics type='spice' autoport='yes' defaultMode='any'>\n      <listen type='address' address='127.0.0.1'/>\n" +
        "      <image compression='off'/>\n    </graphics>\n",
    );
    expect(setGraphicsType(xml, 0, 'vnc')).toBe(
      domain(
        '',
        "    <graphics type='vnc' autoport='yes'>\n      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n",
      ),
    );
  });

  it('sets direct kernel boot in <os> order and removes it again', () => {
    const xml = domain("  <os>\n    <type>hvm</type>\n    <boot dev='hd'/>\n  </os>\n");
    const set = setKernelBoot(xml, { kernel: '/boot/vmlinuz', cmdline: 'console=ttyS0' });
    expect(set).toBe(
      domain(
        "  <os>\n    <type>hvm</type>\n    <boot dev='hd'/>\n    <kernel>/boot/vmlinuz</kernel>\n" +
          '    <cmdline>console=ttyS0</cmdline>\n  </os>\n',
      ),
    );
    expect(setKernelBoot(set, { kernel: '', cmdline: '' })).toBe(xml);
    expect(() => setKernelBoot(xml, { initrd: '/boot/initrd' })).toThrow(/need a kernel/);
  });

  it('sets a topology and the maximum vCPUs with it', () => {
    const xml = domain("  <vcpu placement='static'>2</vcpu>\n");
    expect(setCpuTopology(xml, { sockets: 1, cores: 2, threads: 2 })).toBe(
      domain(
        "  <vcpu placement='static' current='2'>4</vcpu>\n  <cpu>\n    <topology sockets='1' cores='2' threads='2'/>\n  </cpu>\n",
      ),
    );
  });

  it('turns shared memory on and off; refuses off while a virtiofs share needs it', () => {
    const xml = domain("  <memory unit='KiB'>1048576</memory>\n");
    const on = setSharedMemory(xml, true);
    expect(on).toContain(
      '<memoryBacking>\n    <source type="memfd"/>\n    <access mode="shared"/>',
    );
    expect(setSharedMemory(on, false)).not.toContain('<access');
    const share = on.replace(
      '  </devices>',
      "    <filesystem type='mount'><driver type='virtiofs'/><source dir='/s'/><target dir='t'/></filesystem>\n  </devices>",
    );
    expect(() => setSharedMemory(share, false)).toThrow(/virtiofs/);
  });

  it('connects a serial port to a log file, then back to a pty', () => {
    const xml = domain('', "    <serial type='pty'>\n      <target port='0'/>\n    </serial>\n");
    const file = setCharSource(xml, 'serial', 0, { type: 'file', path: '/var/log/s.log' });
    expect(file).toBe(
      domain(
        '',
        "    <serial type='file'>\n      <source path='/var/log/s.log'/>\n      <target port='0'/>\n    </serial>\n",
      ),
    );
    expect(setCharSource(file, 'serial', 0, { type: 'pty' })).toBe(xml);
    expect(() => setCharSource(xml, 'serial', 0, { type: 'unix', path: 'rel' })).toThrow();
  });
});
