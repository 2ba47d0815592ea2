/**
 * Four VNC consoles at once on real TCG guests (issue 20 part 4), beside one console alone, in
 * the same run: the browser shell + Chromium over SSH, each console on a page of its own ("Open
 * in new window"). Each guest waits at isolinux's `boot:` prompt, which echoes what is typed, so
 * a key pressed on a console comes back as new pixels on its canvas: the frame latency is
 * keydown to the first animation frame whose canvas differs (measured inside the page). The
 * app's CPU share (backend + every Chromium process, QEMU apart) is taken while each console
 * gets a key every 100 ms.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeAppOverSsh, openAppOverSsh, type AppOverSsh } from '../test/e2e/support/appOverSsh';
import { launchChromium } from '../test/e2e/support/browser';
import { defineShutOffVm, virsh, type DefinedVm } from '../test/e2e/support/qemuVm';
import { vmRow } from '../test/e2e/support/ui';
import { tcgDomainXml } from '../test/support/libvirtFixtures';
import { ensureRendererBuilt } from '../src/main/web/rendererBuild';
import { commandLine, cpuSeconds, descendants } from './procStats';
import { ensureTestEnvironment, percentile, round } from './support';

const GUESTS = 4;
const KEYS_PER_CONSOLE = 40;
const KEY_INTERVAL_MS = 100;

/**
 * Page-side probe (kept as text: this file is type-checked without DOM types): on each keydown
 * on this canvas, the time until an animation frame shows the canvas changed; latencies are kept
 * per canvas, under the index given.
 */
const FRAME_PROBE = `([canvas, index]) => {
  window.__latency = window.__latency || {};
  window.__latency[index] = [];
  if (canvas.__probed) return;
  canvas.__probed = true;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const sample = () => {
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13) | 0;
    return h;
  };
  canvas.addEventListener('keydown', () => {
    const t0 = performance.now();
    const before = sample();
    const look = () => {
      if (sample() !== before) window.__latency[index].push(performance.now() - t0);
      else if (performance.now() - t0 < 3000) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }, { capture: true });
}`;

/**
 * The first VM's console on a page of its own ("Open in new window"), connected; the others are
 * added to it as tiles ("Open another console…"), as a user keeps several side by side.
 */
async function openConsolePage(page: Page, name: string): Promise<Page> {
  await vmRow(page, name).getByRole('gridcell').first().dblclick();
  await page.getByRole('tab', { name: 'Console' }).click();
  const [popup] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('button', { name: 'Open in new window' }).click(),
  ]);
  await popup.getByRole('heading', { name: `${name} — console` }).waitFor({ timeout: 60_000 });
  await popup.getByRole('combobox', { name: 'Open another console…' }).waitFor();
  await canvasOf(popup, name).waitFor({ timeout: 60_000 });
  return popup;
}

async function addTile(popup: Page, name: string): Promise<void> {
  const picker = popup.getByRole('combobox', { name: 'Open another console…' });
  const key = await picker.locator('option', { hasText: name }).getAttribute('value');
  await picker.selectOption(key ?? '');
  await popup.getByText('Tile', { exact: true }).click();
  await canvasOf(popup, name).waitFor({ timeout: 60_000 });
}

/** A VM's canvas: in its tile when the page has tiles, else the page's one console. */
async function canvasLocator(popup: Page, name: string) {
  const tile = popup.getByRole('region', { name, exact: true });
  const scope = (await tile.count()) > 0 ? tile : popup;
  return scope.getByRole('region', { name: 'Console', exact: true }).locator('canvas');
}

const canvasOf = (popup: Page, name: string) => ({
  waitFor: async (options: { timeout: number }) => {
    const started = Date.now();
    for (;;) {
      const canvas = await canvasLocator(popup, name);
      if ((await canvas.count()) === 1) return canvas.waitFor(options);
      if (Date.now() - started > options.timeout) throw new Error(`${name}: no console canvas`);
      await new Promise((r) => setTimeout(r, 250));
    }
  },
});

/** The QEMU processes of these guests (libvirt names each `guest=NAME` on its command line). */
function qemuPids(names: readonly string[]): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const cmd = commandLine(pid);
      return cmd.includes('qemu-system') && names.some((n) => cmd.includes(`guest=${n},`));
    });
}

const cpuOf = (pids: number[]) => pids.reduce((t, pid) => t + cpuSeconds(pid), 0);

/**
 * Types on every console at once (a key each KEY_INTERVAL_MS): each one's latencies, the app's CPU
 * share and the guests' QEMU's (TCG on two cores: the guests' own echo competes for them too).
 */
async function typeOnAll(
  popup: Page,
  names: readonly string[],
  appPids: () => number[],
  qemu: number[],
) {
  const canvases = [];
  for (const [index, name] of names.entries()) {
    const canvas = await canvasLocator(popup, name);
    await canvas.evaluate(
      (el, [source, i]: [string, number]) =>
        ((0, eval)(source) as (args: unknown) => unknown)([el, i]),
      [FRAME_PROBE, index] as [string, number],
    );
    canvases.push(canvas);
  }
  const cpuBefore = cpuOf(appPids());
  const qemuBefore = cpuOf(qemu);
  const started = performance.now();
  for (let i = 0; i < KEYS_PER_CONSOLE; i++) {
    // "a" then Backspace: the prompt line changes each time and never grows past the screen.
    const key = i % 2 === 0 ? 'a' : 'Backspace';
    for (const canvas of canvases) await canvas.press(key);
    await new Promise((r) => setTimeout(r, KEY_INTERVAL_MS));
  }
  await new Promise((r) => setTimeout(r, 3000));
  const wall = (performance.now() - started) / 1000;
  const cpu = cpuOf(appPids()) - cpuBefore;
  const qemuCpu = cpuOf(qemu) - qemuBefore;
  const all = await popup.evaluate<Record<string, number[]>>('window.__latency');
  const latencies = names.map((_, index) => all[String(index)] ?? []);
  return { latencies, cpuPercent: (cpu / wall) * 100, qemuCpuPercent: (qemuCpu / wall) * 100 };
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

    const popup = await openConsolePage(opened.page, names[0]!);
    const one = await typeOnAll(popup, names.slice(0, 1), appPids, qemuPids(names));
    for (const name of others) await addTile(popup, name);
    // Each new console connects and draws its screen first.
    await new Promise((r) => setTimeout(r, 5000));
    const four = await typeOnAll(popup, names, appPids, qemuPids(names));
    await popup.close();

    const oneSummary = summary(one.latencies[0] ?? []);
    const fourSummaries = four.latencies.map(summary);
    const fourAll = summary(four.latencies.flat());
    return {
      bench: 'four-consoles',
      method:
        'keydown on the canvas to the first animation frame whose pixels differ (isolinux echoes the key); CPU of the backend and every Chromium process, QEMU apart, while each console gets a key every 100 ms',
      keys_per_console: KEYS_PER_CONSOLE,
      one_console: {
        ...oneSummary,
        app_cpu_percent: round(one.cpuPercent, 1),
        qemu_cpu_percent: round(one.qemuCpuPercent, 1),
      },
      four_consoles: {
        ...fourAll,
        each: fourSummaries,
        app_cpu_percent: round(four.cpuPercent, 1),
        qemu_cpu_percent: round(four.qemuCpuPercent, 1),
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
