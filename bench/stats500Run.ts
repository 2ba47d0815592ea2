/**
 * stats-500's measured part, run by bench/stats500.ts as the app's backend runs: bundled by
 * esbuild and started with plain `node --expose-gc` (no tsx loader in the process). Keeps stats of
 * the 500 running domains at 1 s over SSH for `seconds` (argv[2]) and prints one JSON line.
 */
import { LibvirtConnection } from '../src/main/libvirt/connection';
import { DomainStatsPoller } from '../src/main/services/domainStatsPoller';
import { loadTestHost } from '../test/support/testHost';
import { testDriverHostFile } from '../test/support/testDriverHost';
import { sshHostFor } from '../test/support/transports';
import { printResultAndExit } from './support';

const MB = 1 << 20;

async function run(seconds: number): Promise<Record<string, number>> {
  const env = loadTestHost();
  const host = sshHostFor(env, env.user);
  const conn = await LibvirtConnection.open(host, `test://${testDriverHostFile(env, 500)}`);
  let polls = 0;
  let lastCount = 0;
  const poller = new DomainStatsPoller(conn.rpc, {
    intervalMs: 1000,
    onSamples: (samples) => {
      polls++;
      lastCount = samples.length;
    },
    onError: (err) => console.error(err),
  });
  // Let start-up (connect, JIT warm-up) settle before measuring.
  poller.start();
  await new Promise((r) => setTimeout(r, 3000));
  globalThis.gc?.();
  const cpuBefore = process.cpuUsage();
  const pollsBefore = polls;
  const t = performance.now();
  let maxRss = 0;
  const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 1000);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(rssTimer);
  const wallMs = performance.now() - t;
  const cpu = process.cpuUsage(cpuBefore);
  // What the resident memory is made of, after a full collection.
  globalThis.gc?.();
  const memory = process.memoryUsage();
  poller.stop();
  await conn.close();
  await host.close();
  if (lastCount !== 500) throw new Error(`expected stats of 500 domains, got ${lastCount}`);
  return {
    seconds: wallMs / 1000,
    polls: polls - pollsBefore,
    cpu_percent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    rss_mb: maxRss / MB,
    heap_used_mb: memory.heapUsed / MB,
    heap_total_mb: memory.heapTotal / MB,
    external_mb: memory.external / MB,
    array_buffers_mb: memory.arrayBuffers / MB,
  };
}

printResultAndExit(run(Number(process.argv[2] ?? 60)));
