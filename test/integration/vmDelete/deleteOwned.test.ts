/**
 * What goes with a deleted VM, on both libvirt generations over SSH, with a real TCG guest: a
 * UEFI guest with an emulated TPM, an external snapshot and a managed save. The plan lists the
 * snapshot's overlay as a disk (over the base it was taken from); the delete removes the NVRAM
 * file, the TPM state, the managed save image, the snapshot metadata, the overlay and the
 * volumes asked for, and the base the user left unchecked survives. Each is checked through
 * libvirt and on the host's file system.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineDomain,
  getDomainState,
  hasManagedSave,
  listAllDomains,
  managedSaveDomain,
  startDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { createSnapshot, listSnapshots } from '../../../src/main/libvirt/snapshot';
import { listVolumes } from '../../../src/main/libvirt/storageVolume';
import { planVmDelete } from '../../../src/main/services/vmDelete/deletePlan';
import { deleteVm } from '../../../src/main/services/vmDelete/deleteVm';
import { qemuWithTempPool } from '../../support/libvirtFixtures';
import { libvirtGenerations } from '../../support/transports';
import {
  ODD,
  PREFIX,
  SNAPSHOT_CREATE_DISK_ONLY,
  existsOnHost,
  externalSnapshotXml,
  guestXml,
  qcow2,
  removeSliceVms,
} from './deleteFixtures';

describe.each(libvirtGenerations())(
  'VM delete with what it owns on $name (libvirt $libvirtVersion)',
  (gen) => {
    const lv = qemuWithTempPool(gen);
    const rpc = () => lv.conn.rpc;

    beforeAll(async () => {
      await removeSliceVms(rpc());
    });
    afterAll(async () => {
      await removeSliceVms(lv.conn.rpc).catch(() => {});
    });

    it('removes NVRAM, TPM state, managed save, snapshot metadata and the overlay; keeps the unchecked base', async () => {
      const name = `${PREFIX}owned ${ODD}`;
      const base = await qcow2(rpc(), lv.pool.pool, `${PREFIX}uefi-base.qcow2`);
      const data = await qcow2(rpc(), lv.pool.pool, `${PREFIX}uefi-data.qcow2`);
      let dom = await defineDomain(
        rpc(),
        guestXml(
          name,
          [
            { path: base.path, target: 'vda' },
            { path: data.path, target: 'vdb' },
          ],
          { uefiTpm: true },
        ),
      );
      const uuid = uuidToString(dom.uuid);
      const snapshotName = `snap ${ODD}`;
      const overlay = `${lv.pool.path}/${PREFIX}overlay ${ODD}.qcow2`;
      await createSnapshot(
        rpc(),
        dom,
        externalSnapshotXml(snapshotName, overlay, ['vdb']),
        SNAPSHOT_CREATE_DISK_ONLY,
      );
      dom = await startDomain(rpc(), dom);
      expect((await getDomainState(rpc(), dom)).state).toBe('running');
      await managedSaveDomain(rpc(), dom);
      expect(await hasManagedSave(rpc(), dom)).toBe(true);

      const plan = await planVmDelete(lv.conn, uuid);
      expect(plan).toMatchObject({
        name,
        active: false,
        alsoRemoved: { managedSave: true, snapshots: 1, tpmState: true },
      });
      const nvram = plan.alsoRemoved.nvram;
      expect(nvram).toMatch(/\/nvram\/.*VARS\.fd$/);
      const disk = (path: string) => plan.disks.find((d) => d.path === path);
      expect(disk(overlay)).toMatchObject({
        target: 'vda',
        overlayOf: base.path,
        defaultChecked: true,
        pool: lv.pool.pool.name,
      });
      expect(disk(base.path)).toMatchObject({ target: 'vda', defaultChecked: true });
      expect(disk(base.path)?.overlayOf).toBeUndefined();
      expect(disk(data.path)).toMatchObject({ target: 'vdb', defaultChecked: true });

      // What libvirt keeps on the host for it, before.
      const owned = [
        nvram ?? '',
        `/var/lib/libvirt/swtpm/${uuid}`,
        `/var/lib/libvirt/qemu/save/${name}.save`,
        `/var/lib/libvirt/qemu/snapshot/${name}`,
      ];
      for (const path of owned) expect(existsOnHost(gen, path), path).toBe(true);
      expect(await listSnapshots(rpc(), dom)).toHaveLength(1);

      // Deleting the base under a kept overlay is refused: it would break the overlay.
      await expect(
        deleteVm(lv.conn, uuid, { disks: [base.path], forceOff: false }),
      ).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringContaining('backing file'),
      });

      const outcome = await deleteVm(lv.conn, uuid, {
        disks: [overlay, data.path],
        forceOff: false,
      });
      expect(outcome.failed).toBeUndefined();
      expect(outcome.remaining).toEqual([]);
      expect(outcome.deleted).toEqual([
        { kind: 'snapshot-metadata', what: snapshotName },
        { kind: 'definition', what: name },
        { kind: 'managed-save', what: name },
        { kind: 'nvram', what: nvram },
        { kind: 'tpm-state', what: name },
        { kind: 'disk', what: overlay },
        { kind: 'disk', what: data.path },
      ]);

      expect((await listAllDomains(rpc())).map((d) => d.name)).not.toContain(name);
      for (const path of owned) expect(existsOnHost(gen, path), path).toBe(false);
      const volumes = (await listVolumes(rpc(), lv.pool.pool)).map((v) => v.name);
      expect(volumes).toContain(`${PREFIX}uefi-base.qcow2`);
      expect(volumes).not.toContain(`${PREFIX}uefi-data.qcow2`);
      expect(volumes).not.toContain(`${PREFIX}overlay ${ODD}.qcow2`);
      expect(existsOnHost(gen, overlay)).toBe(false);
      expect(existsOnHost(gen, data.path)).toBe(false);
      expect(existsOnHost(gen, base.path)).toBe(true);
    });
  },
);
