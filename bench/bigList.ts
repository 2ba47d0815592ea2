/**
 * Filter on 2000 VMs: the browser shell on a test-driver host of 2000 VMs, its list open in
 * Chromium, and the filter box typed into (a name, then erased, five times): from keydown to the
 * list laid out (`work`) and to the next painted frame (`frame`), median and p95.
 */
import { join } from 'node:path';
import { ensureRendererBuilt } from '../src/main/web/rendererBuild';
import { launchChromium, openPage } from '../test/e2e/support/browser';
import { addCustomUriConnection, vmRow } from '../test/e2e/support/ui';
import { makeUserHome } from '../test/e2e/support/userHome';
import { startWebApp } from '../test/e2e/support/webApp';
import { testDriverHostFile } from '../test/support/testDriverHost';
import { filterLatency } from './filterLatency';
import { ensureTestEnvironment, percentile, round } from './support';

export async function bigList(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  await ensureRendererBuilt(join(import.meta.dirname, '..'));
  const browser = await launchChromium();
  const home = makeUserHome(env);
  const app = await startWebApp(home.dir);
  try {
    const { page } = await openPage(browser, app.url);
    await addCustomUriConnection(page, `test://${testDriverHostFile(env, 2000)}`);
    await vmRow(page, 'vm-0000').waitFor({ timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 3000));
    const latency = await filterLatency(page);
    const work = [...latency.work].sort((a, b) => a - b);
    const frame = [...latency.frame].sort((a, b) => a - b);
    return {
      name: 'big-list',
      vms: 2000,
      keystrokes: work.length,
      work_median_ms: round(percentile(work, 50), 2),
      work_p95_ms: round(percentile(work, 95), 2),
      frame_median_ms: round(percentile(frame, 50), 2),
      frame_p95_ms: round(percentile(frame, 95), 2),
    };
  } finally {
    await browser.close();
    await app.stop();
    home.remove();
  }
}
