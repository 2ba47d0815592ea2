/**
 * Offline migration with copied storage of a VM with a 1 GiB qcow2 disk full of data, from this
 * machine (libvirt 9.0) to the modern test host (libvirt 11.3): through Virtdeck (the move through
 * the app: each volume's download piped into the target's upload over the two SSH connections,
 * SHA-256 checked on the target, the VM defined there) against `virsh migrate
 * --copy-storage-all` of the same VM, in the same run.
 *
 * libvirt refuses `--offline` with `--copy-storage-all` ("offline migration cannot handle
 * non-shared storage"): when it does, the virsh side is a live migration of the guest started
 * paused (its disk copied by QEMU's NBD mirror, its memory by QEMU's migration stream, both
 * straight from host to host), and the output says so in `virsh_mode`.
 *
 * `npm run bench -- migrate [--mib N]`; on a test host already up (no up.sh), run this file
 * directly: `npx tsx bench/migrate.ts [--mib N]`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { defineDomain } from '../src/main/libvirt/domain';
import { uuidToString } from '../src/main/libvirt/refs';
import type { RpcClient } from '../src/main/libvirt/rpc/client';
import { refreshPool } from '../src/main/libvirt/storagePool';
import { HostSession } from '../src/main/services/hostSession';
import type { JobContext } from '../src/main/services/jobTypes';
import { moveThroughApp } from '../src/main/services/migration/moveThroughApp';
import {
  createQcow2,
  createTempPool,
  removeLeftovers,
  xmlEscape,
  type TempPool,
} from '../test/support/libvirtFixtures';
import { loadModernHost, type ModernHostEnv } from '../test/support/modernHost';
import { loadTestHost, type TestHostEnv } from '../test/support/testHost';
import { sshHostFor } from '../test/support/transports';
import { ensureTestEnvironment, printResultAndExit, round } from './support';
import { englishText } from '../src/shared/messages/message';

const run = promisify(execFile);
const GUEST = 'vd-move-bench';
const MiB = 1024 * 1024;

/** A guest with only its disk: the virsh side runs it paused, so it needs nothing to boot. */
function guestXml(diskPath: string): string {
  return `<domain type='qemu'>
  <name>${GUEST}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='${xmlEscape(diskPath)}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>`;
}

function session(id: string, uri: string, makeHost: () => ReturnType<typeof sshHostFor>) {
  return new HostSession(
    { id, uri, autoconnect: false },
    {
      emit: () => {},
      createHost: makeHost,
      onClosed: () => {},
      statsIntervalMs: () => 5000,
      statsActive: () => false,
    },
  );
}

/** The job interface, noting when each step starts (copy, verification, definition). */
function timedJob(): { job: JobContext; steps: { name: string; at: number }[] } {
  const steps: { name: string; at: number }[] = [];
  return {
    steps,
    job: {
      signal: new AbortController().signal,
      progress: () => {},
      step: (name) =>
        steps.push({
          name: typeof name === 'string' ? name : englishText(name),
          at: performance.now(),
        }),
      migration: () => {},
      stepProgress: () => {},
    },
  };
}

/** Seconds from each step's start to the next one's (the last one's to `end`). */
function stepSeconds(steps: { name: string; at: number }[], end: number): Record<string, number> {
  return Object.fromEntries(
    steps.map((s, i) => [s.name, round(((steps[i + 1]?.at ?? end) - s.at) / 1000, 2)]),
  );
}

async function virsh(...args: string[]): Promise<string> {
  const { stdout } = await run('virsh', ['-c', 'qemu:///system', ...args], {
    maxBuffer: 16 * MiB,
  });
  return stdout;
}

