/**
 * The details page's hardware edits on a real QEMU guest (qemu:///system, TCG), checked in the
 * XML libvirt returns: Add hardware for every kind without its own test elsewhere (each lands in
 * the inactive XML), the cards' settings (display, video, sound, input, TPM, RNG, watchdog,
 * serial, disk, NIC model and sources), direct kernel boot, CPU topology, shared memory, disk
 * resize, rename, title and description, the host's devices; on the running guest: a display
 * password changed live, a refused hot-unplug removed at the next shutdown instead, and a PCI
 * unplug the guest never acknowledges reported as still present.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  getDomainXml,
  lookupDomainByName,
  lookupDomainByUuid,
  startDomain,
} from '../../../src/main/libvirt/domain';
import { uuidFromString, uuidToString } from '../../../src/main/libvirt/refs';
import { getVolumeInfo, lookupVolumeByPath } from '../../../src/main/libvirt/storageVolume';
import { applyEdit } from '../../../src/main/services/vmDetails/applyEdit';
import { readVmDetails } from '../../../src/main/services/vmDetails/readDetails';
import {
  listHostDevices,
  renameVm,
  resizeDisk,
} from '../../../src/main/services/vmDetails/vmSettings';
import { openVm } from '../../../src/main/services/vmDetails/vmXml';
import type { NewDevice, VmEdit } from '../../../src/shared/api/vmDetailsTypes';
import {
  createDetailsNetwork,
  createDetailsPool,
  defineDetailsVm,
  removeDetailsLeftovers,
  type DetailsPool,
} from '../../support/detailsFixtures';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const PREFIX = 'vdk-details2-';
const VM = `${PREFIX}hw 'ü' $(x);`;
const RENAMED = `${PREFIX}hw renamed "ü" ;`;

describe('VM hardware edits on a real QEMU guest', () => {
  const host = new LocalHost();
  let conn: LibvirtConnection;
  let pool: DetailsPool;
  let network: string;
  let uuid: string;

  const dom = () => lookupDomainByUuid(conn.rpc, uuidFromString(uuid));
  const config = async () =>
    getDomainXml(
      conn.rpc,
      await dom(),
      virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE | virDomainXMLFlags.VIR_DOMAIN_XML_SECURE,
    );
  const live = async () =>
    getDomainXml(conn.rpc, await dom(), virDomainXMLFlags.VIR_DOMAIN_XML_SECURE);
  const vm = () => openVm(conn.rpc, uuid);
  const edit = async (e: VmEdit) => applyEdit(await vm(), e, uuid);
  const add = (device: NewDevice) => edit({ kind: 'addDevice', device });
  /** The key of the first device of `kind` whose XML contains `text`. */
  const keyOf = async (kind: string, text = '') => {
    const details = await readVmDetails(await vm(), uuid);
    const device = details.devices.find((d) => d.kind === kind && d.xml.includes(text));
    if (!device) throw new Error(`no ${kind} device`);
    return device.key;
  };

  beforeAll(async () => {
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeDetailsLeftovers(conn.rpc, PREFIX);
    pool = await createDetailsPool(conn.rpc, PREFIX);
    network = await createDetailsNetwork(conn.rpc, 77, PREFIX);
    await defineDetailsVm(conn.rpc, VM, pool);
    uuid = uuidToString((await lookupDomainByName(conn.rpc, VM)).uuid);
  });

  afterAll(async () => {
    await removeDetailsLeftovers(conn.rpc, PREFIX).catch(() => {});
    await conn?.close();
    await host.close();
  });

  it('adds input, sound, serial, channel, TPM, RNG, watchdog, filesystem, controller', async () => {
    const results = [
      await add({ kind: 'input', type: 'tablet', bus: 'usb' }),
      await add({ kind: 'sound', model: 'ich9' }),
      await add({ kind: 'serial' }),
      await add({ kind: 'channel', type: 'guest-agent' }),
      await add({ kind: 'tpm', model: 'tpm-tis', version: '2.0' }),
      await add({ kind: 'rng', source: '/dev/urandom' }),
      await add({ kind: 'watchdog', model: 'i6300esb', action: 'reset' }),
      await add({ kind: 'filesystem', source: '/srv/vdk share', target: 'vdkshare' }),
      await add({ kind: 'controller', type: 'scsi', model: 'virtio-scsi' }),
    ];
    expect(results.every((r) => !r.needsRestart)).toBe(true);
    const xml = await config();
    expect(xml).toContain("<input type='tablet' bus='usb'>");
    expect(xml).toMatch(/<sound model='ich9'>/);
    expect(xml.match(/<serial type='pty'>/g)).toHaveLength(2);
    expect(xml).toContain("name='org.qemu.guest_agent.0'");
    expect(xml).toMatch(/<tpm model='tpm-tis'>\s*<backend type='emulator' version='2.0'/);
    expect(xml).toMatch(/<backend model='random'>\/dev\/urandom<\/backend>/);
    expect(xml).toContain("<watchdog model='i6300esb' action='reset'>");
    expect(xml).toMatch(/<source dir='\/srv\/vdk share'\/>\s*<target dir='vdkshare'\/>/);
    expect(xml).toContain("<access mode='shared'/>");
    expect(xml).toContain("<controller type='scsi' index='0' model='virtio-scsi'>");
  });

  it('changes video, sound, input, TPM, RNG, watchdog and serial settings in place', async () => {
    await edit({
      kind: 'deviceSettings',
      key: await keyOf('video'),
      settings: { device: 'video', model: 'virtio' },
    });
    await edit({
      kind: 'deviceSettings',
      key: await keyOf('sound'),
      settings: { device: 'sound', model: 'ac97' },
    });
    await edit({
      kind: 'deviceSettings',
      key: await keyOf('input', 'tablet'),
      settings: { device: 'input', bus: 'virtio' },
    });
    await edit({
      kind: 'deviceSettings',
      key: 'tpm:0',
      settings: { device: 'tpm', model: 'tpm-crb', version: '2.0' },
    });
    await edit({
      kind: 'deviceSettings',
      key: 'rng:0',
      settings: { device: 'rng', source: '/dev/random' },
    });
    await edit({
      kind: 'deviceSettings',
      key: 'watchdog:0',
      settings: { device: 'watchdog', model: 'ib700', action: 'poweroff' },
    });
    await edit({ kind: 'charSource', key: 'serial:1', type: 'file', path: '/var/log/vdk ü.log' });
    const xml = await config();
    expect(xml).toMatch(/<video>\s*<model type='virtio'/);
    expect(xml).toMatch(/<sound model='ac97'>/);
    expect(xml).toContain("<input type='tablet' bus='virtio'>");
    expect(xml).toMatch(/<tpm model='tpm-crb'>/);
    expect(xml).toMatch(/<backend model='random'>\/dev\/random<\/backend>/);
    expect(xml).toContain("<watchdog model='ib700' action='poweroff'");
    expect(xml).toMatch(/<serial type='file'>\s*<source path='\/var\/log\/vdk ü.log'\/>/);
    // Back to a pty, which the running guest below can open.
    await edit({ kind: 'charSource', key: 'serial:1', type: 'pty' });
    expect(await config()).not.toContain('vdk ü.log');
    // A TPM 1.2 cannot be a CRB one: refused, nothing changed.
    const before = await config();
    await expect(
      edit({
        kind: 'deviceSettings',
        key: 'tpm:0',
        settings: { device: 'tpm', model: 'tpm-crb', version: '1.2' },
      }),
    ).rejects.toThrow(/CRB TPM is TPM 2.0 only/);
    expect(await config()).toBe(before);
  });

  it('sets the display password, listen address and protocol; the page never shows it', async () => {
    await edit({ kind: 'graphics', key: 'graphics:0', password: 'pw1ü' });
    expect(await config()).toContain("passwd='pw1ü'");
    const details = await readVmDetails(await vm(), uuid);
    const display = details.devices.find((d) => d.key === 'graphics:0');
    expect(display).toMatchObject({ kind: 'graphics', hasPassword: true });
    expect(JSON.stringify(details)).not.toContain('pw1ü');
    await expect(
      edit({ kind: 'graphics', key: 'graphics:0', password: 'far-too-long' }),
    ).rejects.toThrow(/at most 8 characters/);
    await edit({ kind: 'graphics', key: 'graphics:0', listen: '0.0.0.0', type: 'spice' });
    let xml = await config();
    expect(xml).toMatch(/<graphics type='spice'[^>]*passwd='pw1ü'/);
    expect(xml).toContain("<listen type='address' address='0.0.0.0'/>");
    await edit({ kind: 'graphics', key: 'graphics:0', type: 'vnc', password: null });
    xml = await config();
    expect(xml).toMatch(/<graphics type='vnc'/);
    expect(xml).not.toContain('passwd=');
    // QEMU changes a VNC password live only when it started with one.
    await edit({ kind: 'graphics', key: 'graphics:0', password: 'pw2' });
  });

  it('changes disk settings, NIC model and source (network, bridge, macvtap)', async () => {
    await edit({
      kind: 'disk',
      key: 'disk:vda',
      settings: { cache: 'none', io: 'native', readonly: true, serial: 'VDK-1' },
    });
    let xml = await config();
    expect(xml).toContain("<driver name='qemu' type='qcow2' cache='none' io='native'/>");
    expect(xml).toMatch(/<readonly\/>\s*<serial>VDK-1<\/serial>/);
    await edit({ kind: 'disk', key: 'disk:vda', settings: { shareable: true } });
    expect(await config()).toMatch(/<readonly\/>\s*<shareable\/>/);
    await edit({ kind: 'disk', key: 'disk:vda', settings: { readonly: false, shareable: false } });
    const vda = /<disk type='file' device='disk'>[\s\S]*?<\/disk>/.exec(await config())?.[0];
    expect(vda).toContain("<target dev='vda'");
    expect(vda).not.toMatch(/<readonly\/>|<shareable\/>/);
    await edit({
      kind: 'addDevice',
      device: { kind: 'interface', source: { network }, model: 'virtio', mac: '52:54:00:0d:e8:01' },
    });
    const nic = 'interface:52:54:00:0d:e8:01';
    await edit({ kind: 'interface', key: nic, model: 'e1000e' });
    expect(await config()).toContain("<model type='e1000e'/>");
    await edit({ kind: 'interface', key: nic, source: { bridge: 'vdkdet77' } });
    expect(await config()).toMatch(/<interface type='bridge'>[\s\S]*<source bridge='vdkdet77'\/>/);
    await edit({ kind: 'interface', key: nic, source: { direct: 'lo', mode: 'vepa' } });
    xml = await config();
    expect(xml).toMatch(/<interface type='direct'>[\s\S]*<source dev='lo' mode='vepa'\/>/);
    await edit({ kind: 'interface', key: nic, source: { network } });
    expect(await config()).toContain(`<source network='${network}'/>`);
  });

  it('sets direct kernel boot, CPU topology and shared memory', async () => {
    await edit({
      kind: 'kernelBoot',
      kernel: '/var/lib/libvirt/boot/vmlinuz',
      initrd: '/var/lib/libvirt/boot/initrd.img',
      cmdline: "console=ttyS0 x='$(y)'",
    });
    let xml = await config();
    expect(xml).toContain('<kernel>/var/lib/libvirt/boot/vmlinuz</kernel>');
    expect(xml).toContain('<initrd>/var/lib/libvirt/boot/initrd.img</initrd>');
    expect((await readVmDetails(await vm(), uuid)).boot).toMatchObject({
      kernel: '/var/lib/libvirt/boot/vmlinuz',
      cmdline: "console=ttyS0 x='$(y)'",
    });
    await expect(edit({ kind: 'kernelBoot', kernel: '' })).rejects.toThrow(/need a kernel/);
    await edit({ kind: 'kernelBoot', kernel: '', initrd: '', cmdline: '' });
    expect(await config()).not.toMatch(/<kernel>|<initrd>|<cmdline>/);

    await edit({ kind: 'cpuTopology', sockets: 1, cores: 2, threads: 2 });
    xml = await config();
    expect(xml).toMatch(/<topology sockets='1'( dies='1')? cores='2' threads='2'\/>/);
    expect(xml).toMatch(/<vcpu placement='static' current='1'>4<\/vcpu>/);

    // The virtiofs share needs it: refused while the share is there.
    await expect(edit({ kind: 'sharedMemory', enabled: false })).rejects.toThrow(/virtiofs/);
    await edit({ kind: 'removeDevice', key: 'filesystem:0' });
    await edit({ kind: 'sharedMemory', enabled: false });
    expect(await config()).not.toContain("<access mode='shared'/>");
    expect((await readVmDetails(await vm(), uuid)).memory.sharedMemory).toBe(false);
    await edit({ kind: 'sharedMemory', enabled: true });
    expect((await readVmDetails(await vm(), uuid)).memory.sharedMemory).toBe(true);
  });

  it('grows the shut-off disk’s volume, renames, sets title and description', async () => {
    const vol = await lookupVolumeByPath(conn.rpc, pool.disk);
    const before = (await getVolumeInfo(conn.rpc, vol)).capacity;
    await expect(resizeDisk(await vm(), 'disk:vda', before)).rejects.toThrow(/larger than/);
    await resizeDisk(await vm(), 'disk:vda', before + 16 * 1024 * 1024);
    expect((await getVolumeInfo(conn.rpc, vol)).capacity).toBe(before + 16 * 1024 * 1024);

    await edit({ kind: 'metadata', title: 'Web “front” ü', description: 'line 1\n<b>&</b>' });
    await renameVm(await vm(), RENAMED);
    const details = await readVmDetails(await vm(), uuid);
    expect(details).toMatchObject({
      name: RENAMED,
      title: 'Web “front” ü',
      description: 'line 1\n<b>&</b>',
    });
    expect(await config()).toContain('<title>Web “front” ü</title>');
  });

  it('lists the host’s PCI devices for Add hardware', async () => {
    const devices = await listHostDevices(conn.rpc);
    const pci = devices.filter((d) => d.kind === 'pci');
    expect(pci.length).toBeGreaterThan(0);
    expect(pci.every((d) => /^pci_[0-9a-f_]+$/.test(d.name) && d.label !== '')).toBe(true);
  });

  it('running: a new display password reaches the guest live', async () => {
    await startDomain(conn.rpc, await dom());
    const result = await edit({ kind: 'graphics', key: 'graphics:0', password: 'live-pw' });
    expect(result.needsRestart).toBe(false);
    expect(await live()).toContain("passwd='live-pw'");
    expect(await config()).toContain("passwd='live-pw'");
    // Cleared: the config at once, QEMU at the next start (libvirt keeps QEMU's password).
    expect(await edit({ kind: 'graphics', key: 'graphics:0', password: null })).toEqual({
      needsRestart: true,
    });
    expect(await config()).not.toContain('passwd=');
  });

  it('running: a refused hot-unplug is removed at the next shutdown instead', async () => {
    const before = await config();
    // An IDE CD-ROM cannot leave a running i440fx guest: libvirt says so, nothing changes.
    await expect(edit({ kind: 'removeDevice', key: 'disk:hdc' })).rejects.toThrow();
    expect(await config()).toBe(before);
    const result = await edit({ kind: 'removeDevice', key: 'disk:hdc', configOnly: true });
    expect(result).toEqual({ needsRestart: true });
    expect(await config()).not.toContain("<target dev='hdc'");
    expect(await live()).toContain("<target dev='hdc'");
  });

  it('running: a PCI unplug the guest never acknowledges is reported as still present', async () => {
    await add({
      kind: 'disk',
      device: 'disk',
      bus: 'virtio',
      source: { pool: pool.name, name: 'unplug.qcow2', capacityBytes: 4 << 20, format: 'qcow2' },
    });
    expect(await live()).toContain("<target dev='vdb' bus='virtio'/>");
    // The test ISO's boot loader has no ACPI hotplug handling: the unplug request is ignored.
    const result = await edit({ kind: 'removeDevice', key: 'disk:vdb' });
    expect(result).toEqual({ needsRestart: true, stillPresent: true });
    expect(await live()).toContain("<target dev='vdb' bus='virtio'/>");
    expect(await config()).not.toContain("<target dev='vdb'");
  });
});
