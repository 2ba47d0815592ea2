/**
 * Each domain edit on a small guest, compared with the exact text expected: the pairs in
 * test/fixtures/xml/edits/domain (<edit>-in.xml, <edit>-out.xml; see test/support/xmlFixtures.ts),
 * whose diff is only the edited lines. Most -in files are copies of one guest, so each pair reads
 * alone; a test says where its input differs.
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
import { InvalidInputError } from '../../../src/shared/errors';
import { expectMatchesFixture, fixture } from '../../support/xmlFixtures';

/** The input of pair `edits/domain/<name>`. */
const input = (name: string) => fixture(`edits/domain/${name}`);
/** `actual` is exactly the output of pair `edits/domain/<name>`. */
const matches = (actual: string, name: string) =>
  expectMatchesFixture(actual, `edits/domain/${name}`);
/** The guest every pair starts from unless it says otherwise, for the refusals. */
const DOMAIN = input('memory-keep-unit');

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
    matches(
      setDomainMemory(input('memory-keep-unit'), { maximumKiB: 4194304, currentKiB: 3145728 }),
      'memory-keep-unit',
    );
  });
  it('switches to KiB when the value is not a whole number of the unit', () => {
    matches(setDomainMemory(input('memory-to-kib'), { maximumKiB: 3000000 }), 'memory-to-kib');
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
    matches(
      setDomainVcpus(input('vcpus-maximum-current'), { maximum: 4, current: 3 }),
      'vcpus-maximum-current',
    );
  });
  it('changes sockets when cores do not fit, else falls back to one socket', () => {
    // Inputs with 2 sockets x 1 core x 2 threads, and 2 x 2 x 2.
    matches(setDomainVcpus(input('vcpus-more-sockets'), { maximum: 6 }), 'vcpus-more-sockets');
    matches(setDomainVcpus(input('vcpus-one-socket'), { maximum: 5 }), 'vcpus-one-socket');
  });
  it('keeps a per-vCPU list in step', () => {
    // Input with a <vcpus> list.
    matches(setDomainVcpus(input('vcpus-list'), { maximum: 3, current: 1 }), 'vcpus-list');
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
    matches(setOsBootOrder(input('boot-os-order'), ['cdrom', 'hd']), 'boot-os-order');
  });
  it('moves to per-device order, dropping the <os> list', () => {
    matches(
      setDeviceBootOrder(input('boot-device-order'), [
        { kind: 'disk', index: 1 },
        { kind: 'interface', index: 0 },
      ]),
      'boot-device-order',
    );
  });
});