async function migrateBench(
  env: TestHostEnv,
  modern: ModernHostEnv,
  mib = 1024,
): Promise<Record<string, unknown>> {
  const source = session(
    'bench-source',
    `qemu+ssh://${env.user}@${env.sshHost}:${env.sshPort}/system`,
    () => sshHostFor(env, env.user),
  );
  const target = session(
    'bench-target',
    `qemu+ssh://${modern.user}@${modern.sshHost}:${modern.sshPort}/system`,
    () => sshHostFor(modern, modern.user),
  );
  await Promise.all([source.connect(), target.connect()]);
  const src: RpcClient = source.libvirt().rpc;
  const tgt: RpcClient = target.libvirt().rpc;
  const scratch = mkdtempSync(join(tmpdir(), 'vd-move-bench-'));
  let sourcePool: TempPool | undefined;
  let targetPool: TempPool | undefined;
  try {
    await removeLeftovers(src, [GUEST]);
    await removeLeftovers(tgt, [GUEST]);
    sourcePool = await createTempPool(src);
    // The same pool on the target (same name and directory): where both sides put the disk.
    targetPool = await createTempPool(tgt, sourcePool.pool.name);
    const disk = await createQcow2(src, sourcePool.pool, `${GUEST}.qcow2`, mib);
    // Non-zero data in every cluster: nothing for either side to skip. The bench runs on the
    // source host itself, which holds the file.
    await run('qemu-io', ['-f', 'qcow2', '-c', `write -P 0x5a 0 ${mib}M`, disk.path]);
    await refreshPool(src, sourcePool.pool);
    const dom = await defineDomain(src, guestXml(disk.path));
    const fileBytes = (await run('stat', ['-c', '%s', disk.path])).stdout.trim();

    // Virtdeck: the move through the app, source kept for the virsh side.
    const { job, steps } = timedJob();
    let t = performance.now();
    await moveThroughApp({ source, target }, job, {
      connectionId: source.config.id,
      uuid: uuidToString(dom.uuid),
      targetConnectionId: target.config.id,
      mode: 'offline',
      storage: 'copy',
      transport: 'through-app',
      keepSource: true,
    });
    const virtdeckEnd = performance.now();
    const virtdeckSeconds = (virtdeckEnd - t) / 1000;
    await removeLeftovers(tgt, [GUEST]);
    await virshTarget(
      modern,
      scratch,
      'vol-delete',
      '--pool',
      sourcePool.pool.name,
      `${GUEST}.qcow2`,
    );

    // virsh: offline with copied storage if libvirt takes it, else live of a paused guest.
    const dest = targetUri(modern, scratch);
    let virshMode = 'offline --copy-storage-all';
    t = performance.now();
    try {
      await virsh('migrate', '--offline', '--persistent', '--copy-storage-all', GUEST, dest);
    } catch (err) {
      virshMode =
        'live --copy-storage-all of the guest started paused (libvirt refused offline: ' +
        `${firstLine(err)})`;
      await virsh('start', '--paused', GUEST);
      t = performance.now();
      await virsh(
        'migrate',
        '--live',
        '--persistent',
        '--undefinesource',
        '--copy-storage-all',
        '--migrateuri',
        `tcp://${modern.sshHost}`,
        '--disks-uri',
        `tcp://${modern.sshHost}`,
        GUEST,
        dest,
      );
    }
    const virshSeconds = (performance.now() - t) / 1000;
    const bytes = Number(fileBytes);
    return {
      name: 'migrate',
      disk: `qcow2, ${mib} MiB written with qemu-io (file ${round(bytes / MiB, 1)} MiB)`,
      from: 'this host (libvirt 9.0) over SSH',
      to: `modern host (libvirt ${modern.libvirtVersion}) over SSH`,
      virtdeck: {
        mode: 'offline, storage copied through Virtdeck (download -> upload, SHA-256 verified)',
        seconds: round(virtdeckSeconds, 2),
        mib_s: round(bytes / MiB / virtdeckSeconds, 1),
        // The verification reads the target's file back: a second download when the SSH user
        // may not read the volume (libvirt makes them root's, mode 0600), sha256sum otherwise.
        step_seconds: stepSeconds(steps, virtdeckEnd),
      },
      virsh: {
        mode: virshMode,
        seconds: round(virshSeconds, 2),
        mib_s: round(bytes / MiB / virshSeconds, 1),
      },
      // Above 1: Virtdeck is faster than virsh.
      ratio: round(virshSeconds / virtdeckSeconds, 2),
    };
  } finally {
    await removeLeftovers(src, [GUEST]).catch(() => {});
    await removeLeftovers(tgt, [GUEST]).catch(() => {});
    await targetPool?.destroy().catch(() => {});
    await sourcePool?.destroy().catch(() => {});
    await Promise.all([source.disconnect(), target.disconnect()]);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The modern host as virsh reaches it: libvirt's libssh transport, with the test key and a
 * known_hosts file of its own (no change to this machine's ~/.ssh).
 */
function targetUri(modern: ModernHostEnv, scratch: string): string {
  const knownHosts = join(scratch, 'known_hosts');
  writeFileSync(knownHosts, `${modern.knownHostsLine}\n`);
  const params = new URLSearchParams({
    keyfile: modern.clientKey,
    known_hosts: knownHosts,
    sshauth: 'privkey',
  });
  return `qemu+libssh://${modern.user}@${modern.sshHost}/system?${params.toString()}`;
}

async function virshTarget(modern: ModernHostEnv, scratch: string, ...args: string[]) {
  await run('virsh', ['-c', targetUri(modern, scratch), ...args]);
}

function firstLine(err: unknown): string {
  const stderr = (err as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr ? stderr : String(err);
  return text.trim().split('\n')[0] ?? '';
}

/** `--mib N` from a benchmark's arguments (the disk's size; 1024 by default). */
function mibArg(args: string[]): number | undefined {
  const i = args.indexOf('--mib');
  return i >= 0 ? Number(args[i + 1]) : undefined;
}

/** For run.ts: the test host started first, as every benchmark does. */
export const migrate = (args: string[]) =>
  migrateBench(ensureTestEnvironment(), loadModernHost(), mibArg(args));

// Run directly: on the test hosts as they are, without up.sh.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printResultAndExit(migrateBench(loadTestHost(), loadModernHost(), mibArg(process.argv.slice(2))));
}
