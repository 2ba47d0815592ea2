/**
 * Virtdeck beside virt-manager on the same host: a test-driver host of 500 running VMs behind the
 * test sshd, each app connected to it over SSH.
 *
 * - Virtdeck: the browser shell and Debian's Chromium (playwright-core, headless), launched
 *   together; its processes are all of Chromium's and the backend's. Stats interval: its default,
 *   1 s, so its "default" and "1 s" phases are one measurement.
 * - virt-manager (Debian's, under Xvfb, its own HOME with GLib's keyfile settings backend): its
 *   processes are the python process and the ssh client libvirt runs for it (Virtdeck's SSH is in
 *   its backend). Xvfb's CPU is reported apart (it composites what GTK draws; headless Chromium
 *   needs no X server). Measured twice: at its default stats interval (3 s) and at 1 s.
 *
 * Figures, each app's from the same run: CPU share of one core over the window, the sum of its
 * processes' PSS (/proc/PID/smaps_rollup; shared pages split among the sharers) and of their RSS
 * (shared pages counted once per process), peaks of 1 s samples; time from launch to the full
 * list; time to open a VM from the list (a double-click on vm-0000).
 *
 * How "full list" and "VM open" are seen differ, and the output says so: in Virtdeck, the grid's
 * aria-rowcount counting all 500 VMs and vm-0000's row shown, then the next frame painted; in
 * virt-manager (no accessibility tree to poll here), its --debug log line "domain=… added" for
 * the 500th domain: each one is added to the manager's list model in that same signal emission,
 * so the line marks the list complete, though the frame that paints it comes later. A VM opened:
 * Virtdeck's page of the VM with its overview loaded from the host and painted; virt-manager's
 * VM window mapped (xdotool search --onlyvisible), polled every 50 ms by a new xdotool process.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../src/main/web/rendererBuild';
import { launchChromium, openPage } from '../test/e2e/support/browser';
import { vmList, vmRow } from '../test/e2e/support/ui';
import { makeUserHome } from '../test/e2e/support/userHome';
import { startWebApp } from '../test/e2e/support/webApp';
import { testDriverHostFile } from '../test/support/testDriverHost';
import type { TestHostEnv } from '../test/support/testHost';
import { commandLine, cpuSeconds, descendants, pssMiB, rssMiB } from './procStats';
import { ensureTestEnvironment, libvirtClientSshUri, round } from './support';

const VMS = 500;
/** From the full list to the measured window: each app's start-up work (first stats, JIT) ends. */
const SETTLE_MS = 20_000;
/** Debian packages of the programs this bench drives; not part of the test host (up.sh). */
const PROGRAMS: Record<string, string> = {
  'virt-manager': 'virt-manager',
  Xvfb: 'xvfb',
  xdotool: 'xdotool',
  'dbus-run-session': 'dbus',
};
/** Where vm-0000's row is in virt-manager's main window (550x550 at 0,0 without a window manager). */
const VMM_FIRST_ROW = { x: 100, y: 138 };

interface Usage {
  cpu_percent: number;
  pss_mb: number;
  rss_mb: number;
  processes: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** CPU share and peak PSS / RSS of the processes `pids()` names, over `seconds`. */
async function measure(pids: () => number[], seconds: number): Promise<Usage> {
  const before = new Map(pids().map((pid) => [pid, cpuSeconds(pid)]));
  const seen = new Set(before.keys());
  let pss = 0;
  let rss = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await sleep(1000);
    const now = pids();
    for (const pid of now) seen.add(pid);
    pss = Math.max(
      pss,
      now.reduce((t, pid) => t + pssMiB(pid), 0),
    );
    rss = Math.max(
      rss,
      now.reduce((t, pid) => t + rssMiB(pid), 0),
    );
  }
  const wall = (performance.now() - started) / 1000;
  const cpu = [...seen].reduce((t, pid) => t + cpuSeconds(pid) - (before.get(pid) ?? 0), 0);
  return {
    cpu_percent: round((cpu / wall) * 100, 2),
    pss_mb: round(pss, 1),
    rss_mb: round(rss, 1),
    processes: seen.size,
  };
}

