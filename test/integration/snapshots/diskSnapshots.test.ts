/**
 * Snapshots of shut-off guests on both libvirt generations, through the service the API calls:
 * the mode each host gives (external on 11.x, internal on 9.0), a revert that brings the disk's
 * old bytes back (read with qemu-io on the image), deletes after which every remaining snapshot
 * still reverts, names with every odd character, and bad input refused with nothing changed.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import { createVmSnapshot } from '../../../src/main/services/snapshots/snapshotCreate';
import {
  deleteVmSnapshot,
  listVmSnapshots,
  revertVmSnapshot,
} from '../../../src/main/services/snapshots/snapshots';
import type { VmHandle } from '../../../src/main/services/vmDetails/vmXml';
import { libvirtGenerations } from '../../support/transports';
import {
  ODD,
  holdsPattern,
  snapshotBench,
  writePattern,
  type SnapshotBench,
} from './snapshotFixtures';

const VM = `vd-snapbe-disk${ODD}`;
const RAW_VM = 'vd-snapbe-raw';
const BAD_VM = 'vd-snapbe-bad';
const TREE_VM = 'vd-snapbe-tree';

const names = async (b: SnapshotBench, vm: VmHandle) =>
  (await listVmSnapshots(vm, b.thumbnails)).snapshots.map((s) => s.name).sort();

async function refusal(p: Promise<unknown>): Promise<VirtdeckError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VirtdeckError);
  return err as VirtdeckError;
}

describe.each(libvirtGenerations())('$name (libvirt $libvirtVersion)', (gen) => {
  const b = snapshotBench(gen, [VM, RAW_VM, TREE_VM, BAD_VM]);
  const modern = !gen.libvirtVersion.startsWith('9.');
  const mode = modern ? 'external' : 'internal';

  it(`takes ${mode} snapshots of a qcow2 guest, and a revert brings the disk's bytes back`, async () => {
    let vm = await b.makeVm(VM);
    expect((await listVmSnapshots(vm, b.thumbnails)).capability).toEqual({ mode });
    const base = await b.diskPath(vm);
    await writePattern(b, base, 0xaa);

    const name = `before${ODD}`;
    const info = await createVmSnapshot(vm, b.thumbnails, {
      name,
      description: 'd;$(x)',
      memory: false,
    });
    expect(info).toMatchObject({
      name,
      location: mode,
      memory: false,
      state: 'shutoff',
      current: true,
    });
    expect(info.description).toBe('d;$(x)');
    expect(info.hasThumbnail).toBe(false); // shut off: no display to picture

    // The image the guest now writes to: the new overlay when external, the same file when internal.
    const active = await b.diskPath(vm);
    if (mode === 'external') expect(active).not.toBe(base);
    else expect(active).toBe(base);
    await writePattern(b, active, 0xbb);
    expect(await holdsPattern(b, active, 0xbb)).toBe(true);

    vm = await b.reopen(vm);
    await revertVmSnapshot(vm, name);
    vm = await b.reopen(vm);
    expect(vm.state).toBe('shutoff');
    expect(await holdsPattern(b, await b.diskPath(vm), 0xaa)).toBe(true);

    const listed = await listVmSnapshots(vm, b.thumbnails);
    expect(listed.snapshots).toEqual([
      expect.objectContaining({ name, current: true, location: mode }),
    ]);
    expect(listed.capability).toEqual({ mode });
  });

  it('refuses an empty or used name, or memory of a shut-off VM, with nothing changed', async () => {
    const vm = await b.makeVm(BAD_VM);
    const files = readdirSync(b.hostPath(b.pool.path)).sort();

    const empty = await refusal(createVmSnapshot(vm, b.thumbnails, { name: '   ', memory: false }));
    expect(empty).toBeInstanceOf(InvalidInputError);
    expect((empty as InvalidInputError).fields.name).toMatch(/Enter a name/);

    const dated = await createVmSnapshot(vm, b.thumbnails, { memory: false });
    expect(dated.name).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await createVmSnapshot(vm, b.thumbnails, { name: `one${ODD}`, memory: false });
    const used = await refusal(
      createVmSnapshot(vm, b.thumbnails, { name: `  one${ODD} `, memory: false }),
    );
    expect((used as InvalidInputError).fields.name).toBe(
      `A snapshot named "one${ODD}" already exists`,
    );
    const memory = await refusal(createVmSnapshot(vm, b.thumbnails, { name: 'mem', memory: true }));
    expect((memory as InvalidInputError).fields.memory).toMatch(/running/);

    expect(await names(b, vm)).toEqual([dated.name, `one${ODD}`].sort());
    // Only the two snapshots made it: an overlay each when external, no file when internal.
    const after = readdirSync(b.hostPath(b.pool.path)).sort();
    expect(after.length - files.length).toBe(mode === 'external' ? 2 : 0);
  });

  it(
    modern ? 'snapshots a raw disk externally' : 'refuses a raw disk before anything is made',
    async () => {
      const vm = await b.makeVm(RAW_VM, { raw: true });
      const files = readdirSync(b.hostPath(b.pool.path)).sort();
      const { capability } = await listVmSnapshots(vm, b.thumbnails);
      if (modern) {
        expect(capability).toEqual({ mode: 'external' });
        const info = await createVmSnapshot(vm, b.thumbnails, { name: 'raw', memory: false });
        expect(info.location).toBe('external');
        return;
      }
      expect(capability).toEqual({ blocker: 'raw-disk', blockerDisk: 'vda' });
      const err = await refusal(createVmSnapshot(vm, b.thumbnails, { name: 'raw', memory: false }));
      expect(err.code).toBe('not-supported');
      expect(err.message).toMatch(/Disk vda is not qcow2.*Nothing was changed/);
      expect(await names(b, vm)).toEqual([]);
      expect(readdirSync(b.hostPath(b.pool.path)).sort()).toEqual(files);
    },
  );

  it('after every delete, every remaining snapshot still reverts to its own bytes', async () => {
    let vm = await b.makeVm(TREE_VM);
    const take = async (name: string, pattern: number) => {
      await writePattern(b, await b.diskPath(vm), pattern);
      vm = await b.reopen(vm);
      await createVmSnapshot(vm, b.thumbnails, { name, memory: false });
    };
    const s = (n: number) => `s${n}${ODD}`;
    // s1 -> s2 -> s3, and s1 -> s4 after a revert to s1.
    await take(s(1), 1);
    await take(s(2), 2);
    await take(s(3), 3);
    vm = await b.reopen(vm);
    await revertVmSnapshot(vm, s(1));
    await take(s(4), 4);
    const tree = (await listVmSnapshots(await b.reopen(vm), b.thumbnails)).snapshots;
    expect(Object.fromEntries(tree.map((t) => [t.name, t.parent ?? null]))).toEqual({
      [s(1)]: null,
      [s(2)]: s(1),
      [s(3)]: s(2),
      [s(4)]: s(1),
    });

    const everyOneReverts = async (remaining: number[]) => {
      vm = await b.reopen(vm);
      expect(await names(b, vm)).toEqual(remaining.map(s).sort());
      for (const n of remaining) {
        vm = await b.reopen(vm);
        await revertVmSnapshot(vm, s(n));
        expect(await holdsPattern(b, await b.diskPath(vm), n), `after revert to ${s(n)}`).toBe(
          true,
        );
      }
    };
    await everyOneReverts([1, 2, 3, 4]);
    if (mode === 'external') {
      // Across branches libvirt's delete loses the other branch's files: refused, nothing changed.
      for (const [n, children] of [
        [4, false],
        [2, true],
        [3, false],
      ] as const) {
        const err = await refusal(
          deleteVmSnapshot(await b.reopen(vm), b.thumbnails, s(n), children),
        );
        expect(err.message).toMatch(/on different branches.*Nothing was changed/);
      }
      await everyOneReverts([1, 2, 3, 4]);
      await deleteVmSnapshot(await b.reopen(vm), b.thumbnails, s(1), true);
      expect(await names(b, await b.reopen(vm))).toEqual([]);
      expect(await holdsPattern(b, await b.diskPath(vm), 4)).toBe(true);
      // A chain, t1 -> t2 -> t3: the middle, then the leaf, then the root.
      await take(s(5), 5);
      await take(s(6), 6);
      await take(s(7), 7);
      await everyOneReverts([5, 6, 7]);
      await deleteVmSnapshot(await b.reopen(vm), b.thumbnails, s(6), false);
      await everyOneReverts([5, 7]);
      await deleteVmSnapshot(await b.reopen(vm), b.thumbnails, s(7), false);
      await everyOneReverts([5]);
      await deleteVmSnapshot(await b.reopen(vm), b.thumbnails, s(5), false);
      expect(await names(b, await b.reopen(vm))).toEqual([]);
      expect(await holdsPattern(b, await b.diskPath(vm), 5)).toBe(true);
      return;
    }
    await deleteVmSnapshot(await b.reopen(vm), b.thumbnails, s(2), false);
    await everyOneReverts([1, 3, 4]);
    await deleteVmSnapshot(await b.reopen(vm), b.thumbnails, s(4), false);
    await everyOneReverts([1, 3]);
    await deleteVmSnapshot(await b.reopen(vm), b.thumbnails, s(1), true);
    expect(await names(b, await b.reopen(vm))).toEqual([]);
    // The guest's disk still holds what the last revert put there.
    expect(await holdsPattern(b, await b.diskPath(vm), 3)).toBe(true);
  });
});
