/**
 * Edited XML is XML libvirt takes: a guest changed by a chain of the app's edits is defined with
 * schema validation, on the test driver and on the real QEMU driver (defined, never started), and
 * the XML libvirt returns carries the edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  getDomainXml,
  lookupDomainByName,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { setDomainMemory } from '../../../src/main/xml/edits/domain/memory';
import { setDomainVcpus } from '../../../src/main/xml/edits/domain/vcpus';
import { setDeviceBootOrder } from '../../../src/main/xml/edits/domain/boot';
import { addDisk, removeDisk } from '../../../src/main/xml/edits/domain/disks';
import { setCdromMedia } from '../../../src/main/xml/edits/domain/cdrom';
import {
  addNic,
  setNicLinkState,
  setNicSource,
} from '../../../src/main/xml/edits/domain/interfaces';
import { addTpm } from '../../../src/main/xml/edits/domain/tpm';
import {
  setDomainDescription,
  setDomainTags,
  setDomainTitle,
} from '../../../src/main/xml/edits/domain/metadata';
import { addGraphics, setGraphicsPassword } from '../../../src/main/xml/edits/domain/graphics';
import { addVirtiofsShare } from '../../../src/main/xml/edits/domain/filesystem';
import { addDevice } from '../../../src/main/xml/edits/domain/devices';
import {
  channelXml,
  inputXml,
  rngXml,
  soundXml,
  videoXml,
  watchdogXml,
} from '../../../src/main/xml/edits/domain/deviceBuilders';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const NAME = 'virtdeck-test-xml-edits';

function base(type: 'test' | 'kvm' | 'qemu'): string {
  const emulator = type === 'test' ? '' : '\n    <emulator>/usr/bin/qemu-system-x86_64</emulator>';
  return `<domain type='${type}'>
  <name>${NAME}</name>
  <memory unit='MiB'>256</memory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <boot dev='hd'/>
  </os>
  <cpu>
    <topology sockets='1' cores='1' threads='1'/>
  </cpu>
  <devices>${emulator}
    <disk type='file' device='cdrom'>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
  </devices>
</domain>`;
}

/** The chain of edits a user might make in the details page. */
function edited(type: 'test' | 'qemu'): string {
  let xml = base(type);
  xml = setDomainMemory(xml, { maximumKiB: 524288, currentKiB: 393216 });
  xml = setDomainVcpus(xml, { maximum: 4, current: 2 });
  xml = addDisk(xml, {
    device: 'disk',
    bus: 'virtio',
    source: { kind: 'file', path: '/var/lib/libvirt/images/virtdeck-none.qcow2' },
    cache: 'none',
    io: 'native',
    serial: 'VD1',
  });
  xml = addDisk(xml, {
    device: 'disk',
    bus: 'sata',
    source: { kind: 'file', path: '/var/lib/libvirt/images/virtdeck-none2.raw' },
    format: 'raw',
    shareable: true,
  });
  xml = removeDisk(xml, 'sda');
  xml = setCdromMedia(xml, 'hdc', {
    kind: 'file',
    path: '/var/lib/libvirt/images/virtdeck-none.iso',
  });
  xml = addNic(xml, {
    source: { kind: 'network', network: 'default' },
    model: 'virtio',
    mac: '52:54:00:7d:00:01',
  });
  xml = setNicSource(xml, '52:54:00:7d:00:01', { kind: 'bridge', bridge: 'virbr-none' });
  xml = setNicLinkState(xml, '52:54:00:7d:00:01', 'down');
  xml = setDeviceBootOrder(xml, [
    { kind: 'disk', index: 1 },
    { kind: 'interface', index: 0 },
  ]);
  xml = setDomainTitle(xml, 'Edited by Virtdeck');
  xml = setDomainDescription(xml, 'Line one\nLine two & more');
  xml = setDomainTags(xml, ['web', 'prod']);
  xml = addGraphics(xml, { type: 'vnc', listen: '127.0.0.1' });
  xml = setGraphicsPassword(xml, 0, 'pw');
  for (const spec of [
    rngXml(),
    watchdogXml({ model: 'i6300esb', action: 'reset' }),
    soundXml('ich9'),
    inputXml({ type: 'tablet', bus: 'usb' }),
    channelXml('guest-agent'),
    videoXml({ model: 'vga' }),
  ]) {
    xml = addDevice(xml, spec);
  }
  if (type === 'qemu') {
    xml = addTpm(xml, { model: 'tpm-tis', backend: { kind: 'emulator', version: '2.0' } });
    xml = addVirtiofsShare(xml, { source: '/tmp', target: 'share' });
  }
  return xml;
}

describe.each([
  ['test:///default', 'test'],
  ['qemu:///system', 'qemu'],
] as const)('libvirt takes edited XML (%s)', (uri, type) => {
  const host = new LocalHost();
  let conn: LibvirtConnection;

  beforeAll(async () => {
    conn = await LibvirtConnection.open(host, uri);
    const old = await lookupDomainByName(conn.rpc, NAME).catch(() => null);
    if (old) await undefineDomain(conn.rpc, old);
  });
  afterAll(async () => {
    const dom = conn && (await lookupDomainByName(conn.rpc, NAME).catch(() => null));
    if (dom) await undefineDomain(conn.rpc, dom);
    await conn?.close();
    await host.close();
  });

  it('defines it with validation and returns the edits', async () => {
    const dom = await defineDomain(conn.rpc, edited(type));
    const back = await getDomainXml(
      conn.rpc,
      dom,
      virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE | virDomainXMLFlags.VIR_DOMAIN_XML_SECURE,
    );
    expect(back).toMatch(/<memory unit='KiB'>524288<\/memory>/);
    expect(back).toMatch(/<currentMemory unit='KiB'>393216<\/currentMemory>/);
    expect(back).toMatch(/<vcpu placement='static' current='2'>4<\/vcpu>/);
    expect(back).toMatch(
      /<topology sockets='1'( dies='1')?( clusters='1')? cores='4' threads='1'\/>/,
    );
    expect(back).toContain("<target dev='vda' bus='virtio'/>");
    expect(back).not.toContain("<target dev='sda'");
    expect(back).toContain("<source file='/var/lib/libvirt/images/virtdeck-none.iso'/>");
    expect(back).toContain("<source bridge='virbr-none'/>");
    expect(back).toContain("<link state='down'/>");
    expect(back).toContain('<title>Edited by Virtdeck</title>');
    expect(back).toContain('<virtdeck:tag>prod</virtdeck:tag>');
    expect(back).toContain('xmlns:virtdeck="https://virtdeck.app/xmlns/domain/1"');
    expect(back).toContain("passwd='pw'");
    expect(back).toContain("<boot order='1'/>");
    if (type === 'qemu') {
      expect(back).toContain("<tpm model='tpm-tis'>");
      expect(back).toContain("<driver type='virtiofs'/>");
      expect(back).toContain("<access mode='shared'/>");
    }
  });
});
