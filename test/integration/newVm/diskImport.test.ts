/**
 * "Import existing disk" with foreign images, locally (root: qemu-img reads everything, pool
 * volumes go through libvirt's convert) and over SSH as the test user (who cannot read the pool's
 * files: libvirt's probe detects them; a file outside any pool is converted by qemu-img as that
 * user). Each import makes a qcow2 volume holding the original's bytes, and leaves the original
 * as it was.
 */
import { readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { getDomainXml, lookupDomainByName } from '../../../src/main/libvirt/domain';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import {
  getVolumeXml,
  listVolumes,
  lookupVolumeByPath,
} from '../../../src/main/libvirt/storageVolume';
import { diskImageInfo } from '../../../src/main/services/newVm/sources/diskImport';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { readVolumeXml } from '../../../src/main/xml/build/storageVolumeXml';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { InvalidInputError } from '../../../src/shared/errors';
import { modernTransport, transports } from '../../support/transports';
import { createQcow2, xmlEscape } from '../../support/libvirtFixtures';
import { definePool, undefinePool } from '../../../src/main/libvirt/storagePool';
import {
  FOREIGN_FORMATS,
  PREFIX,
  closeImportEnv,
  foreignImage,
  importOptions,
  importVm,
  join,
  openImportEnv,
  patternQcow2,
  qemuImgFormat,
  refreshTempPool,
  sameGuestBytes,
  sha256,
  type ImportEnv,
} from './diskImportFixtures';

/** The domain's disk sources and driver types, from its saved XML. */
async function diskOf(env: ImportEnv, name: string) {
  const dom = await lookupDomainByName(env.rpc, name);
  const xml = await getDomainXml(env.rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
  const devices = firstChild(parseXml(xml).documentElement as Element, 'devices') as Element;
  const disks = childElements(devices, 'disk').filter((d) => attribute(d, 'device') === 'disk');
  expect(disks).toHaveLength(1);
  const disk = disks[0] as Element;
  return {
    path: attribute(firstChild(disk, 'source'), 'file') ?? '',
    type: attribute(firstChild(disk, 'driver'), 'type'),
  };
}

// Local root and SSH with virt-ssh-helper (the third transport reaches the same daemon
// otherwise), and the modern host (libvirt 11.3, which names VHDX no better than 9.0).
describe.each([...transports().slice(0, 2), modernTransport()])(
  'import a foreign disk over $name',
  (transport) => {
    let env: ImportEnv;
    const overSsh = transport.name !== 'local socket';
    const tag = overSsh ? (transport.name.startsWith('ssh') ? 'ssh' : 'modern') : 'local';
    const base = () => env.local(join(env.outside, 'base ü.qcow2'));

    beforeAll(async () => {
      env = await openImportEnv(transport, tag);
      patternQcow2(base());
    });
    afterAll(() => closeImportEnv(env));

    it.each(FOREIGN_FORMATS)(
      'a %s volume in a pool becomes a qcow2 volume with its bytes',
      async (format) => {
        const original = join(env.pool.path, `disk '${format}' ü.${format}`);
        foreignImage(base(), format, env.local(original));
        await refreshTempPool(env);
        const before = sha256(env.local(original));
        const info = await diskImageInfo(env.host, env.rpc, original);
        expect(info).toMatchObject({ format, needsConversion: true });
        // The SSH user cannot read the pool's 0600 files: libvirt's probe speaks for them.
        expect(info.detectedBy).toBe(overSsh ? 'libvirt' : 'qemu-img');
        const name = `${PREFIX}${tag} ${format} $(x); ü`;
        const options = importOptions(name, original, env.pool.pool.name);
        if (overSsh && format === 'vhdx') {
          // libvirt 9.0 reads VHDX as raw and the SSH user cannot read it for qemu-img.
          const err = await startCreateVm(env.host, env.rpc, env.jobs, options).catch(
            (e: unknown) => e,
          );
          expect((err as InvalidInputError).fields?.['source.path']).toMatch(
            /is a VHDX image, which libvirt on this host cannot convert, and the SSH user cannot read it/,
          );
          return;
        }
        await importVm(env, options);
        const disk = await diskOf(env, name);
        expect(disk.type).toBe('qcow2');
        expect(disk.path).not.toBe(original);
        const vol = await lookupVolumeByPath(env.rpc, disk.path);
        expect(readVolumeXml(await getVolumeXml(env.rpc, vol)).format).toBe('qcow2');
        expect(qemuImgFormat(env.local(disk.path))).toBe('qcow2');
        expect(sameGuestBytes(base(), env.local(disk.path))).toBe(true);
        expect(sha256(env.local(original))).toBe(before);
        // The step the user saw, with its bytes.
        const step = `Convert disk '${format}' ü.${format}`;
        expect(env.events.some((e) => e.step === step)).toBe(true);
      },
    );

    it.each(FOREIGN_FORMATS)(
      'a %s file outside any pool: converted by qemu-img as the SSH user, into the pool',
      async (format) => {
        const original = join(env.outside, `outside ü.${format}`);
        foreignImage(base(), format, env.local(original), 0o644);
        const before = sha256(env.local(original));
        const info = await diskImageInfo(env.host, env.rpc, original);
        expect(info).toMatchObject({ format, needsConversion: true, detectedBy: 'qemu-img' });
        const name = `${PREFIX}${tag} outside ${format}`;
        await importVm(env, importOptions(name, original, env.pool.pool.name));
        const disk = await diskOf(env, name);
        expect(disk.type).toBe('qcow2');
        expect(disk.path.startsWith(`${env.pool.path}/`)).toBe(true);
        expect(qemuImgFormat(env.local(disk.path))).toBe('qcow2');
        expect(sameGuestBytes(base(), env.local(disk.path))).toBe(true);
        expect(sha256(env.local(original))).toBe(before);
        // qemu-img's temporary copy is gone.
        expect(
          readdirSync(env.local('/var/tmp')).filter((f) => f.startsWith('virtdeck-convert.')),
        ).toEqual([]);
      },
    );

    it("an image qemu-img cannot read is refused on the source page with qemu-img's words", async () => {
      const broken = join(env.outside, 'broken.vmdk');
      // A VMDK cut after its header: qemu-img knows it is VMDK and cannot open it.
      foreignImage(base(), 'vmdk', env.local(broken), 0o644);
      truncateSync(env.local(broken), 1024);
      const volumesBefore = (await listVolumes(env.rpc, env.pool.pool)).map((v) => v.name);
      const err = await startCreateVm(
        env.host,
        env.rpc,
        env.jobs,
        importOptions(`${PREFIX}${tag} broken`, broken, env.pool.pool.name),
      ).catch((e: unknown) => e);
      expect((err as InvalidInputError).fields?.['source.path']).toMatch(
        /^qemu-img cannot read .*broken\.vmdk: Could not open .*File truncated/,
      );
      await expect(diskImageInfo(env.host, env.rpc, broken)).rejects.toThrow(/File truncated/);
      expect((await listVolumes(env.rpc, env.pool.pool)).map((v) => v.name)).toEqual(volumesBefore);
    });

    it('a pool that is not there is refused on the source page, nothing made', async () => {
      const original = join(env.outside, 'nopool.vdi');
      foreignImage(base(), 'vdi', env.local(original), 0o644);
      const err = await startCreateVm(
        env.host,
        env.rpc,
        env.jobs,
        importOptions(`${PREFIX}${tag} nopool`, original, `${PREFIX}missing pool`),
      ).catch((e: unknown) => e);
      expect((err as InvalidInputError).fields?.['source.pool']).toBe(
        `There is no storage pool named "${PREFIX}missing pool"`,
      );
    });

    it('an inactive pool, or a pool holding the VM-named volume: refused, nothing made', async () => {
      const original = join(env.outside, 'pools.vdi');
      foreignImage(base(), 'vdi', env.local(original), 0o644);
      const inactiveName = `${PREFIX}${tag} inactive ü`;
      const inactive = await definePool(
        env.rpc,
        `<pool type='dir'><name>${xmlEscape(inactiveName)}</name>` +
          `<target><path>/var/lib/libvirt/images/${PREFIX}${tag}-inactive</path></target></pool>`,
      );
      try {
        const err = await startCreateVm(
          env.host,
          env.rpc,
          env.jobs,
          importOptions(`${PREFIX}${tag} inactive`, original, inactiveName),
        ).catch((e: unknown) => e);
        expect((err as InvalidInputError).fields?.['source.pool']).toBe(
          `Pool "${inactiveName}" is not active: start it first`,
        );
      } finally {
        await undefinePool(env.rpc, inactive);
      }
      const name = `${PREFIX}${tag} taken`;
      const taken = await createQcow2(env.rpc, env.pool.pool, `${name}.qcow2`, 1);
      const volumes = (await listVolumes(env.rpc, env.pool.pool)).map((v) => v.name).sort();
      const err = await startCreateVm(
        env.host,
        env.rpc,
        env.jobs,
        importOptions(name, original, env.pool.pool.name),
      ).catch((e: unknown) => e);
      expect((err as InvalidInputError).fields?.['name.name']).toBe(
        `Pool "${env.pool.pool.name}" already has a volume named "${name}.qcow2"`,
      );
      expect((await listVolumes(env.rpc, env.pool.pool)).map((v) => v.name).sort()).toEqual(
        volumes,
      );
      expect(taken.path.endsWith(`${name}.qcow2`)).toBe(true);
    });

    it('raw garbage is not converted: it is a raw disk, booted as it is', async () => {
      const garbage = join(env.outside, 'garbage.img');
      writeFileSync(env.local(garbage), Buffer.alloc(64 * 1024, 0x37), { mode: 0o644 });
      const info = await diskImageInfo(env.host, env.rpc, garbage);
      expect(info).toMatchObject({ format: 'raw', needsConversion: false });
    });
  },
);
