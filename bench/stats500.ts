/**
 * The cost of keeping live stats of 500 running domains at a 1 s interval over SSH: CPU time of
 * this process per wall time, and its resident memory. The figure to compare is virt-manager's
 * 17.4 % of a core at a 3 s interval on the same test driver.
 */
import { execFileSync } from 'node:child_process';
import { LibvirtConnection } from '../src/main/libvirt/connection';
import { DomainStatsPoller } from '../src/main/services/domainStatsPoller';
import { sshHostFor } from '../test/support/transports';
import { testDriverHostFile } from '../test/support/testDriverHost';
import { ensureTestEnvironment, round } from './support';

/**
 * Resident memory of an idle process started as this one was (same runtime flags: tsx's loader
 * and its worker thread under `npm run bench`), after a full collection: what the runtime costs
 * before any of the app's code is loaded.
 */
function idleRuntimeRssMb(): number {
  const code =
    'setTimeout(() => { globalThis.gc?.(); process.stdout.write(String(process.memoryUsage().rss)); }, 1000)';
  const out = execFileSync(process.execPath, [...process.execArgv, '--expose-gc', '-e', code], {
    encoding: 'utf8',
  });
  return Number(out.trim()) / (1 << 20);
}

export async function stats500(seconds = 60): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  const uri = `test://${testDriverHostFile(env, 500)}`;
  const host = sshHostFor(env, env.user);
  const conn = await LibvirtConnection.open(host, uri);
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
  global.gc?.();
  const cpuBefore = process.cpuUsage();
  const pollsBefore = polls;
  const t = performance.now();
  let maxRss = 0;
  const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 1000);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(rssTimer);
  const wallMs = performance.now() - t;
  const cpu = process.cpuUsage(cpuBefore);
  // What the resident memory is made of, after a full collection (run with --expose-gc).
  global.gc?.();
  const memory = process.memoryUsage();
  poller.stop();
  await conn.close();
  await host.close();
  if (lastCount !== 500) throw new Error(`expected stats of 500 domains, got ${lastCount}`);
  const idleRss = idleRuntimeRssMb();
  return {
    name: 'stats-500',
    seconds: round(wallMs / 1000, 1),
    polls: polls - pollsBefore,
    cpu_percent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100, 2),
    rss_mb: round(maxRss / (1 << 20), 1),
    idle_runtime_rss_mb: round(idleRss, 1),
    rss_over_idle_runtime_mb: round(maxRss / (1 << 20) - idleRss, 1),
    heap_used_mb: round(memory.heapUsed / (1 << 20), 1),
    heap_total_mb: round(memory.heapTotal / (1 << 20), 1),
    external_mb: round(memory.external / (1 << 20), 1),
    array_buffers_mb: round(memory.arrayBuffers / (1 << 20), 1),
  };
}
