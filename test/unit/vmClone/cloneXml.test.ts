/**
 * The clone's definition from the source's XML: only what a clone changes is changed (the edit
 * rule: unknown elements, metadata and comments survive), checked on a guest with several disks,
 * NICs and character devices.
 */
import { describe, expect, it } from 'vitest';
import { cloneDomainXml } from '../../../src/main/services/vmClone/cloneXml';

const SOURCE = `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>web</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  <genid>aaaaaaaa-2222-3333-4444-555555555555</genid>
  <metadata><app:thing xmlns:app='urn:x'>kept</app:thing></metadata>
  <memory unit='KiB'>1048576</memory>
  <os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type><nvram>/var/lib/libvirt/qemu/nvram/web_VARS.fd</nvram></os>
  <devices>
    <!-- a comment -->
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='/pool/web.img'/>
      <backingStore/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='volume' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source pool='p' volume='web-data.qcow2'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <source file='/isos/x.iso'/>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <interface type='network'><mac address='52:54:00:00:00:01'/><source network='default'/></interface>
    <interface type='network'><source network='default'/></interface>
    <serial type='file'><source path='/var/log/web-serial.txt'/><log file='/var/log/web.log' append='on'/></serial>
    <console type='pty'><log file='/var/log/console.log'/></console>
  </devices>
  <qemu:commandline><qemu:arg value='-foo'/></qemu:commandline>
</domain>
`;

describe('cloneDomainXml', () => {
  const out = cloneDomainXml(SOURCE, {
    sourceName: 'web',
    name: `db "x" & 'y'`,
    uuid: '99999999-2222-3333-4444-555555555555',
    disks: new Map([
      ['vda', { path: '/pool/db.img', format: 'raw' }],
      ['vdb', { path: '/pool/db-data.qcow2', format: 'qcow2' }],
    ]),
    nvram: '/var/lib/libvirt/qemu/nvram/db_VARS.fd',
  });

  it('gives the new name, UUID, NVRAM and a fresh generation ID', () => {
    expect(out).toContain(`<name>db "x" &amp; 'y'</name>`);
    expect(out).toContain('<uuid>99999999-2222-3333-4444-555555555555</uuid>');
    expect(out).toMatch(/<genid(\/>|><\/genid>)/);
    expect(out).toContain('<nvram>/var/lib/libvirt/qemu/nvram/db_VARS.fd</nvram>');
  });

  it('points copied disks at their new files and leaves a shared CD-ROM alone', () => {
    expect(out).toContain(`<source file="/pool/db.img"/>`);
    expect(out).not.toContain('<backingStore/>');
    expect(out).toContain('<source pool="p" volume="db-data.qcow2"/>');
    expect(out).toContain('<source file="/isos/x.iso"/>');
  });

  it('gives every NIC a new MAC', () => {
    const found = [...out.matchAll(/<mac address="([0-9a-f:]+)"\/>/g)].map((m) => m[1]);
    expect(found).toHaveLength(1); // the NIC without one gets libvirt's at define
    expect(found[0]).not.toBe('52:54:00:00:00:01');
    expect(found[0]).toMatch(/^52:54:00:/);
  });

  it('renames serial files and logs as virt-clone does', () => {
    expect(out).toContain(`<source path="/var/log/db &quot;x&quot; &amp; 'y'-serial.txt"/>`);
    expect(out).toContain(`file="/var/log/db &quot;x&quot; &amp; 'y'.log"`);
    expect(out).toContain(`<log file="/var/log/console-clone.log"/>`);
  });

  it('keeps what it does not know: metadata, comments, namespaced elements', () => {
    expect(out).toContain('<app:thing xmlns:app="urn:x">kept</app:thing>');
    expect(out).toContain('<!-- a comment -->');
    expect(out).toContain('<qemu:commandline><qemu:arg value="-foo"/></qemu:commandline>');
  });
});