/** Resolves on the frame after the next one is painted (page-side, as filterLatency). */
function painted(page: Page): Promise<unknown> {
  return page.evaluate(
    '(() => new Promise((r) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); })))()',
  );
}

async function virtdeck(env: TestHostEnv, file: string, seconds: number) {
  const home = makeUserHome(env, { key: true, knownHosts: `${env.knownHostsLine}\n` });
  const configDir = join(home.dir, '.config', 'virtdeck');
  mkdirSync(configDir, { recursive: true });
  const uri = `test+ssh://${env.user}@${env.sshHost}:${env.sshPort}${file}`;
  writeFileSync(
    join(configDir, 'connections.json'),
    JSON.stringify({ version: 1, connections: [{ id: 'bench', uri, autoconnect: true }] }),
  );
  const launched = performance.now();
  // Each part's time from launch: the backend's URL printed, Chromium ready, the page loaded.
  const since = <T>(p: Promise<T>): Promise<[T, number]> =>
    p.then((v) => [v, performance.now() - launched]);
  const [[browser, browserMs], [app, backendMs]] = await Promise.all([
    since(launchChromium()),
    since(startWebApp(home.dir)),
  ]);
  try {
    const { page, errors } = await openPage(browser, app.url);
    const pageMs = performance.now() - launched;
    // aria-rowcount counts every row, rendered or not: the VMs, the host's row, the header row.
    // (Polled from here: the page's CSP refuses the string predicates of waitForFunction.)
    const grid = vmList(page);
    const deadline = performance.now() + 120_000;
    while (Number(await grid.getAttribute('aria-rowcount').catch(() => 0)) < VMS + 2) {
      if (performance.now() > deadline) throw new Error(`no list of ${VMS} VMs in 120 s`);
      await sleep(20);
    }
    await vmRow(page, 'vm-0000').waitFor();
    await painted(page);
    const listMs = performance.now() - launched;
    await sleep(SETTLE_MS); // start-up settles (JIT, first stats) before the measured window

    const backend = (): number[] => [app.pid, ...descendants(app.pid)];
    const all = (): number[] => {
      const ours = new Set(backend());
      const chromium = descendants(process.pid).filter(
        (pid) => !ours.has(pid) && commandLine(pid).includes('chromium'),
      );
      return [...ours, ...chromium];
    };
    const usage = await measure(all, seconds);

    const opened = performance.now();
    await vmRow(page, 'vm-0000').getByRole('gridcell').first().dblclick();
    await page.getByRole('textbox', { name: 'Name', exact: true }).waitFor({ timeout: 60_000 });
    await painted(page);
    const openMs = performance.now() - opened;
    if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
    return {
      ...usage,
      list_ms: round(listMs, 0),
      backend_ready_ms: round(backendMs, 0),
      chromium_ready_ms: round(browserMs, 0),
      page_loaded_ms: round(pageMs, 0),
      open_vm_ms: round(openMs, 0),
    };
  } finally {
    await browser.close();
    await app.stop();
    home.remove();
  }
}

/** Xvfb on a display it picks itself (-displayfd): the display number and the process. */
async function startXvfb(): Promise<{ display: string; child: ChildProcess }> {
  const child = spawn(
    'Xvfb',
    ['-displayfd', '1', '-screen', '0', '1400x900x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error('Xvfb exited before it named its display');
    }),
  ])) as [string];
  return { display: `:${line.trim()}`, child };
}

interface VirtManagerRun {
  list_ms: number;
  open_vm_ms: number | null;
  open_vm_note?: string;
  usage: Usage;
  xvfb_cpu_percent: number;
}

/**
 * One virt-manager launch: its own HOME (settings in GLib's keyfile backend there, the stats
 * interval among them), its own session bus (dbus-run-session), no accessibility bus.
 */
