/**
 * Each domain edit on a small guest, compared with the exact text expected: the input as the
 * serializer writes it (double quotes) with only the edited lines changed.
 */
import { describe, expect, it } from 'vitest';
import { setDomainMemory } from '../../../src/main/xml/edits/domain/memory';
import { setDomainVcpus } from '../../../src/main/xml/edits/domain/vcpus';
import { setDeviceBootOrder, setOsBootOrder } from '../../../src/main/xml/edits/domain/boot';
import {
  addDisk,
  newDiskDevice,
  removeDisk,
  setDiskSettings,
} from '../../../src/main/xml/edits/domain/disks';
import { cdromWithMedia, setCdromMedia } from '../../../src/main/xml/edits/domain/cdrom';
import {
  addNic,
  newNicDevice,
  removeNic,
  setNicLinkState,
  setNicSource,
} from '../../../src/main/xml/edits/domain/interfaces';
import { addTpm, removeTpm } from '../../../src/main/xml/edits/domain/tpm';
import {
  readTags,
  setDomainDescription,
  setDomainTags,
  setDomainTitle,
} from '../../../src/main/xml/edits/domain/metadata';
import {
  setGraphicsListen,
  setGraphicsPassword,
} from '../../../src/main/xml/edits/domain/graphics';
import { addVirtiofsShare } from '../../../src/main/xml/edits/domain/filesystem';
import { addDevice, deviceXml, removeDevice } from '../../../src/main/xml/edits/domain/devices';
import {
  rngXml,
  pciHostdevXml,
  watchdogXml,
} from '../../../src/main/xml/edits/domain/deviceBuilders';
import { parseXml } from '../../../src/main/xml/xmlDocument';
import { InvalidInputError } from '../../../src/main/xml/validation';

const DOMAIN = `<domain type='kvm'>
  <name>demo</name>
  <memory unit='GiB'>2</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <boot dev='hd'/>
  </os>
  <cpu mode='host-passthrough'>
    <topology sockets='1' cores='2' threads='1'/>
  </cpu>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/img/demo.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <source file='/isos/a.iso'/>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:11:22:33'/>
      <source network='default'/>
    </interface>
    <graphics type='vnc' port='-1' listen='127.0.0.1'>
      <listen type='address' address='127.0.0.1'/>
    </graphics>
    <vendor:thing xmlns:vendor='urn:x'/>
  </devices>
</domain>
`;
const Q = DOMAIN.replaceAll("'", '"');

/** Q with `from` replaced by `to` (which must occur exactly once). */
function expected(...pairs: [string, string][]): string {
  let out = Q;
  for (const [from, to] of pairs) {
    expect(out.split(from)).toHaveLength(2);
    out = out.replace(from, to);
  }
  return out;
}

function invalid(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidInputError);
    return (err as Error).message;
  }
  throw new Error('expected invalid-input');
}

describe('memory', () => {
  it('keeps each element’s unit when the value fits it', () => {
    expect(setDomainMemory(DOMAIN, { maximumKiB: 4194304, currentKiB: 3145728 })).toBe(
      expected(['"GiB">2<', '"GiB">4<'], ['2097152', '3145728']),
    );
  });
  it('switches to KiB when the value is not a whole number of the unit', () => {
    expect(setDomainMemory(DOMAIN, { maximumKiB: 3000000 })).toBe(
      expected(['<memory unit="GiB">2<', '<memory unit="KiB">3000000<']),
    );
  });
  it('refuses current above maximum and maximum above the host', () => {
    expect(invalid(() => setDomainMemory(DOMAIN, { currentKiB: 4194304 }))).toMatch(
      /at most 2097152/,
    );
    expect(
      invalid(() => setDomainMemory(DOMAIN, { maximumKiB: 8388608, hostMemoryKiB: 4194304 })),
    ).toMatch(/at most 4194304/);
  });
});

