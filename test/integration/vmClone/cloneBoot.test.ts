/**
 * Full and linked clones of a guest that boots from its own disk, on both libvirt generations
 * over SSH, named with quotes, `$(...)`, `;` and unicode: each clone boots and prints the disk's
 * banner on its serial console; its XML (as libvirt returns it) has its own UUID and disk (a copy,
 * or a qcow2 overlay whose backing file is the original); deleting the clone leaves the original
 * and its disk as they were; deleting the original's disk is refused while a linked clone uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  destroyDomain,
  getDomainState,
  lookupDomainByName,
  lookupDomainByUuid,
  startDomain,
} from '../../../src/main/libvirt/domain';
import { uuidFromString, uuidToString } from '../../../src/main/libvirt/refs';
import { getVolumeXml, lookupVolumeByPath } from '../../../src/main/libvirt/storageVolume';
import { planClone } from '../../../src/main/services/vmClone/clonePlan';
import { startCloneVm } from '../../../src/main/services/vmClone/cloneVm';
import { deleteVm } from '../../../src/main/services/vmDelete/deleteVm';
import { readVolumeXml } from '../../../src/main/xml/build/storageVolumeXml';
import { attribute, firstChild } from '../../../src/main/xml/xmlDocument';
import { qemuWithTempPool } from '../../support/libvirtFixtures';
import { libvirtGenerations } from '../../support/transports';
import { serialConsole } from '../newVm/installFixtures';
import {
  BANNER,
  ODD,
  PREFIX,
  bootableVolume,
  cloneOptions,
  defineSource,
  inactiveRoot,
  diskSource,
  jobRunner,
  removeSliceVms,
  sourceXml,
} from './cloneFixtures';

describe.each(libvirtGenerations())(
  'clones that boot on $name (libvirt $libvirtVersion)',
  (gen) => {
    const lv = qemuWithTempPool(gen);
    const { jobs } = jobRunner();
    const rpc = () => lv.conn.rpc;
    const sourceName = `${PREFIX}boot ${ODD}`;
    let source: { uuid: string; diskPath: string };

    beforeAll(async () => {
      await removeSliceVms(rpc());
      const disk = await bootableVolume(rpc(), lv.pool.pool, `${PREFIX}boot ${ODD}.img`);
      const { uuid } = await defineSource(rpc(), sourceXml(sourceName, disk.path));
      source = { uuid, diskPath: disk.path };
    });

    afterAll(async () => {
      await removeSliceVms(lv.conn.rpc).catch(() => {});
    });

    const bannerOf = async (uuid: string) => {
      const dom = await lookupDomainByUuid(rpc(), uuidFromString(uuid));
      const serial = await serialConsole(rpc(), dom);
      try {
        await serial.waitFor(new RegExp(BANNER));
      } finally {
        serial.close();
      }
      await destroyDomain(rpc(), dom);
    };

    it('plans copy (default), linked and share for the disk, with names from the clone name', async () => {
      const plan = await planClone(lv.conn.host, lv.conn, source.uuid);
      expect(plan.suggestedName).toBe(`${sourceName}-clone`);
      expect(plan.active).toBe(false);
      expect(plan.disks).toEqual([
        expect.objectContaining({
          target: 'vda',
          path: source.diskPath,
          pool: lv.pool.pool.name,
          format: 'raw',
          modes: ['copy', 'linked', 'share'],
          defaultMode: 'copy',
          // virt-clone's rule: the source's name in the file name becomes the clone's.
          suggestedVolume: `${sourceName}-clone.img`,
        }),
      ]);
    });

    it('makes a full copy that boots, with its own UUID and disk; deleting it keeps the original', async () => {
      const name = `${PREFIX}full ${ODD}`;
      const volume = `${PREFIX}full ${ODD}.img`;
      const started = await startCloneVm(
        lv.conn.host,
        lv.conn,
        jobs,
        cloneOptions(source.uuid, name, [{ target: 'vda', mode: 'copy', volume }], { start: true }),
      );
      const outcome = await started.result;
      expect(outcome.uuid).toBe(started.uuid);
      const dom = await lookupDomainByName(rpc(), name);
      expect(uuidToString(dom.uuid)).toBe(started.uuid);
      expect(started.uuid).not.toBe(source.uuid);
      const root = await inactiveRoot(rpc(), dom);
      const path = diskSource(root, 'vda') as string;
      expect(path).toBe(`${lv.pool.path}/${volume}`);
      const facts = readVolumeXml(await getVolumeXml(rpc(), await lookupVolumeByPath(rpc(), path)));
      expect(facts.format).toBe('raw');
      expect(facts.backingPath).toBeUndefined();
      await bannerOf(started.uuid);

      const outcomeOfDelete = await deleteVm(lv.conn, started.uuid, {
        disks: [path],
        forceOff: true,
      });
      expect(outcomeOfDelete.failed).toBeUndefined();
      await expect(lookupVolumeByPath(rpc(), path)).rejects.toThrow();
      // The original is whole: still defined, and still boots from its own disk.
      await lookupVolumeByPath(rpc(), source.diskPath);
      await startDomain(rpc(), await lookupDomainByUuid(rpc(), uuidFromString(source.uuid)));
      await bannerOf(source.uuid);
    });

    it('makes a linked clone that boots from an overlay on the original, which then cannot be deleted', async () => {
      const name = `${PREFIX}linked ${ODD}`;
      const started = await startCloneVm(
        lv.conn.host,
        lv.conn,
        jobs,
        // The suggested volume name is used when none is given.
        cloneOptions(source.uuid, name, [{ target: 'vda', mode: 'linked' }], { start: true }),
      );
      await started.result;
      const root = await inactiveRoot(rpc(), await lookupDomainByName(rpc(), name));
      const path = diskSource(root, 'vda') as string;
      expect(path).toBe(`${lv.pool.path}/${name}.img`);
      const disk = [...root.getElementsByTagName('disk')][0];
      expect(attribute(disk && firstChild(disk, 'driver'), 'type')).toBe('qcow2');
      const facts = readVolumeXml(await getVolumeXml(rpc(), await lookupVolumeByPath(rpc(), path)));
      expect(facts.format).toBe('qcow2');
      expect(facts.backingPath).toBe(source.diskPath);
      await bannerOf(started.uuid);

      // The original's disk is the clone's base: vms.delete refuses it, and nothing changes.
      const refused = await deleteVm(lv.conn, source.uuid, {
        disks: [source.diskPath],
        forceOff: true,
      }).catch((e: unknown) => e as { code?: string; message: string });
      expect(refused).toMatchObject({ code: 'in-use' });
      expect((refused as Error).message).toContain(source.diskPath);
      const original = await lookupDomainByUuid(rpc(), uuidFromString(source.uuid));
      expect((await getDomainState(rpc(), original)).state).toBe('shutoff');
      await lookupVolumeByPath(rpc(), source.diskPath);

      // Deleting the clone with its overlay leaves the base.
      const gone = await deleteVm(lv.conn, started.uuid, { disks: [path], forceOff: true });
      expect(gone.failed).toBeUndefined();
      await expect(lookupVolumeByPath(rpc(), path)).rejects.toThrow();
      await lookupVolumeByPath(rpc(), source.diskPath);
    });
  },
);
