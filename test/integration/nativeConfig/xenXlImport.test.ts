/**
 * xl.cfg import and "Show as xl.cfg" on a xen:///system connection. No Xen host exists here, so
 * this runs against test/support/fakeLibvirtd.ts: a daemon speaking libvirt's RPC that replays
 * recorded replies (test/fixtures/xen/: the wiki's xl.cfg and libvirt's conversion of it; the
 * parse error is the one libvirt's own config parser gives, recorded from the LXC driver, which
 * shares it). Proven: the calls Virtdeck sends (format, config text, flags), the replies and errors
 * decoded, the preview, the define and its refusals. Not proven: the libxl driver's conversion.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import type { DomainRef } from '../../../src/main/libvirt/refs';
import { uuidFromString } from '../../../src/main/libvirt/refs';
import {
  defineNativeXml,
  nativeConfigToXml,
  vmToNative,
} from '../../../src/main/services/nativeConfig/nativeConfig';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import { FakeLibvirtError, startFakeLibvirtd, type FakeLibvirtd } from '../../support/fakeLibvirtd';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'xen', name), 'utf8');
const PV_CFG = fixture('wiki-pv.cfg');
const PV_XML = fixture('wiki-pv.xml');
const HVM_CFG = fixture('wiki-hvm.cfg');
const HVM_XML = fixture('wiki-hvm.xml');
const RECORDED: Record<string, string> = { [PV_CFG]: PV_XML, [HVM_CFG]: HVM_XML };

/** virConf's words for a line that is not `name = value` (libvirt 9.0, recorded). */
const PARSE_ERROR = 'configuration file syntax error: memory conf:1: expecting an assignment';
const VIR_ERR_NO_DOMAIN = 42;
const VIR_ERR_CONF_SYNTAX = 33;
const VIR_FROM_DOM = 6;
const VIR_FROM_CONF = 9;

