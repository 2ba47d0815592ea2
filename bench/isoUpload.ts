/**
 * ISO upload: 1 GiB from this machine into a storage volume on the host over the private sshd,
 * through libvirt's volume upload stream (what the wizard's upload uses, over the app's one SSH
 * connection), beside `scp` of the same file to the same host over the same link, in one run.
 * Each is timed end to end (the volume's creation included); the best of two runs of each counts,
 * so one scheduling hiccup on a shared machine does not decide the ratio.
 * Beside the times, CPU per MiB on each side of the link: here (this process; scp and its ssh),
 * and on the host (the test sshd and everything under it; libvirtd with its iohelper, which
 * writes the volume). On two cores the rate follows the whole path's CPU per MiB.
 */
import { createReadStream } from 'node:fs';
import {
  createVolume,
  deleteVolume,
  lookupVolumeByName,
  uploadVolume,
} from '../src/main/libvirt/storageVolume';
import { storageVolumeXml } from '../src/main/xml/build/storageVolumeXml';
import { libvirtdPid } from '../test/support/libvirtd';
import { cpuSeconds, trackTreeCpu } from './procStats';
import { ensureTestEnvironment, round, sshdPid } from './support';
import { openTransferBench, RUNS, SIZE, transferResult } from './transferBench';

/** CPU per MiB of one transfer, each side of the link, and its time. */
interface Sides {
  seconds: number;
  hereMsPerMib: number;
  hostMsPerMib: number;
}

async function measured(hostPids: number[], transfer: () => Promise<unknown>): Promise<Sides> {
  const [t, here0, host] = [performance.now(), cpuSeconds('self', true), trackTreeCpu(hostPids)];
  await transfer();
  const seconds = (performance.now() - t) / 1000;
  const hostSeconds = host.stop();
  const mib = SIZE / (1 << 20);
  return {
    seconds,
    hereMsPerMib: ((cpuSeconds('self', true) - here0) * 1000) / mib,
    hostMsPerMib: (hostSeconds * 1000) / mib,
  };
}

export async function isoUpload(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  const libvirtd = libvirtdPid();
  if (libvirtd === undefined) throw new Error('libvirtd is not running');
  const hostPids = [sshdPid(env), libvirtd];
  const { conn, pool, file, target, remoteDir, scp, close } = await openTransferBench(
    'wizard',
    'big.iso',
  );
  try {
    const libvirtRuns: Sides[] = [];
    const scpRuns: Sides[] = [];
    for (let run = 0; run < RUNS; run++) {
      libvirtRuns.push(
        await measured(hostPids, async () => {
          const vol = await createVolume(
            conn.rpc,
            pool,
            storageVolumeXml({ name: `big-${run}.iso`, capacity: SIZE, format: 'iso' }),
          );
          await uploadVolume(conn.rpc, vol, createReadStream(file, { highWaterMark: 1 << 20 }), {
            length: SIZE,
          });
        }),
      );
      await deleteVolume(conn.rpc, await lookupVolumeByName(conn.rpc, pool, `big-${run}.iso`));
      scpRuns.push(await measured(hostPids, () => scp(file, `${target}:${remoteDir}/big.iso`)));
    }
    const least = (runs: Sides[], side: 'hereMsPerMib' | 'hostMsPerMib'): number =>
      round(Math.min(...runs.map((r) => r[side])), 2);
    const path = (runs: Sides[]): number =>
      round(Math.min(...runs.map((r) => r.hereMsPerMib + r.hostMsPerMib)), 2);
    return {
      ...transferResult(
        'iso-upload',
        libvirtRuns.map((r) => r.seconds),
        scpRuns.map((r) => r.seconds),
      ),
      // Here: this process (reading the file, RPC framing, ssh2's encryption) against scp + ssh.
      app_cpu_ms_per_mib: least(libvirtRuns, 'hereMsPerMib'),
      scp_client_cpu_ms_per_mib: least(scpRuns, 'hereMsPerMib'),
      // On the host: sshd, libvirtd and its iohelper against sshd and its scp.
      host_cpu_ms_per_mib: {
        libvirt: least(libvirtRuns, 'hostMsPerMib'),
        scp: least(scpRuns, 'hostMsPerMib'),
      },
      path_cpu_ms_per_mib: { libvirt: path(libvirtRuns), scp: path(scpRuns) },
    };
  } finally {
    await close();
  }
}
