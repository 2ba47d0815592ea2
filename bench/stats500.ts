/**
 * The cost of keeping live stats of 500 running domains at a 1 s interval over SSH: CPU time per
 * wall time and resident memory of the process doing it. The figure to compare is virt-manager's
 * 17.4 % of a core at a 3 s interval on the same test driver.
 *
 * The work runs as the app's backend runs: bundled by esbuild and started with plain node
 * (bench/stats500Run.ts), not under this process's tsx, whose loader and worker thread alone are
 * some 75 MB. An idle plain node process is measured beside it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { bundleForNode } from '../scripts/bundleForNode.mjs';
import { ensureTestEnvironment, round } from './support';

const ROOT = join(import.meta.dirname, '..');

/** Resident memory of an idle plain node process after a full collection: the runtime's floor. */
function idleNodeRssMb(): number {
  const code =
    'setTimeout(() => { globalThis.gc(); process.stdout.write(String(process.memoryUsage().rss)); }, 1000)';
  const out = execFileSync(process.execPath, ['--expose-gc', '-e', code], { encoding: 'utf8' });
  return Number(out.trim()) / (1 << 20);
}

export async function stats500(seconds = 60): Promise<Record<string, unknown>> {
  ensureTestEnvironment();
  const outfile = join(ROOT, 'out', 'bench', 'stats500Run.mjs');
  await bundleForNode({ entry: join(ROOT, 'bench', 'stats500Run.ts'), outfile });
  const out = execFileSync(process.execPath, ['--expose-gc', outfile, String(seconds)], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const run = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  const idleRss = idleNodeRssMb();
  const rss = run.rss_mb ?? 0;
  return {
    name: 'stats-500',
    runtime: 'node (bundled, as the backend runs)',
    seconds: round(run.seconds ?? 0, 1),
    polls: run.polls,
    cpu_percent: round(run.cpu_percent ?? 0, 2),
    rss_mb: round(rss, 1),
    rss_goal_mb: 100,
    rss_ratio_to_goal: round(rss / 100, 2),
    idle_node_rss_mb: round(idleRss, 1),
    rss_over_idle_node_mb: round(rss - idleRss, 1),
    heap_used_mb: round(run.heap_used_mb ?? 0, 1),
    heap_total_mb: round(run.heap_total_mb ?? 0, 1),
    external_mb: round(run.external_mb ?? 0, 1),
    array_buffers_mb: round(run.array_buffers_mb ?? 0, 1),
  };
}
