/**
 * A settings edit from a device card, through the details service on the real QEMU driver
 * (qemu:///system, a shut-off guest from test/fixtures/xml/domain/sound-rng-siblings.xml: four
 * sounds and five RNGs whose siblings are what an edit turns one into): each sound and RNG
 * edited in turn, by the key the page shows, changes that device alone in the XML libvirt returns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  getDomainXml,
  lookupDomainByName,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { applyEdit } from '../../../src/main/services/vmDetails/applyEdit';
import { readVmDetails } from '../../../src/main/services/vmDetails/readDetails';
import { openVm } from '../../../src/main/services/vmDetails/vmXml';
import { canonicalElement } from '../../../src/main/xml/canonicalDiff';
import { devicesNamed } from '../../../src/main/xml/edits/domain/domainOrder';
import { childElements, parseXml } from '../../../src/main/xml/xmlDocument';
import type { DeviceSettingsChange } from '../../../src/shared/api/vmDetailsTypes';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const VM = 'vdk-xmlscope-siblings';

function rootOf(xml: string) {
  const root = parseXml(xml).documentElement;
  if (!root) throw new Error('no root');
  return root;
}

function keysOf(xml: string, name: string): string[] {
  return devicesNamed(rootOf(xml), name).map((el) => canonicalElement(el).key);
}

/** Every device but those of `name`, canonical, in libvirt's order. */
function otherKinds(xml: string, name: string): string[] {
  const devices = childElements(rootOf(xml), 'devices')[0];
  return (devices ? childElements(devices) : [])
    .filter((el) => el.nodeName !== name)
    .map((el) => canonicalElement(el).key);
}

describe('device settings through the details service', () => {
  const host = new LocalHost();
  let conn: LibvirtConnection;
  let uuid: string;

  const undefineOwn = async () => {
    const dom = await lookupDomainByName(conn.rpc, VM).catch(() => null);
    if (dom) await undefineDomain(conn.rpc, dom);
  };
  const config = async () =>
    getDomainXml(
      conn.rpc,
      await lookupDomainByName(conn.rpc, VM),
      virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE | virDomainXMLFlags.VIR_DOMAIN_XML_SECURE,
    );

  beforeAll(async () => {
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await undefineOwn();
    const xml = readFileSync(
      join(process.cwd(), 'test/fixtures/xml/domain/sound-rng-siblings.xml'),
      'utf8',
    ).replace(/<name>[^<]*<\/name>/, `<name>${VM}</name>`);
    uuid = uuidToString((await defineDomain(conn.rpc, xml)).uuid);
  });
  afterAll(async () => {
    if (conn) await undefineOwn();
    await conn?.close();
    await host.close();
  });

  it.each([
    [
      'sound',
      (i: number): DeviceSettingsChange => ({ device: 'sound', model: i % 2 ? 'ich9' : 'ac97' }),
    ],
    [
      'rng',
      (i: number): DeviceSettingsChange => ({
        device: 'rng',
        source: i % 2 ? '/dev/urandom' : '/dev/random',
      }),
    ],
  ] as const)('each %s in turn, and no other device', async (name, settings) => {
    const keys = (await readVmDetails(await openVm(conn.rpc, uuid), uuid)).devices
      .filter((d) => d.element === name)
      .map((d) => d.key);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const [i, key] of keys.entries()) {
      const before = await config();
      const vm = await openVm(conn.rpc, uuid);
      await applyEdit(vm, { kind: 'deviceSettings', key, settings: settings(i) }, uuid);
      const after = await config();
      const was = keysOf(before, name);
      const now = keysOf(after, name);
      expect(now).toHaveLength(was.length);
      // Device i changed (or already had those settings); every sibling is as it was.
      expect(
        now.filter((_, j) => j !== i),
        key,
      ).toEqual(was.filter((_, j) => j !== i));
      expect(otherKinds(after, name), key).toEqual(otherKinds(before, name));
    }
  });
});
