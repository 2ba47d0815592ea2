/**
 * Volume download: 1 GiB from a storage volume on the host to a file on this machine over the
 * private sshd, through libvirt's volume download streams (what the storage page's Download uses,
 * window by window over the app's one SSH connection), beside `scp` of the same bytes from the same
 * host over the same link, in one run. Each is timed end to end; the best of two runs of each
 * counts, so one scheduling hiccup on a shared machine does not decide the ratio.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LibvirtConnection } from '../src/main/libvirt/connection';
import {
  buildPool,
  definePool,
  deletePoolStorage,
  startPool,
  stopPool,
  undefinePool,
} from '../src/main/libvirt/storagePool';
import { createVolume, downloadVolume, uploadVolume } from '../src/main/libvirt/storageVolume';
import { storageVolumeXml } from '../src/main/xml/build/storageVolumeXml';
import { sshHostFor } from '../test/support/transports';
import { ensureTestEnvironment, round } from './support';

const execFileAsync = promisify(execFile);
const SIZE = 1024 ** 3;
const RUNS = 2;

export async function volumeDownload(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  const dir = mkdtempSync(join(tmpdir(), 'vdk-download-bench-'));
  const file = join(dir, 'big.raw');
  // Random bytes: nothing along the way can compress them.
  const chunk = randomBytes(16 * 1024 * 1024);
  writeFileSync(file, Buffer.alloc(0));
  for (let i = 0; i < SIZE / chunk.length; i++) writeFileSync(file, chunk, { flag: 'a' });

  const host = sshHostFor(env, env.user);
  const conn = await LibvirtConnection.open(host, 'qemu:///system');
  const poolName = `vdk-download-bench-${randomBytes(3).toString('hex')}`;
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
  try {
    await buildPool(conn.rpc, pool);
    await startPool(conn.rpc, pool);
    const vol = await createVolume(
      conn.rpc,
      pool,
      storageVolumeXml({ name: 'big.raw', capacity: SIZE, format: 'raw' }),
    );
    await uploadVolume(conn.rpc, vol, createReadStream(file, { highWaterMark: 1 << 20 }), {
      length: SIZE,
    });
    await ssh('mkdir', '-p', remoteDir);
    await scp(file, `${target}:${remoteDir}/big.raw`);

    const libvirtSeconds: number[] = [];
    const scpSeconds: number[] = [];
    const copy = join(dir, 'copy.raw');
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      const bytes = await downloadVolume(conn.rpc, vol, createWriteStream(copy));
      libvirtSeconds.push((performance.now() - t) / 1000);
      if (bytes !== SIZE) throw new Error(`downloaded ${bytes} of ${SIZE} bytes`);
      rmSync(copy);

      t = performance.now();
      await scp(`${target}:${remoteDir}/big.raw`, copy);
      scpSeconds.push((performance.now() - t) / 1000);
      rmSync(copy);
    }
    const libvirt = Math.min(...libvirtSeconds);
    const scpBest = Math.min(...scpSeconds);
    const mib = SIZE / 1024 ** 2;
    return {
      name: 'volume-download',
      bytes: SIZE,
      libvirt_stream_mib_s: round(mib / libvirt, 1),
      scp_mib_s: round(mib / scpBest, 1),
      libvirt_seconds: libvirtSeconds.map((s) => round(s, 2)),
      scp_seconds: scpSeconds.map((s) => round(s, 2)),
      ratio_vs_scp: round(scpBest / libvirt, 3),
    };
  } finally {
    await ssh('rm', '-rf', remoteDir).catch(() => {});
    await stopPool(conn.rpc, pool).catch(() => {});
    await deletePoolStorage(conn.rpc, pool).catch(() => {});
    await undefinePool(conn.rpc, pool).catch(() => {});
    await conn.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
