/**
 * Device edits on the hand-written many-device guests (test/fixtures/xml/domain), defined on
 * libvirt's test driver with schema validation: each registered device edit, applied to each
 * device of its kind in turn, gives XML libvirt takes, and in the XML libvirt returns one device
 * of that kind differs from the unedited guest's (or, for a removal, one is gone), no other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { LibvirtError } from '../../../src/main/libvirt/rpc/errors';
import {
  defineDomain,
  getDomainXml,
  lookupDomainByName,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { canonicalElement } from '../../../src/main/xml/canonicalDiff';
import { childElements, parseXml } from '../../../src/main/xml/xmlDocument';
import { devicesNamed } from '../../../src/main/xml/edits/domain/domainOrder';
import { XML_EDITS } from '../../../src/main/xml/edits/registry';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const NAME = 'vdk-xmlscope-devices';
/** Not watchdogs.xml: libvirt 9.0 takes one watchdog only. */
const FIXTURES = ['many-devices.xml', 'sound-rng-siblings.xml'];

function fixture(file: string): string {
  return readFileSync(join(process.cwd(), 'test/fixtures/xml/domain', file), 'utf8').replace(
    /<name>[^<]*<\/name>/,
    `<name>${NAME}</name>`,
  );
}

function rootOf(xml: string) {
  const root = parseXml(xml).documentElement;
  if (!root) throw new Error('no root');
  return root;
}

/**
 * Every device of the domain as libvirt returns it: its name and canonical form, in order. Left
 * out is what libvirt derives from the devices' places: a serial console is its copy of the first
 * serial port, the first video is the primary one, and the test driver names each NIC's tap by
 * its position (<target dev='testnet2'/>); removing the first of them changes the others there.
 */
function devicesOf(xml: string): { name: string; key: string }[] {
  const devices = childElements(rootOf(xml), 'devices')[0];
  const own = (el: Element) =>
    !(
      el.nodeName === 'console' && childElements(el, 'target')[0]?.getAttribute('type') === 'serial'
    );
  return (devices ? childElements(devices) : []).filter(own).map((el) => {
    for (const m of el.nodeName === 'video' ? childElements(el, 'model') : []) {
      m.removeAttribute('primary');
    }
    for (const t of el.nodeName === 'interface' ? childElements(el, 'target') : []) {
      if (/^testnet\d+$/.test(t.getAttribute('dev') ?? '')) el.removeChild(t);
    }
    return { name: el.nodeName, key: canonicalElement(el).key };
  });
}

/** The devices of `a` left once each of `b`'s is matched with an equal one of `a`. */
function without(
  a: readonly { name: string; key: string }[],
  b: readonly { name: string; key: string }[],
) {
  const rest = [...a];
  for (const d of b) {
    const i = rest.findIndex((r) => r.key === d.key);
    if (i >= 0) rest.splice(i, 1);
  }
  return rest;
}

describe('device edits defined on the test driver', () => {
  const host = new LocalHost();
  let conn: LibvirtConnection;

  const undefineOwn = async () => {
    const dom = await lookupDomainByName(conn.rpc, NAME).catch(() => null);
    if (dom) await undefineDomain(conn.rpc, dom);
  };
  /** Defines `xml` with validation and returns libvirt's XML of it. */
  const define = async (xml: string) => {
    await undefineOwn();
    const dom = await defineDomain(conn.rpc, xml);
    return getDomainXml(
      conn.rpc,
      dom,
      virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE | virDomainXMLFlags.VIR_DOMAIN_XML_SECURE,
    );
  };

  beforeAll(async () => {
    conn = await LibvirtConnection.open(host, 'test:///default');
  });
  afterAll(async () => {
    if (conn) await undefineOwn();
    await conn?.close();
    await host.close();
  });

  it.each(FIXTURES)(
    '%s: each device edit changes that device alone',
    async (file) => {
      const xml = fixture(file);
      const before = devicesOf(await define(xml));
      const root = rootOf(xml);
      let runs = 0;
      for (const edit of XML_EDITS.filter((e) => e.target && e.applies(root))) {
        const target = edit.target;
        if (!target) continue;
        const kind = devicesNamed(root, target.device).length;
        for (let index = 0; index < kind; index++) {
          const edited = target.applyAt(xml, rootOf(xml), index);
          if (edited === undefined) continue;
          runs++;
          const what = `${edit.id} on ${target.device} #${index}`;
          const defined = await define(edited).catch((err: unknown) => err);
          if (edit.id === 'domain.controller.remove' && defined instanceof LibvirtError) {
            // The USB controller taken from under the USB devices: libvirt refuses, rightly,
            // and the app shows its message. Nothing else may be refused.
            expect(defined.message, what).toMatch(/USB is disabled/);
            continue;
          }
          if (typeof defined !== 'string') throw defined;
          const after = devicesOf(defined);
          // libvirt sorts disks and controllers as it formats them: compared as multisets.
          const gone = without(before, after).map((d) => d.name);
          const came = without(after, before).map((d) => d.name);
          // A removed device libvirt adds back as it was (an implicit SATA or PCI controller,
          // the serial console) leaves no difference; anything else is the one device.
          expect(gone, what).toEqual(target.removes && gone.length === 0 ? [] : [target.device]);
          expect(came, what).toEqual(target.removes ? [] : [target.device]);
        }
      }
      expect(runs).toBeGreaterThan(file === 'many-devices.xml' ? 80 : 10);
    },
    300_000,
  );
});
