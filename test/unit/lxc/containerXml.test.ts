/**
 * A new container's XML (the idmap of an unprivileged container: the host's range, or the ranges
 * typed in the wizard) and the checks of those ranges (each bad value refused on its field before
 * anything is defined), with a host and a libvirt that answer nothing but "yes".
 */
import { describe, expect, it } from 'vitest';
import type { ContainerHostFacts, ContainerOptions } from '../../../src/shared/api/methods/lxc';
import { InvalidInputError } from '../../../src/shared/errors';
import { englishText, type Message } from '../../../src/shared/messages/message';
import type { Host } from '../../../src/main/hosts/host';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { checkContainer } from '../../../src/main/services/lxc/containerChecks';
import { containerXml } from '../../../src/main/services/lxc/containerXml';
import { aptMirror, osCodename } from '../../../src/main/services/lxc/aptSources';

const HOST_RANGES = {
  uid: { start: 100000, count: 65536 },
  gid: { start: 200000, count: 65536 },
};

const base: ContainerOptions = {
  connectionId: 'c',
  kind: 'app',
  name: `web "$(x)"; ü`,
  rootfs: undefined,
  init: '/bin/sh',
  initArgs: [],
  memoryMiB: 64,
  vcpus: 1,
  network: { kind: 'bridge', name: 'br0', mac: '52:54:00:AB:CD:EF' },
  idmap: true,
  start: false,
};

const facts: ContainerHostFacts = {
  memoryMiB: 4096,
  cpus: 2,
  networks: ['default'],
  bridges: ['br0'],
  idmap: HOST_RANGES,
  lxcCreate: false,
  debootstrap: true,
  root: true,
  mac: '52:54:00:00:00:01',
};

/** A host where every `test` succeeds and no path is a link; a libvirt that knows no domain. */
const host = {
  exec: async (argv: readonly string[]) => ({
    code: argv[0] === 'readlink' ? 1 : 0,
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
  }),
} as unknown as Host;
const rpc = { call: async () => Promise.reject(new Error('no domain')) } as unknown as RpcClient;

async function fieldsOf(options: ContainerOptions): Promise<Record<string, string>> {
  const err = await checkContainer(host, rpc, facts, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err === undefined) return {};
  expect(err).toBeInstanceOf(InvalidInputError);
  const texts = (err as InvalidInputError).fieldTexts;
  return Object.fromEntries(
    Object.entries(texts).map(([field, m]: [string, Message]) => [field, englishText(m)]),
  );
}

describe('container XML', () => {
  it("maps the container's root to the host's subordinate range when no ranges are typed", () => {
    const xml = containerXml(base, HOST_RANGES);
    expect(xml).toContain(
      [
        '  <idmap>',
        '    <uid start="0" target="100000" count="65536"/>',
        '    <gid start="0" target="200000" count="65536"/>',
        '  </idmap>',
      ].join('\n'),
    );
    expect(xml).toContain('<mac address="52:54:00:ab:cd:ef"/>');
    expect(xml).toContain('<interface type="bridge">');
    expect(xml).toContain('<name>web "$(x)"; ü</name>');
  });

  it('uses the ranges typed in the wizard, and none without idmap', () => {
    const ranges = {
      uid: { start: 0, target: 300000, count: 1000 },
      gid: { start: 0, target: 400000, count: 2000 },
    };
    const xml = containerXml({ ...base, idmapRanges: ranges }, HOST_RANGES);
    expect(xml).toContain('<uid start="0" target="300000" count="1000"/>');
    expect(xml).toContain('<gid start="0" target="400000" count="2000"/>');
    expect(containerXml({ ...base, idmap: false, idmapRanges: ranges }, HOST_RANGES)).not.toContain(
      'idmap',
    );
  });
});

describe('idmap checks', () => {
  const ok = { start: 0, target: 100000, count: 65536 };

  it('accepts good ranges', async () => {
    expect(await fieldsOf({ ...base, idmapRanges: { uid: ok, gid: ok } })).toEqual({});
  });

  it('refuses each bad value on its own field, in words', async () => {
    const fields = await fieldsOf({
      ...base,
      idmapRanges: {
        uid: { start: 5, target: -1, count: 0 },
        gid: { start: 0, target: 4294967000, count: Number.NaN },
      },
    });
    expect(fields).toEqual({
      'idmap.uid.start': "Must be 0: the container's root (id 0) has to be mapped",
      'idmap.uid.target': 'Must be a whole number from 0 to 4294967295',
      'idmap.uid.count': 'Must be a whole number from 1 to 4294967295',
      'idmap.gid.count': 'Must be a whole number from 1 to 4294967295',
    });
    const tooLong = await fieldsOf({
      ...base,
      idmapRanges: { uid: ok, gid: { start: 0, target: 4294967000, count: 65536 } },
    });
    expect(tooLong).toEqual({
      'idmap.gid.count': 'The range goes past the largest id (4294967295)',
    });
    const fraction = await fieldsOf({
      ...base,
      idmapRanges: { uid: { ...ok, target: 1.5 }, gid: ok },
    });
    expect(Object.keys(fraction)).toEqual(['idmap.uid.target']);
  });

  it('refuses an idmap on a host without user namespaces', async () => {
    const { idmap: _none, ...noUserns } = facts;
    const err = await checkContainer(host, rpc, noUserns, base).catch((e: unknown) => e);
    expect((err as InvalidInputError).fields).toHaveProperty('idmap');
  });
});

describe("the host's apt sources", () => {
  it('finds the first archive, one-line or deb822, leaving out security', () => {
    expect(
      aptMirror(
        [
          'Types: deb',
          'URIs: http://deb.debian.org/debian-security',
          '',
          'Types: deb',
          'URIs: http://deb.debian.org/debian/',
          'Suites: bookworm bookworm-updates',
        ].join('\n'),
      ),
    ).toBe('http://deb.debian.org/debian');
    expect(
      aptMirror('# deb http://old/\ndeb [arch=amd64] https://mirror.example/debian trixie main'),
    ).toBe('https://mirror.example/debian');
    expect(aptMirror('deb cdrom:[Debian]/ bookworm main')).toBeUndefined();
    expect(osCodename('ID=debian\nVERSION_CODENAME=bookworm\n')).toBe('bookworm');
  });
});
