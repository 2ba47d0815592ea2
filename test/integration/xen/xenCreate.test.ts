/**
 * The New VM wizard's Xen create path (services/xen/createXenGuest.ts, behind `xen.previewXml` and
 * `xen.create`) on a xen:///system connection. No Xen host exists here: this runs against
 * test/support/fakeLibvirtd.ts, a daemon speaking libvirt's RPC that REPLAYS recorded replies. It is
 * not Xen and not libvirt's libxl driver. The host's files are a table answering `test -e/-f/-b/-x`
 * as the real host would (the argv the checks send is kept and asserted).
 *
 * Proven: the checks refuse bad input (missing kernel, relative paths, a missing disk, a qcow2
 * block device, an unknown bridge, a bad MAC, a taken name) before anything is defined; the XML
 * sent to DOMAIN_DEFINE_XML_FLAGS is xenDomain.ts's for PV kernel, PV pygrub and HVM with an
 * install ISO and VNC, and it validates against libvirt's RNG schema (virt-xml-validate); a start
 * the daemon refuses undefines the guest again; the API methods (`xen.hostFacts`, `.previewXml`,
 * `.create`) take the wizard's parameters through their schemas and define the previewed XML.
 * Not proven: that libxl accepts and boots it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkParams } from '../../../src/main/api/checkParams';
import { checkResult } from '../../../src/main/api/checkResult';
import type { HandlerDeps } from '../../../src/main/api/handlers/handlerTypes';
import { xenHandlers } from '../../../src/main/api/handlers/xen';
import type { ExecResult, Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { uuidFromString, type DomainRef } from '../../../src/main/libvirt/refs';
import { createXenGuest, previewXenGuestXml } from '../../../src/main/services/xen/createXenGuest';
import { xenDomainXml } from '../../../src/main/xml/build/xenDomain';
import type { XenGuestOptions } from '../../../src/shared/api/methods/xen';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import { FakeLibvirtError, startFakeLibvirtd, type FakeLibvirtd } from '../../support/fakeLibvirtd';

const VIR_ERR_NO_DOMAIN = 42;
const VIR_FROM_DOM = 6;
const VIR_ERR_INTERNAL_ERROR = 1;
const VIR_FROM_LIBXL = 41;
/** libxl's words when libxenlight refuses a domain (libxl_domain.c), as libvirtd sends them. */
const LIBXL_START_ERROR = "internal error: libxenlight failed to create new domain 'vdk-xen-hvm'";

const UUID = '6c8f0a52-3b5e-4d0e-9a7b-0e2b7d1f5a11';
const MAC = '00:16:3e:8a:1c:11';
const DIR = '/srv/xen/vdk ü';

/** The Xen host's files as `test` sees them. */
const HOST_FILES: Record<string, 'file' | 'dir' | 'block' | 'exec'> = {
  [`${DIR}/vmlinuz`]: 'file',
  [`${DIR}/initrd.img`]: 'file',
  [`${DIR}/disk.img`]: 'file',
  [`${DIR}/debian-12.iso`]: 'file',
  [DIR]: 'dir',
  '/dev/vg0/vdk-xen': 'block',
  '/usr/lib/xen/bin/pygrub': 'exec',
};

/** A host answering only `test FLAG PATH` from HOST_FILES; every argv is kept. */
function probeHost(argvs: string[][]): Host {
  const result = (ok: boolean): ExecResult => ({
    code: ok ? 0 : 1,
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
  });
  return {
    exec: async (argv: readonly string[]) => {
      argvs.push([...argv]);
      const [program, flag, path = ''] = argv;
      if (program !== 'test') return { ...result(false), code: 127 };
      const kind = HOST_FILES[path];
      const ok =
        flag === '-e'
          ? kind !== undefined
          : flag === '-f'
            ? kind === 'file' || kind === 'exec'
            : flag === '-b'
              ? kind === 'block'
              : flag === '-x'
                ? kind === 'exec' || kind === 'dir'
                : flag === '-d' && kind === 'dir';
      return result(ok);
    },
  } as unknown as Host;
}

