/**
 * ISO upload: 1 GiB from this machine into a storage volume on the host over the private sshd,
 * through libvirt's volume upload stream (what the wizard's upload uses, over the app's one SSH
 * connection), beside `scp` of the same file to the same host over the same link, in one run.
 * Each is timed end to end (the volume's creation included); the best of two runs of each counts,
 * so one scheduling hiccup on a shared machine does not decide the ratio.
 */
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { createVolume, deleteVolume, uploadVolume } from '../src/main/libvirt/storageVolume';
import { storageVolumeXml } from '../src/main/xml/build/storageVolumeXml';
import { sshHostFor } from '../test/support/transports';
import { ensureTestEnvironment, round } from './support';

const execFileAsync = promisify(execFile);
const SIZE = 1024 ** 3;
const RUNS = 2;

export async function isoUpload(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  const dir = mkdtempSync(join(tmpdir(), 'vdk-wizard-bench-'));
  const file = join(dir, 'big.iso');
  // Random bytes: nothing along the way can compress them.
  const chunk = randomBytes(16 * 1024 * 1024);
  writeFileSync(file, Buffer.alloc(0));
  for (let i = 0; i < SIZE / chunk.length; i++) writeFileSync(file, chunk, { flag: 'a' });

  const host = sshHostFor(env, env.user);
  const conn = await LibvirtConnection.open(host, 'qemu:///system');
  const poolName = `vdk-wizard-bench-${randomBytes(3).toString('hex')}`;
  const poolPath = `/var/lib/libvirt/images/${poolName}`;
  const pool = await definePool(
    conn.rpc,
    `<pool type='dir'><name>${poolName}</name><target><path>${poolPath}</path></target></pool>`,
  );
  const remoteDir = `/tmp/${poolName}-scp`;
  const ssh = ['-P', String(env.sshPort), '-i', env.clientKey, '-o', 'BatchMode=yes'];
  const opts = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'];
  try {
    await buildPool(conn.rpc, pool);
    await startPool(conn.rpc, pool);
    const libvirtSeconds: number[] = [];
    const scpSeconds: number[] = [];
    await execFileAsync('ssh', [
      '-p',
      String(env.sshPort),
      '-i',
      env.clientKey,
      ...opts,
      `${env.user}@${env.sshHost}`,
      'mkdir',
      '-p',
      remoteDir,
    ]);
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      const vol = await createVolume(
        conn.rpc,
        pool,
        storageVolumeXml({ name: `big-${run}.iso`, capacity: SIZE, format: 'iso' }),
      );
      await uploadVolume(conn.rpc, vol, createReadStream(file, { highWaterMark: 1 << 20 }), {
        length: SIZE,
      });
      libvirtSeconds.push((performance.now() - t) / 1000);
      await deleteVolume(conn.rpc, vol);

      t = performance.now();
      await execFileAsync('scp', [
        ...ssh,
        ...opts,
        '-q',
        file,
        `${env.user}@${env.sshHost}:${remoteDir}/big.iso`,
      ]);
      scpSeconds.push((performance.now() - t) / 1000);
    }
    const libvirt = Math.min(...libvirtSeconds);
    const scp = Math.min(...scpSeconds);
    const mib = SIZE / 1024 ** 2;
    return {
      name: 'iso-upload',
      bytes: SIZE,
      libvirt_stream_mib_s: round(mib / libvirt, 1),
      scp_mib_s: round(mib / scp, 1),
      libvirt_seconds: libvirtSeconds.map((s) => round(s, 2)),
      scp_seconds: scpSeconds.map((s) => round(s, 2)),
      ratio_vs_scp: round(scp / libvirt, 3),
    };
  } finally {
    await execFileAsync('ssh', [
      '-p',
      String(env.sshPort),
      '-i',
      env.clientKey,
      ...opts,
      `${env.user}@${env.sshHost}`,
      'rm',
      '-rf',
      remoteDir,
    ]).catch(() => {});
    await stopPool(conn.rpc, pool).catch(() => {});
    await deletePoolStorage(conn.rpc, pool).catch(() => {});
    await undefinePool(conn.rpc, pool).catch(() => {});
    await conn.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