describe('vcpus', () => {
  it('sets maximum and current and keeps the topology consistent', () => {
    expect(setDomainVcpus(DOMAIN, { maximum: 4, current: 3 })).toBe(
      expected(
        ['<vcpu placement="static">2<', '<vcpu placement="static" current="3">4<'],
        ['cores="2"', 'cores="4"'],
      ),
    );
  });
  it('changes sockets when cores do not fit, else falls back to one socket', () => {
    const topo = (t: string, maximum: number) =>
      setDomainVcpus(DOMAIN.replace("sockets='1' cores='2' threads='1'", t), { maximum });
    expect(topo("sockets='2' cores='1' threads='2'", 6)).toContain(
      '<topology sockets="3" cores="1" threads="2"/>',
    );
    const five = topo("sockets='2' cores='2' threads='2'", 5);
    expect(five).toContain('<vcpu placement="static">5</vcpu>');
    expect(five).toContain('<topology sockets="1" cores="5" threads="1"/>');
  });
  it('keeps a per-vCPU list in step', () => {
    const xml = DOMAIN.replace(
      "<vcpu placement='static'>2</vcpu>",
      "<vcpu placement='static'>2</vcpu>\n  <vcpus>\n    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n    <vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>\n  </vcpus>",
    );
    const out = setDomainVcpus(xml, { maximum: 3, current: 1 });
    expect(out).toContain(
      '<vcpus>\n    <vcpu id="0" enabled="yes" hotpluggable="no" order="1"/>\n    <vcpu id="1" enabled="no" hotpluggable="yes"/>\n    <vcpu id="2" enabled="no" hotpluggable="yes"/>\n  </vcpus>',
    );
  });
  it('refuses current above maximum', () => {
    expect(invalid(() => setDomainVcpus(DOMAIN, { maximum: 2, current: 3 }))).toMatch(/at most 2/);
    expect(invalid(() => setDomainVcpus(DOMAIN, { maximum: 9, hostMaxVcpus: 8 }))).toMatch(
      /at most 8/,
    );
  });
});

describe('boot order', () => {
  it('rewrites the <os> boot list in place', () => {
    expect(setOsBootOrder(DOMAIN, ['cdrom', 'hd'])).toBe(
      expected(['<boot dev="hd"/>', '<boot dev="cdrom"/>\n    <boot dev="hd"/>']),
    );
  });
  it('moves to per-device order, dropping the <os> list', () => {
    expect(
      setDeviceBootOrder(DOMAIN, [
        { kind: 'disk', index: 1 },
        { kind: 'interface', index: 0 },
      ]),
    ).toBe(
      expected(
        ['\n    <boot dev="hd"/>', ''],
        [
          '<target dev="sda" bus="sata"/>',
          '<target dev="sda" bus="sata"/>\n      <boot order="1"/>',
        ],
        ['<source network="default"/>', '<source network="default"/>\n      <boot order="2"/>'],
      ),
    );
  });
});

describe('disks', () => {
  it('adds a disk on the first free target of its bus, after the other disks', () => {
    const out = addDisk(DOMAIN, {
      device: 'disk',
      bus: 'virtio',
      source: { kind: 'volume', pool: 'default', volume: 'data.qcow2' },
      cache: 'none',
      io: 'native',
      serial: 'DATA1',
    });
    expect(out).toBe(
      expected([
        '      <readonly/>\n    </disk>\n',
        '      <readonly/>\n    </disk>\n    <disk type="volume" device="disk">\n      <driver name="qemu" type="qcow2" cache="none" io="native"/>\n      <source pool="default" volume="data.qcow2"/>\n      <target dev="vdb" bus="virtio"/>\n      <serial>DATA1</serial>\n    </disk>\n',
      ]),
    );
  });
  it('builds the same device XML for a hot-attach', () => {
    expect(
      newDiskDevice(DOMAIN, {
        device: 'cdrom',
        bus: 'sata',
        source: { kind: 'file', path: '/isos/b.iso' },
      }),
    ).toEqual({
      target: 'sdb',
      xml: '<disk type="file" device="cdrom">\n  <driver name="qemu" type="raw"/>\n  <source file="/isos/b.iso"/>\n  <target dev="sdb" bus="sata"/>\n  <readonly/>\n</disk>',
    });
  });
  it('removes a disk by target', () => {
    expect(removeDisk(DOMAIN, 'vda')).toBe(
      expected([
        '\n    <disk type="file" device="disk">\n      <driver name="qemu" type="qcow2"/>\n      <source file="/img/demo.qcow2"/>\n      <target dev="vda" bus="virtio"/>\n    </disk>',
        '',
      ]),
    );
  });
  it('changes cache, readonly and serial only', () => {
    expect(
      setDiskSettings(DOMAIN, 'vda', { cache: 'writeback', readonly: true, serial: 'X1' }),
    ).toBe(
      expected(
        ['type="qcow2"/>', 'type="qcow2" cache="writeback"/>'],
        [
          '<target dev="vda" bus="virtio"/>',
          '<target dev="vda" bus="virtio"/>\n      <readonly/>\n      <serial>X1</serial>',
        ],
      ),
    );
  });
  it('refuses a used target, a bad bus for a CD-ROM, a bad serial', () => {
    const base = {
      device: 'disk' as const,
      bus: 'virtio' as const,
      source: { kind: 'file' as const, path: '/a.img' },
    };
    expect(invalid(() => addDisk(DOMAIN, { ...base, target: 'vda' }))).toMatch(/already used/);
    expect(invalid(() => addDisk(DOMAIN, { ...base, target: 'sdc' }))).toMatch(/does not fit/);
    expect(invalid(() => addDisk(DOMAIN, { ...base, device: 'cdrom' }))).toMatch(/virtio bus/);
    expect(invalid(() => addDisk(DOMAIN, { ...base, serial: 'a/b' }))).toMatch(/serial/);
    expect(
      invalid(() => addDisk(DOMAIN, { ...base, source: { kind: 'file', path: 'rel.img' } })),
    ).toMatch(/absolute/);
  });
});

