/**
 * An external snapshot taken with the guest's memory leaves a memory state file beside the
 * overlays. The VM owns it: the delete plan lists it (named as that snapshot's memory, checked
 * when it is a volume of a pool), and the delete removes it with the VM. On both generations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineDomain, startDomain } from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { createSnapshot } from '../../../src/main/libvirt/snapshot';
import { refreshPool } from '../../../src/main/libvirt/storagePool';
import { listVolumes } from '../../../src/main/libvirt/storageVolume';
import { planVmDelete } from '../../../src/main/services/vmDelete/deletePlan';
import { deleteVm } from '../../../src/main/services/vmDelete/deleteVm';
import { qemuWithTempPool, xmlEscape } from '../../support/libvirtFixtures';
import { libvirtGenerations } from '../../support/transports';
import { ODD, PREFIX, existsOnHost, guestXml, qcow2, removeSliceVms } from './deleteFixtures';

describe.each(libvirtGenerations())('VM delete on $name: a snapshot’s memory file', (gen) => {
  const lv = qemuWithTempPool(gen);
  const rpc = () => lv.conn.rpc;

  beforeAll(async () => {
    await removeSliceVms(rpc());
  });
  afterAll(async () => {
    await removeSliceVms(lv.conn.rpc).catch(() => {});
  });

  it('lists the memory file of an external snapshot and deletes it with the VM', async () => {
    const name = `${PREFIX}memory ${ODD}`;
    const disk = await qcow2(rpc(), lv.pool.pool, `${PREFIX}memory-disk.qcow2`);
    const dom = await startDomain(
      rpc(),
      await defineDomain(rpc(), guestXml(name, [{ path: disk.path, target: 'vda' }])),
    );
    const overlay = `${lv.pool.path}/${PREFIX}memory-overlay.qcow2`;
    const memory = `${lv.pool.path}/${PREFIX}memory ${ODD}.mem`;
    const snapshot = `with memory ${ODD}`;
    await createSnapshot(
      rpc(),
      dom,
      `<domainsnapshot><name>${xmlEscape(snapshot)}</name>
        <memory snapshot='external' file='${xmlEscape(memory)}'/>
        <disks><disk name='vda' snapshot='external'><driver type='qcow2'/>
          <source file='${xmlEscape(overlay)}'/></disk></disks></domainsnapshot>`,
    );
    expect(existsOnHost(gen, memory)).toBe(true);

    const uuid = uuidToString(dom.uuid);
    const plan = await planVmDelete(lv.conn, uuid);
    expect(plan.disks.find((d) => d.path === memory)).toMatchObject({
      memoryOf: snapshot,
      defaultChecked: true,
      deletable: true,
      pool: lv.pool.pool.name,
    });

    const outcome = await deleteVm(lv.conn, uuid, {
      disks: plan.disks.filter((d) => d.defaultChecked).map((d) => d.path),
      forceOff: true,
    });
    expect(outcome.failed).toBeUndefined();
    expect(outcome.deleted).toContainEqual({ kind: 'disk', what: memory });
    expect(existsOnHost(gen, memory)).toBe(false);
    expect(existsOnHost(gen, overlay)).toBe(false);
    expect(existsOnHost(gen, disk.path)).toBe(false);
    await refreshPool(rpc(), lv.pool.pool);
    expect((await listVolumes(rpc(), lv.pool.pool)).map((v) => v.name)).toEqual([]);
  });
});