function validate(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vdk-xen-create ü '));
  try {
    const file = join(dir, 'domain.xml');
    writeFileSync(file, xml);
    const run = spawnSync('virt-xml-validate', [file, 'domain'], { encoding: 'utf8' });
    return run.status === 0 ? `${run.stdout}${run.stderr}` : `failed: ${run.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const base = (patch: Partial<XenGuestOptions>): XenGuestOptions => ({
  connectionId: 'xen',
  kind: 'pv-kernel',
  name: 'vdk-xen-pv',
  kernel: undefined,
  initrd: undefined,
  cmdline: undefined,
  bootloader: undefined,
  iso: undefined,
  memoryMiB: 512,
  vcpus: 2,
  disk: `${DIR}/disk.img`,
  diskFormat: 'raw',
  network: { kind: 'bridge', name: 'xenbr0', mac: MAC },
  start: false,
  uuid: UUID,
  ...patch,
});

describe('Xen create through DOMAIN_DEFINE_XML_FLAGS (fake daemon replaying replies; not Xen)', () => {
  let fake: FakeLibvirtd;
  let conn: LibvirtConnection;
  let argvs: string[][];
  let host: Host;
  /** The daemon's defined domains: name -> [ref, XML]. */
  const defined = new Map<string, [DomainRef, string]>();
  const noDomain = () => new FakeLibvirtError(VIR_ERR_NO_DOMAIN, VIR_FROM_DOM, 'Domain not found');
  const defines = () => fake.calls.filter((c) => c.name === 'DOMAIN_DEFINE_XML_FLAGS');

  beforeAll(async () => {
    fake = await startFakeLibvirtd({
      NODE_GET_INFO: () => ({
        model: Array.from('x86_64'.padEnd(32, '\0'), (c) => c.charCodeAt(0)),
        memory: 8n * 1024n * 1024n,
        cpus: 4,
        mhz: 2400,
        nodes: 1,
        sockets: 1,
        cores: 4,
        threads: 1,
      }),
      CONNECT_LIST_ALL_INTERFACES: () => ({
        ifaces: [
          { name: 'xenbr0', mac: '52:54:00:aa:bb:01' },
          { name: 'eth0', mac: '52:54:00:aa:bb:01' },
        ],
        ret: 2,
      }),
      INTERFACE_GET_XML_DESC: ({ iface }) => ({
        xml:
          iface.name === 'xenbr0'
            ? "<interface type='bridge' name='xenbr0'><bridge><interface type='ethernet' name='eth0'/></bridge></interface>"
            : "<interface type='ethernet' name='eth0'/>",
      }),
      DOMAIN_LOOKUP_BY_NAME: ({ name }) => {
        const found = defined.get(name);
        if (!found) throw noDomain();
        return { dom: found[0] };
      },
      DOMAIN_DEFINE_XML_FLAGS: ({ xml }) => {
        const name = /<name>([^<]*)<\/name>/.exec(xml)?.[1] ?? '';
        const uuid = /<uuid>([^<]*)<\/uuid>/.exec(xml)?.[1] ?? '';
        const dom = { name, uuid: uuidFromString(uuid), id: -1 };
        defined.set(name, [dom, xml]);
        return { dom };
      },
      DOMAIN_CREATE_WITH_FLAGS: () => {
        throw new FakeLibvirtError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LIBXL, LIBXL_START_ERROR);
      },
      DOMAIN_UNDEFINE_FLAGS: ({ dom }) => {
        defined.delete(dom.name);
        return null;
      },
    });
    conn = await LibvirtConnection.open(fake.host, 'xen:///system');
  });
  afterAll(async () => {
    await conn?.close();
    await fake?.stop();
  });
  beforeEach(() => {
    argvs = [];
    host = probeHost(argvs);
    fake.calls.length = 0;
  });

  it('defines a PV guest booting a kernel from the host, as xenDomain.ts builds it', async () => {
    const options = base({
      kernel: `${DIR}/vmlinuz`,
      initrd: `${DIR}/initrd.img`,
      cmdline: 'root=/dev/xvda1 ro console=hvc0',
    });
    expect(await createXenGuest(host, conn, options)).toEqual({
      name: 'vdk-xen-pv',
      uuid: UUID,
    });
    const want = xenDomainXml({
      name: 'vdk-xen-pv',
      uuid: UUID,
      memoryMiB: 512,
      vcpus: 2,
      boot: {
        kind: 'pv-kernel',
        kernel: `${DIR}/vmlinuz`,
        initrd: `${DIR}/initrd.img`,
        cmdline: 'root=/dev/xvda1 ro console=hvc0',
      },
      disks: [{ source: { file: `${DIR}/disk.img` }, format: 'raw', target: 'xvda' }],
      nics: [{ bridge: 'xenbr0', mac: MAC }],
    });
    // Flag 1: VIR_DOMAIN_DEFINE_VALIDATE, libvirt checks the XML against its schema too.
    expect(defines()).toEqual([{ name: 'DOMAIN_DEFINE_XML_FLAGS', args: { xml: want, flags: 1 } }]);
    expect(want).toContain(`<kernel>${DIR}/vmlinuz</kernel>`);
    expect(validate(want)).toMatch(/validates/);
    // The kernel and initrd were asked of the host as files, the disk as an image or a device.
    expect(argvs).toEqual(
      expect.arrayContaining([
        ['test', '-f', `${DIR}/vmlinuz`],
        ['test', '-f', `${DIR}/initrd.img`],
        ['test', '-e', `${DIR}/disk.img`],
        ['test', '-b', `${DIR}/disk.img`],
      ]),
    );
    // Not started: no start was asked for.
    expect(fake.calls.map((c) => c.name)).not.toContain('DOMAIN_CREATE_WITH_FLAGS');
  });

  it('defines a PV guest booting through pygrub from an LVM volume (phy backend)', async () => {
    const options = base({
      kind: 'pv-bootloader',
      name: 'vdk-xen-pygrub',
      disk: '/dev/vg0/vdk-xen',
      network: { kind: 'none' },
    });
    const { xml } = await previewXenGuestXml(host, conn, options);
    expect(defines()).toEqual([]);
    expect(xml).toContain('<bootloader>pygrub</bootloader>');
    expect(xml).toContain('<source dev="/dev/vg0/vdk-xen"/>');
    expect(xml).toContain('<driver name="phy" type="raw"/>');
    expect(xml).not.toContain('<interface');
    expect(validate(xml)).toMatch(/validates/);
    // A bootloader given as a path must be an executable there.
    await createXenGuest(host, conn, { ...options, bootloader: '/usr/lib/xen/bin/pygrub' });
    expect((defines()[0]?.args as { xml: string }).xml).toContain(
      '<bootloader>/usr/lib/xen/bin/pygrub</bootloader>',
    );
  });

  it('defines an HVM guest installing from an ISO with VNC; a refused start undefines it', async () => {
    const options = base({
      kind: 'hvm',
      name: 'vdk-xen-hvm',
      memoryMiB: 2048,
      iso: `${DIR}/debian-12.iso`,
      diskFormat: 'qcow2',
      start: true,
    });
    const { xml } = await previewXenGuestXml(host, conn, options);
    expect(xml).toContain('<type arch="x86_64" machine="xenfv">hvm</type>');
    expect(xml).toMatch(/<boot dev="hd"\/>\s*<boot dev="cdrom"\/>/);
    expect(xml).toContain(`<source file="${DIR}/debian-12.iso"/>`);
    expect(xml).toContain('<target dev="hdc" bus="ide"/>');
    expect(xml).toContain('<driver name="qemu" type="qcow2"/>');
    expect(xml).toMatch(/<graphics type="vnc"[^>]*>\s*<listen type="address" address="127.0.0.1"/);
    expect(validate(xml)).toMatch(/validates/);

    const err: unknown = await createXenGuest(host, conn, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VirtdeckError);
    expect(err).toMatchObject({
      message: 'The guest was defined but could not start, so it was removed again',
      detail: LIBXL_START_ERROR,
    });
    expect(fake.calls.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'DOMAIN_DEFINE_XML_FLAGS',
        'DOMAIN_CREATE_WITH_FLAGS',
        'DOMAIN_UNDEFINE_FLAGS',
      ]),
    );
    expect((defines()[0]?.args as { xml: string }).xml).toBe(xml);
    expect(defined.has('vdk-xen-hvm')).toBe(false);
  });

  it('refuses bad input field by field before anything is defined', async () => {
    const cases: [Partial<XenGuestOptions>, Record<string, string>][] = [
      [
        { name: '', kernel: undefined, disk: '' },
        {
          name: 'Give the guest a name',
          kernel: "Give the path of the guest's kernel on the Xen host",
          disk: "Give the guest's disk: an image file or a block device on the host",
        },
      ],
      [
        { kernel: 'boot/vmlinuz', initrd: `${DIR}/nope.img`, disk: `${DIR}/missing.img` },
        {
          kernel: 'boot/vmlinuz is not an absolute path on the host',
          initrd: `${DIR}/nope.img is not a file on the host (or the connecting user cannot see it)`,
          disk: `${DIR}/missing.img does not exist on the host (or the connecting user cannot see it)`,
        },
      ],
      [
        { kind: 'hvm', memoryMiB: 16384, vcpus: 8 },
        {
          iso: 'Give the path of the installer ISO on the Xen host',
          memoryMiB: 'Memory must be a whole number of MiB from 32 to 8192',
          vcpus: 'vCPUs must be a whole number from 1 to 4',
        },
      ],
      [
        {
          kind: 'pv-bootloader',
          bootloader: '/usr/bin/nope',
          disk: '/dev/vg0/vdk-xen',
          diskFormat: 'qcow2',
          network: { kind: 'bridge', name: 'br9', mac: '01:00:5e:00:00:01' },
        },
        {
          bootloader: '/usr/bin/nope is not an executable file on the host',
          disk: '/dev/vg0/vdk-xen is a block device: its format is raw',
          'network.name': 'The host has no bridge named br9',
          'network.mac': '"01:00:5e:00:00:01" is not a unicast MAC address (aa:bb:cc:dd:ee:ff)',
        },
      ],
      [
        { kernel: `${DIR}/vmlinuz`, disk: DIR, network: { kind: 'bridge', name: '', mac: MAC } },
        {
          disk: `${DIR} is neither an image file nor a block device`,
          'network.name': "Choose the bridge the guest's network card joins",
        },
      ],
    ];
    for (const [patch, fields] of cases) {
      const options = base({ name: 'vdk-xen-refused', ...patch });
      const err: unknown = await createXenGuest(host, conn, options).catch((e: unknown) => e);
      expect(err, JSON.stringify(patch)).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).fields, JSON.stringify(patch)).toEqual(fields);
    }
    expect(defines()).toEqual([]);
  });

  it("answers the API methods: the wizard's parameters checked, previewed, then defined as shown", async () => {
    const deps = {
      sessions: { get: () => ({ libvirt: () => ({ host, rpc: conn.rpc, connection: conn }) }) },
    } as unknown as HandlerDeps;
    const handlers = xenHandlers(deps);
    const facts = await handlers['xen.hostFacts'](
      checkParams('xen.hostFacts', { connectionId: 'xen' }),
    );
    checkResult('xen.hostFacts', facts);
    expect(facts).toMatchObject({ memoryMiB: 8192, cpus: 4, bridges: ['xenbr0'] });
    expect(facts.mac).toMatch(/^00:16:3e(:[0-9a-f]{2}){3}$/);
    // What the wizard sends (xenForm.ts): texts as typed, the other kinds' fields absent.
    const sentByWizard = {
      connectionId: 'xen',
      kind: 'pv-kernel',
      name: 'vdk-xen-api',
      kernel: `${DIR}/vmlinuz`,
      initrd: undefined,
      cmdline: undefined,
      bootloader: undefined,
      iso: undefined,
      memoryMiB: 256,
      vcpus: 1,
      disk: `${DIR}/disk.img`,
      diskFormat: 'raw',
      network: { kind: 'bridge', name: 'xenbr0', mac: facts.mac },
      start: false,
    };
    const preview = await handlers['xen.previewXml'](checkParams('xen.previewXml', sentByWizard));
    checkResult('xen.previewXml', preview);
    expect(defines()).toEqual([]);
    expect(preview.xml).toContain(`<uuid>${preview.uuid}</uuid>`);
    const made = await handlers['xen.create'](
      checkParams('xen.create', { ...sentByWizard, uuid: preview.uuid }),
    );
    checkResult('xen.create', made);
    expect(made).toEqual({ name: 'vdk-xen-api', uuid: preview.uuid });
    expect((defines()[0]?.args as { xml: string }).xml).toBe(preview.xml);
    // A UUID that is not one is refused where the call enters.
    expect(() => checkParams('xen.create', { ...sentByWizard, uuid: 'nope' })).toThrow(
      InvalidInputError,
    );
  });

  it('refuses a name a VM has, and a connection that is not Xen', async () => {
    const options = base({ kernel: `${DIR}/vmlinuz`, name: 'vdk-xen-taken' });
    await createXenGuest(host, conn, options);
    fake.calls.length = 0;
    await expect(createXenGuest(host, conn, options)).rejects.toThrow(
      'A VM named "vdk-xen-taken" already exists on this host',
    );
    expect(defines()).toEqual([]);

    const qemu = await LibvirtConnection.open(fake.host, 'qemu:///system');
    try {
      await expect(previewXenGuestXml(host, qemu, options)).rejects.toThrow(
        "This connection is not to libvirt's Xen driver (xen:///)",
      );
    } finally {
      await qemu.close();
    }
  });
});
