/**
 * Create, revert and delete of an internal snapshot (with memory) of a running guest: through
 * Virtdeck's snapshot service (the RPC client over the SSH transport, a thumbnail kept as the app
 * keeps one) against `virsh snapshot-create-as / snapshot-revert / snapshot-delete` run on the
 * same host over the same SSH connection, on the same guest, in the same run. Rounds alternate
 * between the two so that the guest's growing state weighs on both alike.
 *
 * `npm run bench -- snapshot [--rounds N]`; on a test host already up (no up.sh), run this file
 * directly: `npx tsx bench/snapshot.ts [--rounds N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SshHost } from '../src/main/hosts/ssh/sshHost';
import { LibvirtConnection } from '../src/main/libvirt/connection';
import { defineDomain, startDomain } from '../src/main/libvirt/domain';
import { uuidToString } from '../src/main/libvirt/refs';
import { createVmSnapshot } from '../src/main/services/snapshots/snapshotCreate';
import { deleteVmSnapshot, revertVmSnapshot } from '../src/main/services/snapshots/snapshots';
import { SnapshotThumbnails } from '../src/main/services/snapshots/thumbnails';
import { openVm } from '../src/main/services/vmDetails/vmXml';
import {
  createQcow2,
  createTempPool,
  removeLeftovers,
  tcgDomainXml,
  uploadTinyIso,
} from '../test/support/libvirtFixtures';
import { loadTestHost, type TestHostEnv } from '../test/support/testHost';
import { sshHostFor } from '../test/support/transports';
import { ensureTestEnvironment, percentile, printResultAndExit, round } from './support';

const GUEST = 'vd-snapui-bench';
const URI = 'qemu:///system';
/** Let the guest reach its boot: prompt before the first snapshot. */
const BOOT_MS = 15_000;

type Step = 'create' | 'revert' | 'delete';
type Times = Record<Step, number[]>;

async function virsh(host: SshHost, ...args: string[]): Promise<void> {
  const r = await host.exec(['virsh', '-c', URI, ...args]);
  if (r.code !== 0) throw new Error(`virsh ${args[0]} failed: ${r.stderr.toString()}`);
}

async function timed(times: number[], work: () => Promise<unknown>): Promise<void> {
  const t = performance.now();
  await work();
  times.push(performance.now() - t);
}

const medians = (times: Times) => ({
  create: percentile(
    [...times.create].sort((a, b) => a - b),
    50,
  ),
  revert: percentile(
    [...times.revert].sort((a, b) => a - b),
    50,
  ),
  delete: percentile(
    [...times.delete].sort((a, b) => a - b),
    50,
  ),
});

async function snapshotBench(env: TestHostEnv, rounds = 5): Promise<Record<string, unknown>> {
  const host = sshHostFor(env, env.user);
  const conn = await LibvirtConnection.open(host, URI);
  const configDir = mkdtempSync(join(tmpdir(), 'vd-snapui-bench-'));
  const thumbnails = new SnapshotThumbnails(configDir);
  await removeLeftovers(conn.rpc, [GUEST]);
  const pool = await createTempPool(conn.rpc);
  try {
    const disk = await createQcow2(conn.rpc, pool.pool, 'disk.qcow2', 8);
    const iso = await uploadTinyIso(conn.rpc, pool.pool, 'tiny.iso');
    const dom = await defineDomain(conn.rpc, tcgDomainXml(GUEST, disk.path, iso.path));
    await startDomain(conn.rpc, dom);
    await new Promise((r) => setTimeout(r, BOOT_MS));
    const uuid = uuidToString(dom.uuid);

    const virtdeck: Times = { create: [], revert: [], delete: [] };
    const viaVirsh: Times = { create: [], revert: [], delete: [] };
    for (let i = 0; i < rounds; i++) {
      const name = `bench ${i}`;
      // The VM's state is read afresh before each step, as each API call does.
      await timed(virtdeck.create, async () =>
        createVmSnapshot(await openVm(conn.rpc, uuid), thumbnails, { name, memory: true }),
      );
      await timed(virtdeck.revert, async () =>
        revertVmSnapshot(await openVm(conn.rpc, uuid), name),
      );
      await timed(virtdeck.delete, async () =>
        deleteVmSnapshot(await openVm(conn.rpc, uuid), thumbnails, name, false),
      );

      const other = `virsh ${i}`;
      await timed(viaVirsh.create, () => virsh(host, 'snapshot-create-as', GUEST, other));
      await timed(viaVirsh.revert, () => virsh(host, 'snapshot-revert', GUEST, other));
      await timed(viaVirsh.delete, () => virsh(host, 'snapshot-delete', GUEST, other));
    }
    const ours = medians(virtdeck);
    const theirs = medians(viaVirsh);
    const total = (m: ReturnType<typeof medians>) => m.create + m.revert + m.delete;
    return {
      name: 'snapshot',
      rounds,
      mode: 'internal, with memory, running guest',
      median_ms: {
        create: round(ours.create, 1),
        revert: round(ours.revert, 1),
        delete: round(ours.delete, 1),
      },
      virsh_median_ms: {
        create: round(theirs.create, 1),
        revert: round(theirs.revert, 1),
        delete: round(theirs.delete, 1),
      },
      // Above 1: Virtdeck is faster than virsh for the whole create + revert + delete.
      ratio: round(total(theirs) / total(ours), 2),
      ratio_by_step: {
        create: round(theirs.create / ours.create, 2),
        revert: round(theirs.revert / ours.revert, 2),
        delete: round(theirs.delete / ours.delete, 2),
      },
    };
  } finally {
    await removeLeftovers(conn.rpc, [GUEST]);
    await pool.destroy().catch(() => {});
    await conn.close();
    await host.close();
    rmSync(configDir, { recursive: true, force: true });
  }
}

/** `--rounds N` from a benchmark's arguments. */
function roundsArg(args: string[]): number | undefined {
  const i = args.indexOf('--rounds');
  return i >= 0 ? Number(args[i + 1]) : undefined;
}

/** For run.ts: the test host started first, as every benchmark does. */
export const snapshot = (args: string[]) => snapshotBench(ensureTestEnvironment(), roundsArg(args));

// Run directly: on the test host as it is, without up.sh.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printResultAndExit(snapshotBench(loadTestHost(), roundsArg(process.argv.slice(2))));
}
