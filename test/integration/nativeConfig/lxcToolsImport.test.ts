/**
 * lxc-tools import on libvirt's REAL LXC driver (lxc:///system), locally and over SSH (the config
 * read from the host through SFTP): a config with a veth on br0 and a rootfs path becomes the XML
 * the handbook's container needs (rootfs mounted at /, a bridge NIC on br0 with its MAC, the
 * memory limit), nothing defined until asked; a config libvirt cannot parse, an empty one and a
 * path that is not there get a clear message and nothing is defined; defining the preview twice is
 * refused the second time; the LXC driver has no to-native, which is said plainly.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  getDomainXml,
  listAllDomains,
  lookupDomainByName,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { undefinedIfNotFound } from '../../../src/main/libvirt/rpc/errors';
import {
  defineNativeXml,
  nativeConfigToXml,
  vmToNative,
} from '../../../src/main/services/nativeConfig/nativeConfig';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import { transports } from '../../support/transports';

const NAME = `native-lxc ü 'q' $(x);`;
const ROOTFS = '/var/lib/lxc/native-lxc ü/rootfs';
const MAC = '00:16:3e:5a:7e:01';
const CONFIG = [
  '# As lxc-create -t debian writes it, with a veth on the handbook bridge',
  `lxc.uts.name = ${NAME}`,
  `lxc.rootfs.path = ${ROOTFS}`,
  'lxc.cgroup.memory.limit_in_bytes = 268435456',
  'lxc.net.0.type = veth',
  'lxc.net.0.link = br0',
  'lxc.net.0.flags = up',
  `lxc.net.0.hwaddr = ${MAC}`,
  '',
].join('\n');

const [local, ssh] = transports();

describe.each([local, ssh])('lxc-tools import on lxc:///system ($name)', (transport) => {
  const host = transport!.makeHost();
  let conn: LibvirtConnection;
  let dir: string;
  const domainNames = async () => (await listAllDomains(conn.rpc)).map((d) => d.name).sort();
  const removeOurs = async () => {
    const dom = await lookupDomainByName(conn.rpc, NAME).catch(undefinedIfNotFound);
    if (dom) await undefineDomain(conn.rpc, dom);
  };

  beforeAll(async () => {
    conn = await LibvirtConnection.open(host, 'lxc:///system');
    await removeOurs();
    dir = mkdtempSync(join(tmpdir(), 'native-lxc ü '));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'config'), CONFIG, { mode: 0o644 });
    writeFileSync(join(dir, 'garbage'), 'lxc.rootfs.path\n((( = \n', { mode: 0o644 });
  });
  afterAll(async () => {
    try {
      await removeOurs();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await conn.close();
      await host.close();
    }
  });

  const expectHandbookContainer = (xml: string) => {
    const root = parseXml(xml).documentElement!;
    expect(attribute(root, 'type')).toBe('lxc');
    expect(firstChild(root, 'name')?.textContent).toBe(NAME);
    expect(firstChild(root, 'memory')?.textContent).toBe('262144');
    expect(attribute(firstChild(root, 'memory'), 'unit')).toBe('KiB');
    const devices = firstChild(root, 'devices')!;
    const [fs, ...otherFs] = childElements(devices, 'filesystem');
    expect(otherFs).toEqual([]);
    expect(attribute(fs, 'type')).toBe('mount');
    expect(attribute(firstChild(fs!, 'source'), 'dir')).toBe(ROOTFS);
    expect(attribute(firstChild(fs!, 'target'), 'dir')).toBe('/');
    const [nic, ...otherNics] = childElements(devices, 'interface');
    expect(otherNics).toEqual([]);
    expect(attribute(nic, 'type')).toBe('bridge');
    expect(attribute(firstChild(nic!, 'source'), 'bridge')).toBe('br0');
    expect(attribute(firstChild(nic!, 'mac'), 'address')).toBe(MAC);
  };

  it('converts a pasted config to the expected XML and defines nothing', async () => {
    const before = await domainNames();
    const preview = await nativeConfigToXml(conn, 'lxc-tools', { text: CONFIG });
    expect(preview.name).toBe(NAME);
    expectHandbookContainer(preview.xml);
    expect(await domainNames()).toEqual(before);
  });

  it('reads the config from the host path, as /var/lib/lxc/NAME/config', async () => {
    const preview = await nativeConfigToXml(conn, 'lxc-tools', {
      hostPath: join(dir, 'config'),
    });
    expectHandbookContainer(preview.xml);
  });

  it('refuses a config libvirt cannot parse with its words as the detail; nothing defined', async () => {
    const before = await domainNames();
    for (const source of [
      { text: 'lxc.rootfs.path\n((( = \n' },
      { hostPath: join(dir, 'garbage') },
    ]) {
      const err: unknown = await nativeConfigToXml(conn, 'lxc-tools', source).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(VirtdeckError);
      const refused = err as VirtdeckError;
      expect(refused.code).toBe('invalid-input');
      expect(refused.message).toBe(
        'libvirt cannot read this lxc-tools config; nothing was defined',
      );
      expect(refused.detail).toMatch(/expecting an assignment|syntax error/i);
    }
    expect(await domainNames()).toEqual(before);
  });

  it('names the field for an empty config, a missing file and a directory', async () => {
    const cases = [
      [{ text: '  \n' }, 'source.text', /The config is empty/],
      [{ hostPath: join(dir, 'absent') }, 'source.hostPath', /absent cannot be read on the host/],
      [{ hostPath: dir }, 'source.hostPath', /is not a file/],
      [{ hostPath: 'relative/config' }, 'source.hostPath', /not an absolute path/],
    ] as const;
    for (const [source, field, said] of cases) {
      const err: unknown = await nativeConfigToXml(conn, 'lxc-tools', source).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).fields[field]).toMatch(said);
    }
  });

  it('refuses a format the LXC driver does not read', async () => {
    await expect(nativeConfigToXml(conn, 'xen-xl', { text: 'name = "x"\n' })).rejects.toThrow(
      'A lxc connection cannot import xen-xl configs',
    );
  });

  it('defines the previewed XML once; a second define is refused and changes nothing', async () => {
    const { xml } = await nativeConfigToXml(conn, 'lxc-tools', { text: CONFIG });
    const defined = await defineNativeXml(conn, xml);
    expect(defined.name).toBe(NAME);
    const stored = await getDomainXml(conn.rpc, await lookupDomainByName(conn.rpc, NAME));
    expectHandbookContainer(stored);
    // Same name, new UUID (libvirt makes one per conversion): refused before libvirt is asked.
    const again = await nativeConfigToXml(conn, 'lxc-tools', { text: CONFIG });
    await expect(defineNativeXml(conn, again.xml)).rejects.toThrow(
      `A VM named ${NAME} already exists on this connection; nothing was defined`,
    );
    expect(await getDomainXml(conn.rpc, await lookupDomainByName(conn.rpc, NAME))).toBe(stored);

    // The LXC driver has no domxml-to-native: said, not attempted.
    await expect(vmToNative(conn, defined.uuid, 'lxc-tools')).rejects.toMatchObject({
      code: 'not-supported',
      message: 'A lxc connection cannot show a VM as lxc-tools',
    });
    await removeOurs();
  });
});
