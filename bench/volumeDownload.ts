/**
 * Volume download: 1 GiB from a storage volume on the host to a file on this machine over the
 * private sshd, through libvirt's volume download streams (what the storage page's Download uses,
 * window by window over the app's one SSH connection), beside `scp` of the same bytes from the same
 * host over the same link, in one run. Each is timed end to end; the best of two runs of each
 * counts, so one scheduling hiccup on a shared machine does not decide the ratio.
 */
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createVolume, downloadVolume, uploadVolume } from '../src/main/libvirt/storageVolume';
import { storageVolumeXml } from '../src/main/xml/build/storageVolumeXml';
import { openTransferBench, RUNS, SIZE, transferResult } from './transferBench';

export async function volumeDownload(): Promise<Record<string, unknown>> {
  const { conn, pool, file, dir, target, remoteDir, scp, close } = await openTransferBench(
    'download',
    'big.raw',
  );
  try {
    const vol = await createVolume(
      conn.rpc,
      pool,
      storageVolumeXml({ name: 'big.raw', capacity: SIZE, format: 'raw' }),
    );
    await uploadVolume(conn.rpc, vol, createReadStream(file, { highWaterMark: 1 << 20 }), {
      length: SIZE,
    });
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
    return transferResult('volume-download', libvirtSeconds, scpSeconds);
  } finally {
    await close();
  }
}