describe('CD-ROM media', () => {
  it('ejects and inserts, keeping the drive', () => {
    const ejected = setCdromMedia(DOMAIN, 'sda', undefined);
    expect(ejected).toBe(expected(['\n      <source file="/isos/a.iso"/>', '']));
    expect(setCdromMedia(ejected, 'sda', { kind: 'file', path: '/isos/b.iso' })).toBe(
      expected(['/isos/a.iso', '/isos/b.iso']),
    );
    expect(cdromWithMedia(DOMAIN, 'sda', { kind: 'volume', pool: 'isos', volume: 'b.iso' })).toBe(
      '<disk type="volume" device="cdrom">\n      <source pool="isos" volume="b.iso"/>\n      <target dev="sda" bus="sata"/>\n      <readonly/>\n    </disk>',
    );
    expect(invalid(() => setCdromMedia(DOMAIN, 'vda', undefined))).toMatch(/not a CD-ROM/);
  });
});

describe('NICs', () => {
  it('adds, changes source and link, removes', () => {
    expect(
      addNic(DOMAIN, {
        source: { kind: 'bridge', bridge: 'br0' },
        model: 'virtio',
        mac: '52:54:00:AA:BB:CC',
      }),
    ).toBe(
      expected([
        '    </interface>\n',
        '    </interface>\n    <interface type="bridge">\n      <mac address="52:54:00:aa:bb:cc"/>\n      <source bridge="br0"/>\n      <model type="virtio"/>\n    </interface>\n',
      ]),
    );
    expect(
      setNicSource(DOMAIN, '52:54:00:11:22:33', { kind: 'direct', device: 'eth0', mode: 'bridge' }),
    ).toBe(
      expected(
        ['<interface type="network">', '<interface type="direct">'],
        ['<source network="default"/>', '<source dev="eth0" mode="bridge"/>'],
      ),
    );
    expect(setNicLinkState(DOMAIN, '52:54:00:11:22:33', 'down')).toBe(
      expected([
        '<source network="default"/>',
        '<source network="default"/>\n      <link state="down"/>',
      ]),
    );
    expect(removeNic(DOMAIN, '52:54:00:11:22:33')).toBe(
      expected([
        '\n    <interface type="network">\n      <mac address="52:54:00:11:22:33"/>\n      <source network="default"/>\n    </interface>',
        '',
      ]),
    );
  });
  it('gives a new NIC a free random MAC, and refuses bad or used ones', () => {
    const { mac, xml } = newNicDevice(DOMAIN, { source: { kind: 'network', network: 'default' } });
    expect(mac).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
    expect(xml).toBe(
      `<interface type="network">\n  <mac address="${mac}"/>\n  <source network="default"/>\n</interface>`,
    );
    const net = { kind: 'network' as const, network: 'default' };
    expect(invalid(() => addNic(DOMAIN, { source: net, mac: '52:54:00:11:22:33' }))).toMatch(
      /already in use/,
    );
    expect(invalid(() => addNic(DOMAIN, { source: net, mac: '52:54:00:11:22' }))).toMatch(
      /not a MAC/,
    );
    expect(invalid(() => addNic(DOMAIN, { source: net, mac: '01:00:5e:00:00:01' }))).toMatch(
      /multicast/,
    );
    expect(
      invalid(() =>
        addNic(DOMAIN, { source: net, mac: '52:54:00:00:00:09', macsInUse: ['52:54:00:00:00:09'] }),
      ),
    ).toMatch(/in use/);
  });
});

