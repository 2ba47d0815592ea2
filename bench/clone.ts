/**
 * Full and linked clone of a guest with a 1 GiB qcow2 disk (1 GiB of data written in it) through
 * Virtdeck's clone job (the RPC client over the SSH transport), beside `virt-clone` run on the
 * same host over the same SSH connection, on the same guest, in the same run. Rounds alternate
 * between the three so that the page cache weighs on all alike; each clone is removed before the
 * next round. virt-clone makes no linked clone: the linked time is compared with its full one.
 *
 * `npm run bench -- clone [--rounds N]`; on a test host already up (no up.sh), run this file
 * directly: `npx tsx bench/clone.ts [--rounds N]`.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { JobRunner } from '../src/main/api/jobs';
import type { SshHost } from '../src/main/hosts/ssh/sshHost';
import { LibvirtConnection } from '../src/main/libvirt/connection';
import { defineDomain } from '../src/main/libvirt/domain';
import { uuidToString } from '../src/main/libvirt/refs';
import {
  createVolume,
  createVolumeFrom,
  deleteVolume,
  getVolumePath,
  listVolumes,
  uploadVolume,
} from '../src/main/libvirt/storageVolume';
import { startCloneVm } from '../src/main/services/vmClone/cloneVm';
import {
  createTempPool,
  removeLeftovers,
  tcgDomainXml,
  type TempPool,
} from '../test/support/libvirtFixtures';
import { loadTestHost, type TestHostEnv } from '../test/support/testHost';
import { sshHostFor } from '../test/support/transports';
import { ensureTestEnvironment, percentile, printResultAndExit, round } from './support';

const GUEST = 'vd-clonebe-bench';
const CLONE = 'vd-clonebe-bench-clone';
const URI = 'qemu:///system';
const GiB = 1024 ** 3;
const CHUNK = 4 * 1024 * 1024;

type Way = 'full' | 'linked' | 'virtClone';

async function exec(host: SshHost, argv: string[]): Promise<void> {
  const r = await host.exec(argv);
  if (r.code !== 0) throw new Error(`${argv[0]} failed: ${r.stderr.toString()}`);
}

/** 1 GiB of random bytes (nothing a copy could skip as zeros). */
function randomGiB(): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= GiB) return this.push(null);
      sent += CHUNK;
      this.push(randomBytes(CHUNK));
    },
  });
}

/** A 1 GiB qcow2 volume full of data: random bytes uploaded raw, converted by libvirt. */
async function dataQcow2(conn: LibvirtConnection, pool: TempPool): Promise<string> {
  const rpc = conn.rpc;
  const raw = await createVolume(
    rpc,
    pool.pool,
    `<volume><name>data.raw</name><capacity unit='bytes'>${GiB}</capacity>` +
      `<target><format type='raw'/></target></volume>`,
  );
  await uploadVolume(rpc, raw, randomGiB(), { length: GiB });
  const qcow2 = await createVolumeFrom(
    rpc,
    pool.pool,
    `<volume><name>disk.qcow2</name><capacity unit='bytes'>${GiB}</capacity>` +
      `<target><format type='qcow2'/></target></volume>`,
    raw,
  );
  await deleteVolume(rpc, raw);
  return getVolumePath(rpc, qcow2);
}

/** Removes the clone's definition and every volume but the source's. */
async function removeClone(conn: LibvirtConnection, pool: TempPool, keep: string): Promise<void> {
  await removeLeftovers(conn.rpc, [CLONE]);
  for (const vol of await listVolumes(conn.rpc, pool.pool)) {
    if (vol.key !== keep) await deleteVolume(conn.rpc, vol);
  }
}

async function cloneBench(env: TestHostEnv, rounds = 3): Promise<Record<string, unknown>> {
  const host = sshHostFor(env, env.user);
  const conn = await LibvirtConnection.open(host, URI);
  const jobs = new JobRunner(() => {});
  await removeLeftovers(conn.rpc, [GUEST, CLONE]);
  const pool = await createTempPool(conn.rpc);
  try {
    const disk = await dataQcow2(conn, pool);
    const xml = tcgDomainXml(GUEST, disk, '/nonexistent.iso').replace(
      /<disk type='file' device='cdrom'>[\s\S]*?<\/disk>/,
      '',
    );
    const uuid = uuidToString((await defineDomain(conn.rpc, xml)).uuid);
    const times: Record<Way, number[]> = { full: [], linked: [], virtClone: [] };
    const timed = async (way: Way, work: () => Promise<unknown>) => {
      const t = performance.now();
      await work();
      times[way].push(performance.now() - t);
      await removeClone(conn, pool, disk);
    };
    const viaVirtdeck = async (mode: 'copy' | 'linked') => {
      const started = await startCloneVm(host, conn, jobs, {
        connectionId: 'bench',
        uuid,
        name: CLONE,
        disks: [{ target: 'vda', mode, volume: 'clone.qcow2' }],
        pauseSource: false,
        start: false,
      });
      await started.result;
    };
    for (let i = 0; i < rounds; i++) {
      await timed('full', () => viaVirtdeck('copy'));
      await timed('linked', () => viaVirtdeck('linked'));
      await timed('virtClone', () =>
        exec(host, [
          'virt-clone',
          '--connect',
          URI,
          '--original',
          GUEST,
          '--name',
          CLONE,
          '--file',
          `${pool.path}/clone.qcow2`,
        ]),
      );
    }
    const median = (way: Way) =>
      percentile(
        [...times[way]].sort((a, b) => a - b),
        50,
      );
    const full = median('full');
    const linked = median('linked');
    const virtClone = median('virtClone');
    return {
      name: 'clone',
      rounds,
      disk: '1 GiB qcow2, 1 GiB of random data',
      median_ms: { full: round(full, 1), linked: round(linked, 1) },
      virt_clone_median_ms: round(virtClone, 1),
      // Above 1: Virtdeck is faster than virt-clone (which has no linked clone: its full one).
      ratio_full: round(virtClone / full, 2),
      ratio_linked: round(virtClone / linked, 2),
    };
  } finally {
    await removeLeftovers(conn.rpc, [GUEST, CLONE]);
    await pool.destroy().catch(() => {});
    await conn.close();
    await host.close();
  }
}

/** `--rounds N` from a benchmark's arguments. */
function roundsArg(args: string[]): number | undefined {
  const i = args.indexOf('--rounds');
  return i >= 0 ? Number(args[i + 1]) : undefined;
}

/** For run.ts: the test host started first, as every benchmark does. */
export const clone = (args: string[]) => cloneBench(ensureTestEnvironment(), roundsArg(args));

// Run directly: on the test host as it is, without up.sh.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printResultAndExit(cloneBench(loadTestHost(), roundsArg(process.argv.slice(2))));
}
