/**
 * What the transfer benchmarks (ISO upload, volume download) share: 1 GiB of random bytes in a
 * file here, the app's one SSH connection to the private sshd with a fresh dir pool on the host,
 * a folder on the host for `scp`, and how the two are compared. Everything made is removed by
 * `close`, also after a failed setup.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LibvirtConnection } from '../src/main/libvirt/connection';
import type { StoragePoolRef } from '../src/main/libvirt/refs';
import {
  buildPool,
  definePool,
  deletePoolStorage,
  startPool,
  stopPool,
  undefinePool,
} from '../src/main/libvirt/storagePool';
import { sshHostFor } from '../test/support/transports';
import { ensureTestEnvironment, round } from './support';

const execFileAsync = promisify(execFile);
export const SIZE = 1024 ** 3;
/** The best of this many runs of each counts: one scheduling hiccup does not decide the ratio. */
export const RUNS = 2;

export interface TransferBench {
  conn: LibvirtConnection;
  pool: StoragePoolRef;
  /** The 1 GiB file on this machine, and the folder it is in (for copies back). */
  file: string;
  dir: string;
  /** user@host and the folder on the host that `scp` copies to and from. */
  target: string;
  remoteDir: string;
  scp(from: string, to: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Sets the benchmark up; `name` (`download`, `wizard`) marks its files, pool and folders. */
export async function openTransferBench(name: string, fileName: string): Promise<TransferBench> {
  const env = ensureTestEnvironment();
  const dir = mkdtempSync(join(tmpdir(), `vdk-${name}-bench-`));
  const file = join(dir, fileName);
  // Random bytes: nothing along the way can compress them.
  const chunk = randomBytes(16 * 1024 * 1024);
  writeFileSync(file, Buffer.alloc(0));
  for (let i = 0; i < SIZE / chunk.length; i++) writeFileSync(file, chunk, { flag: 'a' });

  const host = sshHostFor(env, env.user);
  const conn = await LibvirtConnection.open(host, 'qemu:///system');
  const poolName = `vdk-${name}-bench-${randomBytes(3).toString('hex')}`;
  const poolPath = `/var/lib/libvirt/images/${poolName}`;
  const pool = await definePool(
    conn.rpc,
    `<pool type='dir'><name>${poolName}</name><target><path>${poolPath}</path></target></pool>`,
  );
  const remoteDir = `/tmp/${poolName}-scp`;
  const target = `${env.user}@${env.sshHost}`;
  const opts = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'];
  const ssh = (...command: string[]) =>
    execFileAsync('ssh', [
      '-p',
      String(env.sshPort),
      '-i',
      env.clientKey,
      ...opts,
      target,
      ...command,
    ]);
  const scp = (from: string, to: string) =>
    execFileAsync('scp', [
      '-P',
      String(env.sshPort),
      '-i',
      env.clientKey,
      '-o',
      'BatchMode=yes',
      ...opts,
      '-q',
      from,
      to,
    ]);
  const close = async () => {
    await ssh('rm', '-rf', remoteDir).catch(() => {});
    await stopPool(conn.rpc, pool).catch(() => {});
    await deletePoolStorage(conn.rpc, pool).catch(() => {});
    await undefinePool(conn.rpc, pool).catch(() => {});
    await conn.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await buildPool(conn.rpc, pool);
    await startPool(conn.rpc, pool);
    await ssh('mkdir', '-p', remoteDir);
  } catch (err) {
    await close();
    throw err;
  }
  return { conn, pool, file, dir, target, remoteDir, scp, close };
}

/** The result row: each way's best rate and its times, and how libvirt compares with scp. */
export function transferResult(
  name: string,
  libvirtSeconds: number[],
  scpSeconds: number[],
): Record<string, unknown> {
  const libvirt = Math.min(...libvirtSeconds);
  const scp = Math.min(...scpSeconds);
  const mib = SIZE / 1024 ** 2;
  return {
    name,
    bytes: SIZE,
    libvirt_stream_mib_s: round(mib / libvirt, 1),
    scp_mib_s: round(mib / scp, 1),
    libvirt_seconds: libvirtSeconds.map((s) => round(s, 2)),
    scp_seconds: scpSeconds.map((s) => round(s, 2)),
    ratio_vs_scp: round(scp / libvirt, 3),
  };
}