async function virtManager(
  env: TestHostEnv,
  file: string,
  intervalSeconds: number | undefined,
  seconds: number,
  openVm: boolean,
): Promise<VirtManagerRun> {
  const home = mkdtempSync(join(tmpdir(), 'virtdeck-bench-vmm-'));
  const settings = join(home, '.config', 'glib-2.0', 'settings');
  mkdirSync(settings, { recursive: true });
  if (intervalSeconds !== undefined) {
    writeFileSync(
      join(settings, 'keyfile'),
      `[org/virt-manager/virt-manager/stats]\nupdate-interval=${intervalSeconds}\n`,
    );
  }
  const uri = libvirtClientSshUri(env, file, home);
  const xvfb = await startXvfb();
  const xEnv = { ...process.env, DISPLAY: xvfb.display };
  const launched = performance.now();
  const child = spawn(
    'dbus-run-session',
    ['--', 'virt-manager', '--debug', '--no-fork', '--connect', uri],
    {
      env: {
        ...xEnv,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_CACHE_HOME: join(home, '.cache'),
        XDG_DATA_HOME: join(home, '.local', 'share'),
        GSETTINGS_BACKEND: 'keyfile',
        NO_AT_BRIDGE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const added = new Set<string>();
  const listed = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`virt-manager listed ${added.size} of ${VMS} in 180 s:\n${log.slice(-3000)}`),
        ),
      180_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`virt-manager exited (${code}):\n${log.slice(-3000)}`));
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        log += `${line}\n`;
        const m = / DEBUG \(connection:\d+\) domain=(\S+) status=\S+ added$/.exec(line);
        if (!m) return;
        added.add(m[1]!);
        if (added.size === VMS) {
          clearTimeout(timer);
          resolve(performance.now() - launched);
        }
      });
    }
  });
  const python = (): number | undefined =>
    descendants(child.pid ?? 0).find((pid) => commandLine(pid).includes('/usr/bin/virt-manager'));
  try {
    const listMs = await listed;
    await sleep(SETTLE_MS);
    const xvfbBefore = cpuSeconds(xvfb.child.pid ?? 0);
    const xvfbStarted = performance.now();
    const usage = await measure(() => {
      const pid = python();
      return pid ? [pid, ...descendants(pid)] : [];
    }, seconds);
    const xvfbCpu =
      ((cpuSeconds(xvfb.child.pid ?? 0) - xvfbBefore) /
        ((performance.now() - xvfbStarted) / 1000)) *
      100;
    const run: VirtManagerRun = {
      list_ms: round(listMs, 0),
      open_vm_ms: null,
      usage,
      xvfb_cpu_percent: round(xvfbCpu, 2),
    };
    if (openVm) Object.assign(run, await openVirtManagerVm(xEnv));
    return run;
  } finally {
    // dbus-run-session leaves its bus daemon running when it is itself ended: every process
    // under it is ended by its PID, virt-manager (and its ssh) first.
    const tree = descendants(child.pid ?? 0);
    const pid = python();
    for (const p of [...(pid ? [pid] : []), ...tree.filter((p) => p !== pid)]) {
      try {
        process.kill(p, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    xvfb.child.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
}

/** A double-click on vm-0000's row, then xdotool polled until its window is mapped. */
async function openVirtManagerVm(
  xEnv: NodeJS.ProcessEnv,
): Promise<Pick<VirtManagerRun, 'open_vm_ms' | 'open_vm_note'>> {
  const xdotool = (...args: string[]): string => {
    try {
      return execFileSync('xdotool', args, { env: xEnv, encoding: 'utf8' }).trim();
    } catch {
      return ''; // xdotool search exits 1 when nothing matches
    }
  };
  const started = performance.now();
  xdotool(
    'mousemove',
    String(VMM_FIRST_ROW.x),
    String(VMM_FIRST_ROW.y),
    'click',
    '--repeat',
    '2',
    '--delay',
    '80',
    '1',
  );
  while (performance.now() - started < 60_000) {
    if (xdotool('search', '--onlyvisible', '--name', '^vm-0000 on ') !== '') {
      return { open_vm_ms: round(performance.now() - started, 0) };
    }
    await sleep(50);
  }
  return {
    open_vm_ms: null,
    open_vm_note: `no window named "vm-0000 on …" within 60 s of a double-click at (${VMM_FIRST_ROW.x}, ${VMM_FIRST_ROW.y})`,
  };
}

export async function vsVirtManager(seconds = 30): Promise<Record<string, unknown>> {
  const missing = Object.keys(PROGRAMS).filter((p) => !onPath(p));
  if (missing.length > 0) {
    throw new Error(
      `vs-virt-manager needs ${missing.join(', ')}, which are not installed (the bench only; the ` +
        `tests do not use them). As root: apt-get install -y ${[...new Set(missing.map((p) => PROGRAMS[p]))].join(' ')}`,
    );
  }
  const env = ensureTestEnvironment();
  await ensureRendererBuilt(join(import.meta.dirname, '..'));
  const file = testDriverHostFile(env, VMS);

  const vd = await virtdeck(env, file, seconds);
  const vmmDefault = await virtManager(env, file, undefined, seconds, true);
  const vmm1s = await virtManager(env, file, 1, seconds, false);

  const ratio = (a: number | null, b: number | null): number | null =>
    a === null || b === null || b === 0 ? null : round(a / b, 2);
  return {
    name: 'vs-virt-manager',
    vms: VMS,
    seconds,
    method: {
      cpu: 'CPU seconds of the app processes per wall second over the window, x100 (one core = 100)',
      memory:
        'peak over 1 s samples of the sum of PSS (smaps_rollup) and of RSS of those processes',
      virtdeck_processes:
        'backend (node) + every Chromium process (browser, zygotes, GPU, utility, renderers)',
      virt_manager_processes: 'python3 virt-manager + the ssh client libvirt runs; Xvfb apart',
      list: 'virtdeck: launch of Chromium + backend to aria-rowcount of all VMs and the frame painted; virt-manager: launch to the --debug line of the 500th domain added to its list model',
      open_vm:
        'double-click on vm-0000; virtdeck: its page with the overview read from the host, painted; virt-manager: its VM window mapped (xdotool --onlyvisible, 50 ms polls)',
      noise:
        'a 2-core machine shared with other jobs: absolute figures vary run to run; compare ratios from one run',
    },
    virtdeck: { stats_interval_s: 1, ...vd },
    virt_manager: {
      default_interval: {
        stats_interval_s: 3,
        ...vmmDefault.usage,
        xvfb_cpu_percent: vmmDefault.xvfb_cpu_percent,
      },
      interval_1s: {
        stats_interval_s: 1,
        ...vmm1s.usage,
        xvfb_cpu_percent: vmm1s.xvfb_cpu_percent,
      },
      list_ms: vmmDefault.list_ms,
      list_ms_second_launch: vmm1s.list_ms,
      open_vm_ms: vmmDefault.open_vm_ms,
      ...(vmmDefault.open_vm_note ? { open_vm_note: vmmDefault.open_vm_note } : {}),
    },
    ratios_virtdeck_to_virt_manager: {
      cpu_at_1s: ratio(vd.cpu_percent, vmm1s.usage.cpu_percent),
      cpu_at_defaults: ratio(vd.cpu_percent, vmmDefault.usage.cpu_percent),
      pss_at_1s: ratio(vd.pss_mb, vmm1s.usage.pss_mb),
      rss_at_1s: ratio(vd.rss_mb, vmm1s.usage.rss_mb),
      list: ratio(vd.list_ms, vmmDefault.list_ms),
      open_vm: ratio(vd.open_vm_ms, vmmDefault.open_vm_ms),
    },
  };
}
