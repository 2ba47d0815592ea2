/**
 * virt-manager #811 on the modern host (libvirt 11.3, the one with external snapshots here):
 * external snapshot A, then B; revert to A; delete B. virt-manager deleted the base qcow2 there.
 * Here A's base image is still on disk and sound (qemu-img check), A still reverts to its bytes,
 * and the guest still boots from it.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { destroyDomain, startDomain } from '../../../src/main/libvirt/domain';
import { createVmSnapshot } from '../../../src/main/services/snapshots/snapshotCreate';
import {
  deleteVmSnapshot,
  listVmSnapshots,
  revertVmSnapshot,
} from '../../../src/main/services/snapshots/snapshots';
import { libvirtGenerations } from '../../support/transports';
import { ODD, holdsPattern, snapshotBench, writePattern } from './snapshotFixtures';

const VM = `vd-snapbe-811${ODD}`;
const modern = libvirtGenerations().find((g) => g.name === 'Debian 13 host')!;

describe(`virt-manager #811 on ${modern.name} (libvirt ${modern.libvirtVersion})`, () => {
  const b = snapshotBench(modern, [VM]);

  it("deleting B after reverting to A keeps A's base image, and A still reverts and boots", async () => {
    let vm = await b.makeVm(VM);
    const base = await b.diskPath(vm);
    await writePattern(b, base, 0x0a);
    const a = `A${ODD}`;
    const bName = `B${ODD}`;
    expect(await createVmSnapshot(vm, b.thumbnails, { name: a, memory: false })).toMatchObject({
      location: 'external',
    });
    await writePattern(b, await b.diskPath(vm), 0x0b);
    await createVmSnapshot(vm, b.thumbnails, { name: bName, memory: false });
    await writePattern(b, await b.diskPath(vm), 0x0c);

    await revertVmSnapshot(await b.reopen(vm), a);
    expect(await holdsPattern(b, await b.diskPath(vm), 0x0a)).toBe(true);
    await deleteVmSnapshot(await b.reopen(vm), b.thumbnails, bName, false);

    vm = await b.reopen(vm);
    expect((await listVmSnapshots(vm, b.thumbnails)).snapshots.map((s) => s.name)).toEqual([a]);
    expect(existsSync(b.hostPath(base))).toBe(true);
    await b.onHost(['qemu-img', 'check', '-q', base]);
    expect(await holdsPattern(b, base, 0x0a)).toBe(true);

    // A still reverts to its bytes, after a write on top of it.
    await writePattern(b, await b.diskPath(vm), 0x0d);
    await revertVmSnapshot(await b.reopen(vm), a);
    expect(await holdsPattern(b, await b.diskPath(vm), 0x0a)).toBe(true);

    // And the guest boots from it.
    vm = await b.reopen(vm);
    await startDomain(vm.rpc, vm.dom);
    expect((await b.reopen(vm)).state).toBe('running');
    await destroyDomain(vm.rpc, vm.dom);
  });
});
