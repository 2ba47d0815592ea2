import { describe, expect, it } from 'vitest';
import { relocateDisks } from '../../../src/main/services/migration/moveXml';

const before = `<domain type="qemu">
  <name>vd "odd" $(id);é</name>
  <!-- kept -->
  <metadata><app:x xmlns:app="urn:x">1</app:x></metadata>
  <os firmware="efi">
    <type arch="x86_64" machine="pc-q35-7.2">hvm</type>
    <nvram template="/usr/share/OVMF/OVMF_VARS_4M.fd">/var/lib/pool/vd_VARS.fd</nvram>
  </os>
  <devices>
    <disk type="file" device="disk">
      <driver name="qemu" type="qcow2"/>
      <source file="/var/lib/pool/a b.qcow2"/>
      <target dev="vda" bus="virtio"/>
    </disk>
    <disk type="volume" device="disk">
      <source pool="src" volume="data.raw"/>
      <target dev="vdb" bus="virtio"/>
    </disk>
    <disk type="file" device="cdrom">
      <target dev="sda" bus="sata"/>
      <readonly/>
    </disk>
  </devices>
</domain>
`;

describe('relocateDisks', () => {
  it('points each moved disk and the NVRAM at the target, and changes nothing else', () => {
    const out = relocateDisks(
      before,
      [
        { target: 'vda', path: '/srv/tgt/a b.qcow2', pool: 'tgt', volume: 'a b.qcow2' },
        { target: 'vdb', path: '/srv/tgt/data.raw', pool: 'tgt', volume: 'data.raw' },
      ],
      '/srv/tgt/vd_VARS.fd',
    );
    expect(out).toBe(
      before
        .replace('/var/lib/pool/a b.qcow2', '/srv/tgt/a b.qcow2')
        .replace('pool="src"', 'pool="tgt"')
        .replace('>/var/lib/pool/vd_VARS.fd<', '>/srv/tgt/vd_VARS.fd<'),
    );
  });

  it('writes the NVRAM path where libvirt >= 8.5 keeps it, in <source file>', () => {
    const xml = `<domain><os><nvram type="file"><source file="/a/VARS.fd"/></nvram></os><devices/></domain>`;
    expect(relocateDisks(xml, [], '/b/VARS.fd')).toBe(xml.replace('/a/VARS.fd', '/b/VARS.fd'));
  });

  it('refuses a disk the XML does not have, rather than defining a VM on the old path', () => {
    expect(() =>
      relocateDisks(before, [{ target: 'vdz', path: '/x', pool: 'p', volume: 'x' }]),
    ).toThrow(/No disk vdz/);
  });
});
