/**
 * Which disks a VM delete offers checked, and what it really deletes, on both libvirt
 * generations over SSH: a disk another VM uses and a linked clone's base are offered unchecked
 * with their reason and survive; a file in no pool is deleted (over SFTP) only when asked; a
 * path not in the plan or used by another VM is refused with nothing changed; a volume that
 * cannot be deleted stops the delete part way, and the outcome says truthfully what went and
 * what remains. Checked through libvirt and on the host's file system.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineDomain,
  getDomainState,
  listAllDomains,
  lookupDomainByName,
  startDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { listVolumes } from '../../../src/main/libvirt/storageVolume';
import { planVmDelete } from '../../../src/main/services/vmDelete/deletePlan';
import { deleteVm } from '../../../src/main/services/vmDelete/deleteVm';
import { qemuWithTempPool, uploadTinyIso } from '../../support/libvirtFixtures';
import { libvirtGenerations } from '../../support/transports';
import {
  ODD,
  PREFIX,
  existsOnHost,
  guestXml,
  outsideDir,
  outsideFile,
  qcow2,
  removeSliceVms,
} from './deleteFixtures';

describe.each(libvirtGenerations())('VM delete rules on $name (libvirt $libvirtVersion)', (gen) => {
  const lv = qemuWithTempPool(gen);
  const dirs: { remove(): void }[] = [];
  let iso: string;

  const rpc = () => lv.conn.rpc;
  const volumeNames = async () => (await listVolumes(rpc(), lv.pool.pool)).map((v) => v.name);
  const define = async (name: string, xml: string) => {
    const dom = await defineDomain(rpc(), xml);
    return { dom, uuid: uuidToString(dom.uuid), name };
  };

  beforeAll(async () => {
    await removeSliceVms(rpc());
    iso = (await uploadTinyIso(rpc(), lv.pool.pool, `${PREFIX}boot.iso`)).path;
  });

  afterAll(async () => {
    await removeSliceVms(lv.conn.rpc).catch(() => {});
    for (const d of dirs) d.remove();
  });

  it('offers a shared disk and a linked clone base unchecked, and deletes neither', async () => {
    const own = await qcow2(rpc(), lv.pool.pool, `${PREFIX}own.qcow2`);
    const shared = await qcow2(rpc(), lv.pool.pool, `${PREFIX}shared.qcow2`);
    const base = await qcow2(rpc(), lv.pool.pool, `${PREFIX}base.qcow2`);
    const clone = await qcow2(rpc(), lv.pool.pool, `${PREFIX}clone.qcow2`, base.path);
    const vmA = await define(
      `${PREFIX}owner`,
      guestXml(
        `${PREFIX}owner`,
        [
          { path: own.path, target: 'vda' },
          { path: shared.path, target: 'vdb' },
          { path: base.path, target: 'vdc' },
          { path: iso, target: 'sdd', cdrom: true },
        ],
        {
          // A block device is never offered: not a file the app may delete.
          extraDevices: `<disk type='block' device='disk'><driver name='qemu' type='raw'/>
          <source dev='/dev/${PREFIX}no-such-device'/><target dev='vde' bus='virtio'/></disk>`,
        },
      ),
    );
    await define(
      `${PREFIX}other`,
      guestXml(`${PREFIX}other`, [{ path: shared.path, target: 'vda' }]),
    );

    const plan = await planVmDelete(lv.conn, vmA.uuid);
    expect(plan).toMatchObject({ name: `${PREFIX}owner`, active: false });
    const byPath = new Map(plan.disks.map((d) => [d.path, d]));
    expect(byPath.get(own.path)).toMatchObject({
      target: 'vda',
      defaultChecked: true,
      deletable: true,
      pool: lv.pool.pool.name,
      volume: `${PREFIX}own.qcow2`,
    });
    expect(byPath.get(own.path)?.keepReason).toBeUndefined();
    expect(byPath.get(shared.path)).toMatchObject({
      defaultChecked: false,
      keepReason: 'used-by-other-vm',
      usedBy: [`${PREFIX}other`],
    });
    expect(byPath.get(base.path)).toMatchObject({
      defaultChecked: false,
      keepReason: 'backing-file',
      usedBy: [`${PREFIX}clone.qcow2`],
    });
    expect(byPath.get(iso)).toMatchObject({
      device: 'cdrom',
      defaultChecked: false,
      keepReason: 'cdrom',
    });
    expect(byPath.get(`/dev/${PREFIX}no-such-device`)).toMatchObject({
      target: 'vde',
      deletable: false,
      defaultChecked: false,
      keepReason: 'not-a-file',
    });
    expect(plan.disks).toHaveLength(5);

    // Asking for the shared disk or a path not in the plan is refused, and nothing changes.
    await expect(
      deleteVm(lv.conn, vmA.uuid, { disks: [own.path, shared.path], forceOff: false }),
    ).rejects.toMatchObject({ code: 'in-use', message: expect.stringContaining(`${PREFIX}other`) });
    await expect(
      deleteVm(lv.conn, vmA.uuid, { disks: ['/etc/passwd'], forceOff: false }),
    ).rejects.toMatchObject({ code: 'invalid-input', fields: { disks: expect.any(String) } });
    await expect(
      deleteVm(lv.conn, vmA.uuid, { disks: [`/dev/${PREFIX}no-such-device`], forceOff: false }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('cannot be deleted'),
    });
    await expect(
      deleteVm(lv.conn, vmA.uuid, { disks: [base.path], forceOff: false }),
    ).rejects.toMatchObject({ code: 'in-use', message: expect.stringContaining('clone.qcow2') });
    expect((await lookupDomainByName(rpc(), `${PREFIX}owner`)).name).toBe(`${PREFIX}owner`);
    expect(await volumeNames()).toContain(`${PREFIX}own.qcow2`);

    // The defaults: only its own volume goes.
    const checked = plan.disks.filter((d) => d.defaultChecked).map((d) => d.path);
    const outcome = await deleteVm(lv.conn, vmA.uuid, { disks: checked, forceOff: false });
    expect(outcome.failed).toBeUndefined();
    expect(outcome.remaining).toEqual([]);
    expect(outcome.deleted).toEqual(
      expect.arrayContaining([
        { kind: 'definition', what: `${PREFIX}owner` },
        { kind: 'disk', what: own.path },
      ]),
    );
    const domains = (await listAllDomains(rpc())).map((d) => d.name);
    expect(domains).not.toContain(`${PREFIX}owner`);
    expect(domains).toContain(`${PREFIX}other`);
    const volumes = await volumeNames();
    expect(volumes).not.toContain(`${PREFIX}own.qcow2`);
    expect(volumes).toEqual(
      expect.arrayContaining([
        `${PREFIX}shared.qcow2`,
        `${PREFIX}base.qcow2`,
        `${PREFIX}clone.qcow2`,
      ]),
    );
    expect(existsOnHost(gen, own.path)).toBe(false);
    for (const kept of [shared.path, base.path, clone.path, iso])
      expect(existsOnHost(gen, kept)).toBe(true);
  });
  it('deletes a running VM with odd names, and a file in no pool only when asked', async () => {
    const dir = outsideDir(gen);
    dirs.push(dir);
    const asked = `${dir.path}/asked ${ODD}.img`;
    const kept = `${dir.path}/kept ${ODD}.img`;
    outsideFile(gen, asked);
    outsideFile(gen, kept);
    const volume = await qcow2(rpc(), lv.pool.pool, `${PREFIX}${ODD}.qcow2`);
    const name = `${PREFIX}${ODD}`;
    const vm = await define(
      name,
      guestXml(name, [
        { path: volume.path, target: 'vda' },
        { path: asked, target: 'vdb', format: 'raw' },
        { path: kept, target: 'vdc', format: 'raw' },
        { path: iso, target: 'sdd', cdrom: true },
      ]),
    );
    await startDomain(rpc(), vm.dom);

    const plan = await planVmDelete(lv.conn, vm.uuid);
    expect(plan).toMatchObject({ name, active: true });
    for (const path of [asked, kept]) {
      const disk = plan.disks.find((d) => d.path === path);
      expect(disk).toMatchObject({
        deletable: true,
        defaultChecked: false,
        keepReason: 'outside-pool',
      });
      expect(disk?.pool).toBeUndefined();
      expect(disk?.sizeBytes).toBe(1024 * 1024);
    }
    expect(plan.disks.find((d) => d.path === volume.path)).toMatchObject({ defaultChecked: true });

    // Running, and the force-off not confirmed: refused, and it still runs.
    await expect(
      deleteVm(lv.conn, vm.uuid, { disks: [volume.path], forceOff: false }),
    ).rejects.toMatchObject({ code: 'invalid-input', fields: { forceOff: expect.any(String) } });
    expect((await getDomainState(rpc(), vm.dom)).state).toBe('running');

    const outcome = await deleteVm(lv.conn, vm.uuid, {
      disks: [volume.path, asked],
      forceOff: true,
    });
    expect(outcome).toEqual({
      deleted: [
        { kind: 'definition', what: name },
        { kind: 'disk', what: volume.path },
        { kind: 'disk', what: asked },
      ],
      remaining: [],
    });
    expect((await listAllDomains(rpc())).map((d) => d.name)).not.toContain(name);
    expect(await volumeNames()).not.toContain(`${PREFIX}${ODD}.qcow2`);
    expect(existsOnHost(gen, volume.path)).toBe(false);
    expect(existsOnHost(gen, asked)).toBe(false);
    expect(existsOnHost(gen, kept)).toBe(true);
  });

  it('stops at a volume that cannot be deleted and says what went and what remains', async () => {
    const first = await qcow2(rpc(), lv.pool.pool, `${PREFIX}first.qcow2`);
    const stuck = await qcow2(rpc(), lv.pool.pool, `${PREFIX}stuck.qcow2`);
    const name = `${PREFIX}partial`;
    const vm = await define(
      name,
      guestXml(name, [
        { path: first.path, target: 'vda' },
        { path: stuck.path, target: 'vdb' },
      ]),
    );
    // Immutable: not even root (libvirtd) can unlink it.
    execFileSync('chattr', ['+i', gen.localPath(stuck.path)]);
    try {
      const outcome = await deleteVm(lv.conn, vm.uuid, {
        disks: [first.path, stuck.path],
        forceOff: false,
      });
      expect(outcome.deleted).toEqual([
        { kind: 'definition', what: name },
        { kind: 'disk', what: first.path },
      ]);
      expect(outcome.remaining).toEqual([{ kind: 'disk', what: stuck.path }]);
      expect(outcome.failed).toMatchObject({
        kind: 'disk',
        what: stuck.path,
        message: expect.any(String),
      });
      expect(outcome.failed?.message).toMatch(/not permitted|cannot|fail/i);
      expect((await listAllDomains(rpc())).map((d) => d.name)).not.toContain(name);
      const volumes = await volumeNames();
      expect(volumes).not.toContain(`${PREFIX}first.qcow2`);
      expect(volumes).toContain(`${PREFIX}stuck.qcow2`);
      expect(existsOnHost(gen, stuck.path)).toBe(true);
    } finally {
      execFileSync('chattr', ['-i', gen.localPath(stuck.path)]);
    }
  });
});