describe('TPM, displays, shares, other devices', () => {
  it('adds and removes a TPM, once', () => {
    const out = addTpm(DOMAIN, { model: 'tpm-crb', backend: { kind: 'emulator' } });
    expect(out).toBe(
      expected([
        '    </interface>\n',
        '    </interface>\n    <tpm model="tpm-crb">\n      <backend type="emulator" version="2.0"/>\n    </tpm>\n',
      ]),
    );
    expect(invalid(() => addTpm(out, { model: 'tpm-tis', backend: { kind: 'emulator' } }))).toMatch(
      /already has a TPM/,
    );
    expect(removeTpm(out)).toBe(Q);
  });
  it('changes a display’s listen address in both places and its password', () => {
    expect(setGraphicsListen(DOMAIN, 0, '0.0.0.0')).toBe(Q.replaceAll('127.0.0.1', '0.0.0.0'));
    expect(setGraphicsPassword(DOMAIN, 0, 'secret')).toBe(
      expected(['listen="127.0.0.1">', 'listen="127.0.0.1" passwd="secret">']),
    );
    expect(invalid(() => setGraphicsPassword(DOMAIN, 0, '123456789'))).toMatch(/at most 8/);
  });
  it('adds a virtiofs share with shared memory', () => {
    expect(addVirtiofsShare(DOMAIN, { source: '/srv/share', target: 'share' })).toBe(
      expected(
        [
          '2097152</currentMemory>\n',
          '2097152</currentMemory>\n  <memoryBacking>\n    <source type="memfd"/>\n    <access mode="shared"/>\n  </memoryBacking>\n',
        ],
        [
          '      <readonly/>\n    </disk>\n',
          '      <readonly/>\n    </disk>\n    <filesystem type="mount" accessmode="passthrough">\n      <driver type="virtiofs"/>\n      <source dir="/srv/share"/>\n      <target dir="share"/>\n    </filesystem>\n',
        ],
      ),
    );
  });
  it('adds built devices in libvirt’s order and removes them by index', () => {
    const out = addDevice(
      addDevice(DOMAIN, rngXml()),
      watchdogXml({ model: 'i6300esb', action: 'reset' }),
    );
    expect(out).toBe(
      expected([
        '    <vendor:thing',
        '    <watchdog model="i6300esb" action="reset"/>\n    <rng model="virtio">\n      <backend model="random">/dev/urandom</backend>\n    </rng>\n    <vendor:thing',
      ]),
    );
    expect(deviceXml(out, 'watchdog', 0)).toBe('<watchdog model="i6300esb" action="reset"/>');
    expect(removeDevice(removeDevice(out, 'watchdog', 0), 'rng', 0)).toBe(Q);
    expect(invalid(() => pciHostdevXml('1:2'))).toMatch(/not a PCI address/);
  });
});

describe('title, description, tags', () => {
  it('sets and removes them; tags live in Virtdeck’s namespace', () => {
    expect(setDomainTitle(DOMAIN, 'Demo & co')).toBe(
      expected(['<name>demo</name>', '<name>demo</name>\n  <title>Demo &amp; co</title>']),
    );
    expect(setDomainTitle(setDomainTitle(DOMAIN, 'x'), '')).toBe(Q);
    expect(setDomainDescription(DOMAIN, 'two\nlines')).toBe(
      expected(['<name>demo</name>', '<name>demo</name>\n  <description>two\nlines</description>']),
    );
    const tagged = setDomainTags(DOMAIN, ['web', 'prod', 'web']);
    expect(tagged).toBe(
      expected([
        '<name>demo</name>',
        '<name>demo</name>\n  <metadata>\n    <virtdeck:tags xmlns:virtdeck="https://virtdeck.app/xmlns/domain/1"><virtdeck:tag>web</virtdeck:tag><virtdeck:tag>prod</virtdeck:tag></virtdeck:tags>\n  </metadata>',
      ]),
    );
    expect(readTags(parseXml(tagged).documentElement!)).toEqual(['web', 'prod']);
    expect(invalid(() => setDomainTitle(DOMAIN, 'a\nb'))).toMatch(/one line/);
  });
});
