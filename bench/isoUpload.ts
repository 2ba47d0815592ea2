/**
 * ISO upload: 1 GiB from this machine into a storage volume on the host over the private sshd,
 * through libvirt's volume upload stream (what the wizard's upload uses, over the app's one SSH
 * connection), beside `scp` of the same file to the same host over the same link, in one run.
 * Each is timed end to end (the volume's creation included); the best of two runs of each counts,
 * so one scheduling hiccup on a shared machine does not decide the ratio.
 */
import { createReadStream } from 'node:fs';
import { createVolume, deleteVolume, uploadVolume } from '../src/main/libvirt/storageVolume';
import { storageVolumeXml } from '../src/main/xml/build/storageVolumeXml';
import { round } from './support';
import { openTransferBench, RUNS, SIZE, transferResult } from './transferBench';

export async function isoUpload(): Promise<Record<string, unknown>> {
  const { conn, pool, file, target, remoteDir, scp, close } = await openTransferBench(
    'wizard',
    'big.iso',
  );
  try {
    const libvirtSeconds: number[] = [];
    const scpSeconds: number[] = [];
    // This process's CPU per MiB uploaded (reading the file, RPC framing, ssh2's encryption).
    const cpuMsPerMib: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      const cpu = process.cpuUsage();
      const vol = await createVolume(
        conn.rpc,
        pool,
        storageVolumeXml({ name: `big-${run}.iso`, capacity: SIZE, format: 'iso' }),
      );
      await uploadVolume(conn.rpc, vol, createReadStream(file, { highWaterMark: 1 << 20 }), {
        length: SIZE,
      });
      libvirtSeconds.push((performance.now() - t) / 1000);
      const used = process.cpuUsage(cpu);
      cpuMsPerMib.push((used.user + used.system) / 1000 / (SIZE / (1 << 20)));
      await deleteVolume(conn.rpc, vol);

      t = performance.now();
      await scp(file, `${target}:${remoteDir}/big.iso`);
      scpSeconds.push((performance.now() - t) / 1000);
    }
    return {
      ...transferResult('iso-upload', libvirtSeconds, scpSeconds),
      app_cpu_ms_per_mib: round(Math.min(...cpuMsPerMib), 2),
    };
  } finally {
    await close();
  }
}