describe('disks', () => {
  it('adds a disk on the first free target of its bus, after the other disks', () => {
    const out = addDisk(input('disk-add'), {
      device: 'disk',
      bus: 'virtio',
      source: { kind: 'volume', pool: 'default', volume: 'data.qcow2' },
      cache: 'none',
      io: 'native',
      serial: 'DATA1',
    });
    matches(out, 'disk-add');
  });
  it('builds the same device XML for a hot-attach', () => {
    // The -out file is the device alone, as it is attached.
    const { target, xml } = newDiskDevice(input('disk-hot-attach'), {
      device: 'cdrom',
      bus: 'sata',
      source: { kind: 'file', path: '/isos/b.iso' },
    });
    expect(target).toBe('sdb');
    matches(xml, 'disk-hot-attach');
  });
  it('removes a disk by target', () => {
    matches(removeDisk(input('disk-remove'), 'vda'), 'disk-remove');
  });
  it('changes cache, readonly and serial only', () => {
    matches(
      setDiskSettings(input('disk-settings'), 'vda', {
        cache: 'writeback',
        readonly: true,
        serial: 'X1',
      }),
      'disk-settings',
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
    const ejected = setCdromMedia(input('cdrom-eject'), 'sda', undefined);
    matches(ejected, 'cdrom-eject');
    // The insert starts from the ejected guest.
    expect(input('cdrom-insert')).toBe(ejected);
    matches(
      setCdromMedia(input('cdrom-insert'), 'sda', { kind: 'file', path: '/isos/b.iso' }),
      'cdrom-insert',
    );
    // The -out file is the drive alone, as it is updated on a running guest.
    matches(
      cdromWithMedia(input('cdrom-with-media'), 'sda', {
        kind: 'volume',
        pool: 'isos',
        volume: 'b.iso',
      }),
      'cdrom-with-media',
    );
    expect(invalid(() => setCdromMedia(DOMAIN, 'vda', undefined))).toMatch(/not a CD-ROM/);
  });
});

describe('NICs', () => {
  it('adds, changes source and link, removes', () => {
    matches(
      addNic(input('nic-add'), {
        source: { kind: 'bridge', bridge: 'br0' },
        model: 'virtio',
        mac: '52:54:00:AA:BB:CC',
      }),
      'nic-add',
    );
    matches(
      setNicSource(input('nic-source'), '52:54:00:11:22:33', {
        kind: 'direct',
        device: 'eth0',
        mode: 'bridge',
      }),
      'nic-source',
    );
    matches(setNicLinkState(input('nic-link-down'), '52:54:00:11:22:33', 'down'), 'nic-link-down');
    matches(removeNic(input('nic-remove'), '52:54:00:11:22:33'), 'nic-remove');
  });
  it('gives a new NIC a free random MAC, and refuses bad or used ones', () => {
    const { mac, xml } = newNicDevice(DOMAIN, { source: { kind: 'network', network: 'default' } });
    expect(mac).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
    // Inline: the MAC is random.
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
    const out = addTpm(input('tpm-add'), { model: 'tpm-crb', backend: { kind: 'emulator' } });
    matches(out, 'tpm-add');
    expect(invalid(() => addTpm(out, { model: 'tpm-tis', backend: { kind: 'emulator' } }))).toMatch(
      /already has a TPM/,
    );
    expect(removeTpm(out)).toBe(input('tpm-add'));
  });
  it('changes a display’s listen address in both places and its password', () => {
    matches(setGraphicsListen(input('graphics-listen'), 0, '0.0.0.0'), 'graphics-listen');
    matches(setGraphicsPassword(input('graphics-password'), 0, 'secret'), 'graphics-password');
    expect(invalid(() => setGraphicsPassword(DOMAIN, 0, '123456789'))).toMatch(/at most 8/);
  });
  it('adds a virtiofs share with shared memory', () => {
    matches(
      addVirtiofsShare(input('virtiofs-add'), { source: '/srv/share', target: 'share' }),
      'virtiofs-add',
    );
  });
  it('adds built devices in libvirt’s order and removes them by index', () => {
    const out = addDevice(
      addDevice(input('devices-add'), rngXml()),
      watchdogXml({ model: 'i6300esb', action: 'reset' }),
    );
    matches(out, 'devices-add');
    expect(deviceXml(out, 'watchdog', 0)).toBe('<watchdog model="i6300esb" action="reset"/>');
    expect(removeDevice(removeDevice(out, 'watchdog', 0), 'rng', 0)).toBe(input('devices-add'));
    expect(invalid(() => pciHostdevXml('1:2'))).toMatch(/not a PCI address/);
  });
});

describe('title, description, tags', () => {
  it('sets and removes them; tags live in Virtdeck’s namespace', () => {
    matches(setDomainTitle(input('title-set'), 'Demo & co'), 'title-set');
    expect(setDomainTitle(setDomainTitle(DOMAIN, 'x'), '')).toBe(DOMAIN);
    matches(setDomainDescription(input('description-set'), 'two\nlines'), 'description-set');
    const tagged = setDomainTags(input('tags-set'), ['web', 'prod', 'web']);
    matches(tagged, 'tags-set');
    expect(readTags(parseXml(tagged).documentElement!)).toEqual(['web', 'prod']);
    expect(invalid(() => setDomainTitle(DOMAIN, 'a\nb'))).toMatch(/one line/);
  });
});
