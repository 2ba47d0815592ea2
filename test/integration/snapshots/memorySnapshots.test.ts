/**
 * A running guest's snapshot with its memory, on both libvirt generations: the tiny ISO at its
 * boot: prompt with text typed, snapshot, more text typed, revert, and libvirt's screenshot shows
 * the snapshot's screen again, pixel for pixel but the blinking cursor. The snapshot keeps a PNG
 * thumbnail, removed with it; a revert or create while a domain job runs (a memory dump into a
 * pipe nobody drains) is refused in words with nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { hasActiveDomainJob } from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { takeScreenshot } from '../../../src/main/libvirt/snapshot';
import {
  parsePng,
  parseScreenshot,
  type RgbImage,
} from '../../../src/main/services/snapshots/screenshotPng';
import { createVmSnapshot } from '../../../src/main/services/snapshots/snapshotCreate';
import {
  deleteVmSnapshot,
  listVmSnapshots,
  revertVmSnapshot,
} from '../../../src/main/services/snapshots/snapshots';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import { libvirtGenerations } from '../../support/transports';
import { waitFor } from '../../support/waitFor';
import { ODD, snapshotBench } from './snapshotFixtures';

const VM = 'vd-snapbe-mem';

/** Pixels that differ between two screenshots of the same size. */
function differingPixels(a: RgbImage, b: RgbImage): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let n = 0;
  for (let i = 0; i < a.rgb.length; i += 3) {
    if (a.rgb[i] !== b.rgb[i] || a.rgb[i + 1] !== b.rgb[i + 1] || a.rgb[i + 2] !== b.rgb[i + 2])
      n++;
  }
  return n;
}

/** One text cell of the VGA text screen (9x16): what a blinking cursor may change. */
const CURSOR_CELL = 9 * 16;

describe.each(libvirtGenerations())('$name (libvirt $libvirtVersion)', (gen) => {
  const b = snapshotBench(gen, [VM]);
  const mode = gen.libvirtVersion.startsWith('9.') ? 'internal' : 'external';

  it('a revert brings back the screen the snapshot was taken with, and the guest runs', async () => {
    let vm = await b.makeVm(VM, { start: true });
    const console = await vm.rpc.openStream('DOMAIN_OPEN_CONSOLE', {
      dom: vm.dom,
      dev_name: null,
      flags: 0,
    });
    let serial = '';
    console.on('data', (chunk: Buffer) => (serial += chunk.toString('latin1')));
    const type = async (text: string) => {
      const from = serial.length;
      console.write(text);
      await waitFor(`"${text}" echoed`, () => serial.slice(from).includes(text), 60_000, 200);
    };
    await waitFor('the boot: prompt', () => /boot:/.test(serial), 120_000, 500);
    await type('alpha');
    const screen = async () => parseScreenshot(await takeScreenshot(b.conn.rpc, vm.dom));
    const atSnapshot = await screen();

    // libvirt 9.0 saves a running guest's internal snapshot through the human monitor, which
    // loses a double quote: such a name is refused there, before anything is made.
    let name = `running${ODD}`;
    if (mode === 'internal') {
      const err = await createVmSnapshot(vm, b.thumbnails, { name, memory: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).fields.name).toMatch(/cannot have " or \\ in its name/);
      expect((await listVmSnapshots(vm, b.thumbnails)).snapshots).toEqual([]);
      name = `running${ODD.replace(/"/g, '')}`;
    }
    const info = await createVmSnapshot(vm, b.thumbnails, { name, memory: true });
    expect(info).toMatchObject({ name, state: 'running', memory: true, location: mode });
    expect(info.hasThumbnail).toBe(true);
    // The thumbnail is a PNG 160 px wide of the same screen: its left part where the text is.
    const url = await b.thumbnails.dataUrl(uuidToString(vm.dom.uuid), name);
    expect(url).toMatch(/^data:image\/png;base64,/);
    const thumb = parsePng(Buffer.from(url!.split(',')[1]!, 'base64'));
    expect(thumb.width).toBe(160);
    expect(thumb.height).toBe(Math.round((atSnapshot.height * 160) / atSnapshot.width));
    expect(thumb.rgb.some((byte) => byte > 0)).toBe(true);

    await type(' bravo charlie delta echo foxtrot');
    const changed = await screen();
    const typedAway = differingPixels(atSnapshot, changed);
    expect(typedAway).toBeGreaterThan(3 * CURSOR_CELL);

    console.destroy();
    vm = await b.reopen(vm);
    await revertVmSnapshot(vm, name);
    vm = await b.reopen(vm);
    expect(vm.state).toBe('running');
    let reverted = await screen();
    await waitFor('the restored screen', async () => {
      reverted = await screen();
      return differingPixels(atSnapshot, reverted) <= CURSOR_CELL;
    });
    expect(differingPixels(atSnapshot, reverted)).toBeLessThanOrEqual(CURSOR_CELL);

    const listed = await listVmSnapshots(vm, b.thumbnails);
    expect(listed.snapshots).toEqual([
      expect.objectContaining({ name, current: true, hasThumbnail: true, memory: true }),
    ]);
  });

  it('refuses a revert or a snapshot while a domain job runs, with nothing changed', async () => {
    let vm = await b.findVm(VM);
    const fifo = `${b.pool.path}/dump.fifo`;
    await b.onHost(['mkfifo', '-m', '0600', fifo]);
    // A reader that never reads: the dump fills the pipe and waits, a job that does not end.
    const reader = b.startOnHost(['sh', '-c', 'exec sleep 600 < "$1"', 'sh', fifo]);
    const dump = b.startOnHost([
      'virsh',
      '-c',
      'qemu:///system',
      'dump',
      '--memory-only',
      '--live',
      VM,
      fifo,
    ]);
    try {
      await waitFor('the dump job', () => hasActiveDomainJob(vm.rpc, vm.dom), 60_000, 200);
      const before = await listVmSnapshots(vm, b.thumbnails);
      // The dump itself holds the guest paused (QEMU's dump-guest-memory); that is not ours.
      const stateBefore = (await b.reopen(vm)).state;
      const name = before.snapshots[0]!.name;

      for (const attempt of [
        () => revertVmSnapshot(vm, name),
        () => createVmSnapshot(vm, b.thumbnails, { name: 'during a job', memory: true }),
        () => deleteVmSnapshot(vm, b.thumbnails, name, false),
      ]) {
        const err = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(VirtdeckError);
        expect((err as VirtdeckError).code).toBe('in-use');
        expect((err as VirtdeckError).message).toMatch(/A job is running on this VM/);
      }
      expect(await listVmSnapshots(vm, b.thumbnails)).toEqual(before);
      vm = await b.reopen(vm);
      expect(vm.state).toBe(stateBefore);
    } finally {
      reader.kill();
      await new Promise((done) => dump.once('exit', done));
      // Not a volume: the pool's cleanup would leave its directory behind.
      await b.onHost(['rm', '-f', fifo]);
    }
    await waitFor('the guest to run again', async () => (await b.reopen(vm)).state === 'running');

    // Deleting it through the app removes its thumbnail too.
    const { snapshots } = await listVmSnapshots(vm, b.thumbnails);
    const uuid = uuidToString(vm.dom.uuid);
    expect(await b.thumbnails.dataUrl(uuid, snapshots[0]!.name)).not.toBeNull();
    await deleteVmSnapshot(vm, b.thumbnails, snapshots[0]!.name, false);
    expect(await listVmSnapshots(vm, b.thumbnails)).toMatchObject({ snapshots: [] });
    expect(await b.thumbnails.dataUrl(uuid, snapshots[0]!.name)).toBeNull();
  });
});