describe('xen-xl through CONNECT_DOMAIN_XML_FROM/TO_NATIVE (fake daemon, recorded replies)', () => {
  let fake: FakeLibvirtd;
  let conn: LibvirtConnection;
  /** The daemon's defined domains: name -> [ref, XML]. */
  const defined = new Map<string, [DomainRef, string]>();
  const noDomain = () => new FakeLibvirtError(VIR_ERR_NO_DOMAIN, VIR_FROM_DOM, 'Domain not found');
  const byUuid = (uuid: Buffer) =>
    [...defined.values()].find(([ref]) => ref.uuid.equals(uuid)) ?? [];

  beforeAll(async () => {
    fake = await startFakeLibvirtd({
      CONNECT_DOMAIN_XML_FROM_NATIVE: ({ nativeFormat, nativeConfig }) => {
        const xml = nativeFormat === 'xen-xl' ? RECORDED[nativeConfig] : undefined;
        if (xml === undefined)
          throw new FakeLibvirtError(VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF, PARSE_ERROR);
        return { domainXml: xml };
      },
      CONNECT_DOMAIN_XML_TO_NATIVE: ({ nativeFormat, domainXml }) => {
        const cfg = Object.entries(RECORDED).find(([, xml]) => xml === domainXml)?.[0];
        if (nativeFormat !== 'xen-xl' || cfg === undefined) throw noDomain();
        return { nativeConfig: cfg };
      },
      DOMAIN_LOOKUP_BY_NAME: ({ name }) => {
        const found = defined.get(name);
        if (!found) throw noDomain();
        return { dom: found[0] };
      },
      DOMAIN_LOOKUP_BY_UUID: ({ uuid }) => {
        const [ref] = byUuid(uuid);
        if (!ref) throw noDomain();
        return { dom: ref };
      },
      DOMAIN_DEFINE_XML_FLAGS: ({ xml }) => {
        const name = /<name>([^<]*)<\/name>/.exec(xml)?.[1] ?? '';
        const uuid = /<uuid>([^<]*)<\/uuid>/.exec(xml)?.[1] ?? '';
        const dom = { name, uuid: uuidFromString(uuid), id: -1 };
        defined.set(name, [dom, xml]);
        return { dom };
      },
      DOMAIN_GET_INFO: () => ({
        state: 5,
        maxMem: 524288n,
        memory: 524288n,
        nrVirtCpu: 2,
        cpuTime: 0n,
      }),
      DOMAIN_IS_PERSISTENT: () => ({ persistent: 1 }),
      DOMAIN_GET_XML_DESC: ({ dom }) => ({ xml: byUuid(dom.uuid)[1] ?? '' }),
    });
    conn = await LibvirtConnection.open(fake.host, 'xen:///system');
  });
  afterAll(async () => {
    await conn?.close();
    await fake?.stop();
  });

  it('opens xen:///system on the daemon', () => {
    expect(fake.opened).toEqual(['xen:///system']);
  });

  it("previews the wiki's PV and HVM xl.cfg as libvirt's XML, defining nothing", async () => {
    for (const [cfg, xml, name] of [
      [PV_CFG, PV_XML, 'vdk-native-xen-pv'],
      [HVM_CFG, HVM_XML, 'vdk-native-xen-hvm'],
    ] as const) {
      fake.calls.length = 0;
      expect(await nativeConfigToXml(conn, 'xen-xl', { text: cfg })).toEqual({ xml, name });
      // The config reached libvirt byte for byte, in the format asked for.
      expect(fake.calls).toEqual([
        {
          name: 'CONNECT_DOMAIN_XML_FROM_NATIVE',
          args: { nativeFormat: 'xen-xl', nativeConfig: cfg, flags: 0 },
        },
      ]);
    }
    expect(defined.size).toBe(0);
  });

  it("refuses an xl.cfg libvirt cannot parse, with libvirt's words as detail; nothing defined", async () => {
    fake.calls.length = 0;
    const err: unknown = await nativeConfigToXml(conn, 'xen-xl', {
      text: 'this is not ( an xl.cfg\n',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VirtdeckError);
    expect(err).toMatchObject({
      code: 'invalid-input',
      message: 'libvirt cannot read this xen-xl config; nothing was defined',
      detail: PARSE_ERROR,
    });
    expect(fake.calls.map((c) => c.name)).toEqual(['CONNECT_DOMAIN_XML_FROM_NATIVE']);
    expect(defined.size).toBe(0);
  });

  it('defines the preview, refuses it a second time, and shows the VM as xl.cfg', async () => {
    const { xml } = await nativeConfigToXml(conn, 'xen-xl', { text: PV_CFG });
    const vm = await defineNativeXml(conn, xml);
    expect(vm).toEqual({ name: 'vdk-native-xen-pv', uuid: '6c8f0a52-3b5e-4d0e-9a7b-0e2b7d1f5a01' });
    expect(defined.get('vdk-native-xen-pv')?.[1]).toBe(PV_XML);

    fake.calls.length = 0;
    const again: unknown = await defineNativeXml(conn, xml).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(InvalidInputError);
    expect((again as InvalidInputError).fields.xml).toBe(
      'A VM named vdk-native-xen-pv already exists on this connection; nothing was defined',
    );
    expect(fake.calls.map((c) => c.name)).not.toContain('DOMAIN_DEFINE_XML_FLAGS');

    // The same UUID under another name would replace that VM's config: refused too.
    const renamed = xml.replace('<name>vdk-native-xen-pv</name>', '<name>vdk-native other</name>');
    await expect(defineNativeXml(conn, renamed)).rejects.toThrow(
      'A VM named vdk-native-xen-pv already exists',
    );
    expect(defined.size).toBe(1);

    fake.calls.length = 0;
    expect(await vmToNative(conn, vm.uuid, 'xen-xl')).toBe(PV_CFG);
    const toNative = fake.calls.find((c) => c.name === 'CONNECT_DOMAIN_XML_TO_NATIVE');
    expect(toNative?.args).toEqual({ nativeFormat: 'xen-xl', domainXml: PV_XML, flags: 0 });
    // The persistent XML was asked for, without secrets (no VIR_DOMAIN_XML_SECURE).
    const xmlDesc = fake.calls.find((c) => c.name === 'DOMAIN_GET_XML_DESC');
    expect((xmlDesc?.args as { flags: number }).flags).toBe(2);
  });
});
