/**
 * Four VNC consoles at once on real TCG guests (issue 20 part 4), beside one console alone, in
 * the same run: the browser shell + Chromium over SSH, each console on a page of its own ("Open
 * in new window"). Each guest waits at isolinux's `boot:` prompt, which echoes what is typed, so
 * a key pressed on a console comes back as new pixels on its canvas: the frame latency is
 * keydown to the first animation frame whose canvas differs (measured inside the page). The
 * app's CPU share (backend + every Chromium process, QEMU apart) is taken while each console
 * gets a key every 100 ms.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeAppOverSsh, openAppOverSsh, type AppOverSsh } from '../test/e2e/support/appOverSsh';
import { launchChromium } from '../test/e2e/support/browser';
import { defineShutOffVm, virsh, type DefinedVm } from '../test/e2e/support/qemuVm';
import { vmRow } from '../test/e2e/support/ui';
import { tcgDomainXml } from '../test/support/libvirtFixtures';
import { ensureRendererBuilt } from '../src/main/web/rendererBuild';
import { cpuSeconds, descendants } from './procStats';
import { ensureTestEnvironment, percentile, round } from './support';

const GUESTS = 4;
const KEYS_PER_CONSOLE = 40;
const KEY_INTERVAL_MS = 100;

/**
 * Page-side probe (kept as text: this file is type-checked without DOM types): on each keydown,
 * the time until an animation frame shows the canvas changed.
 */
const FRAME_PROBE = `(canvas) => {
  window.__latency = [];
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const sample = () => {
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13) | 0;
    return h;
  };
  window.addEventListener('keydown', () => {
    const t0 = performance.now();
    const before = sample();
    const look = () => {
      if (sample() !== before) window.__latency.push(performance.now() - t0);
      else if (performance.now() - t0 < 2000) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }, { capture: true });
}`;

/** The VM's console on a page of its own, connected and drawing. */
async function openConsole(page: Page, name: string): Promise<Page> {
  await page.evaluate("window.location.hash = ''");
  await vmRow(page, name).getByRole('gridcell').first().dblclick();
  await page.getByRole('tab', { name: 'Console' }).click();
  const [popup] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('button', { name: 'Open in new window' }).click(),
  ]);
  await popup.getByRole('heading', { name: `${name} — console` }).waitFor({ timeout: 60_000 });
  const status = popup.getByRole('status');
  const started = Date.now();
  while ((await status.textContent()) !== 'Connected') {
    if (Date.now() - started > 60_000) throw new Error(`${name}: console not connected`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return popup;
}

const canvasOf = (popup: Page) =>
  popup.getByRole('region', { name: 'Console', exact: true }).locator('canvas');

/** Types on every console at once (a key each KEY_INTERVAL_MS), returning each one's latencies. */
async function typeOnAll(consoles: Page[], appPids: () => number[]) {
  for (const popup of consoles) {
    await canvasOf(popup).evaluate(
      (canvas, source: string) => ((0, eval)(source) as (el: unknown) => unknown)(canvas),
      FRAME_PROBE,
    );
    await popup.evaluate('window.__latency = []');
  }
  const cpuBefore = appPids().reduce((t, pid) => t + cpuSeconds(pid), 0);
  const started = performance.now();
  for (let i = 0; i < KEYS_PER_CONSOLE; i++) {
    // "a" then Backspace: the prompt line changes each time and never grows past the screen.
    const key = i % 2 === 0 ? 'a' : 'Backspace';
    await Promise.all(consoles.map((popup) => canvasOf(popup).press(key)));
    await new Promise((r) => setTimeout(r, KEY_INTERVAL_MS));
  }
  await new Promise((r) => setTimeout(r, 2000));
  const wall = (performance.now() - started) / 1000;
  const cpu = appPids().reduce((t, pid) => t + cpuSeconds(pid), 0) - cpuBefore;
  const latencies: number[][] = [];
  for (const popup of consoles) latencies.push(await popup.evaluate<number[]>('window.__latency'));
  return { latencies, cpuPercent: (cpu / wall) * 100 };
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    median_ms: round(percentile(sorted, 50), 1),
    p95_ms: round(percentile(sorted, 95), 1),
  };
}

export async function fourConsoles(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  await ensureRendererBuilt(join(import.meta.dirname, '..'));
  const tag = Math.random().toString(16).slice(2, 8);
  const names = Array.from({ length: GUESTS }, (_, i) => `bench-console-${tag}-${i + 1}`);
  let first: DefinedVm | undefined;
  const others = names.slice(1);
  const browser = await launchChromium();
  let opened: AppOverSsh | undefined;
  try {
    first = await defineShutOffVm(names[0]!);
    // The others boot the first one's ISO, without a disk (QEMU locks a disk in use).
    const iso = /<source file='([^']+\.iso)'/.exec(virsh('dumpxml', names[0]!))?.[1];
    if (!iso) throw new Error('no ISO in the first guest');
    const dir = mkdtempSync(join(tmpdir(), 'four-consoles-'));
    try {
      for (const name of others) {
        writeFileSync(join(dir, 'vm.xml'), tcgDomainXml(name, undefined, iso));
        virsh('define', join(dir, 'vm.xml'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const name of names) virsh('start', name);
    opened = await openAppOverSsh(browser, env, names[0]);
    // The backend and Chromium are this process's children; QEMU is libvirtd's, so not counted.
    const appPids = () => descendants(process.pid);
    // Let the guests reach their prompt (TCG boots isolinux in a few seconds).
    await new Promise((r) => setTimeout(r, 15_000));

    const alone = await openConsole(opened.page, names[0]!);
    const one = await typeOnAll([alone], appPids);
    const consoles = [alone];
    for (const name of others) consoles.push(await openConsole(opened.page, name));
    const four = await typeOnAll(consoles, appPids);
    for (const popup of consoles) await popup.close();

    const oneSummary = summary(one.latencies[0] ?? []);
    const fourSummaries = four.latencies.map(summary);
    const fourAll = summary(four.latencies.flat());
    return {
      bench: 'four-consoles',
      method:
        'keydown on the canvas to the first animation frame whose pixels differ (isolinux echoes the key); CPU of the backend and every Chromium process, QEMU apart, while each console gets a key every 100 ms',
      keys_per_console: KEYS_PER_CONSOLE,
      one_console: { ...oneSummary, app_cpu_percent: round(one.cpuPercent, 1) },
      four_consoles: {
        ...fourAll,
        each: fourSummaries,
        app_cpu_percent: round(four.cpuPercent, 1),
      },
      ratios_four_to_one: {
        median_latency: round(fourAll.median_ms / oneSummary.median_ms, 2),
        p95_latency: round(fourAll.p95_ms / oneSummary.p95_ms, 2),
        app_cpu: round(four.cpuPercent / one.cpuPercent, 2),
      },
    };
  } finally {
    await closeAppOverSsh(opened).catch(() => {});
    await browser.close();
    for (const name of others) {
      try {
        virsh('destroy', name);
      } catch {
        // not running
      }
      try {
        virsh('undefine', name);
      } catch {
        // never defined
      }
    }
    await first?.remove();
  }
}
