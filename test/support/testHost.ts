/**
 * The real test host brought up by `bash scripts/test-host/up.sh`: its private sshd (settings in
 * .test-host/env.json), the test users, and helpers the integration tests share (stopping and
 * starting that sshd, reading its log, counting a user's processes, known_hosts files, and a tiny
 * bootable ISO for guests). Tests run as root, as CI does.
 */
import { execFile, execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The checkout's .test-host folder, where the test host scripts write what tests read. */
export const TEST_HOST_STATE_DIR = join(REPO, '.test-host');
const ENV_FILE = join(TEST_HOST_STATE_DIR, 'env.json');
const SSHD = '/usr/sbin/sshd';
const ISOLINUX_BIN = '/usr/lib/ISOLINUX/isolinux.bin';
const LDLINUX_C32 = '/usr/lib/syslinux/modules/bios/ldlinux.c32';
const CAT_C32 = '/usr/lib/syslinux/modules/bios/cat.c32';
const LIBCOM32_C32 = '/usr/lib/syslinux/modules/bios/libcom32.c32';

/** The contents of .test-host/env.json, as written by scripts/test-host/up.sh. */
export interface TestHostEnv {
  sshHost: string;
  sshPort: number;
  /** Has virt-ssh-helper on its PATH; in groups libvirt and kvm. */
  user: string;
  password: string;
  /** Same groups, but its PATH (set by sshd) has no virt-ssh-helper. */
  nohelperUser: string;
  nohelperPassword: string;
  /** Unencrypted ed25519 private key, authorized for both users. */
  clientKey: string;
  /** ed25519 private key encrypted with clientKeyPassphrase, authorized for both users. */
  clientKeyEncrypted: string;
  clientKeyPassphrase: string;
  hostKeyPub: string;
  /** `[127.0.0.1]:PORT ssh-ed25519 AAAA...`, one known_hosts line for the sshd. */
  knownHostsLine: string;
  sshdConfig: string;
  sshdPidFile: string;
  sshdLog: string;
  /** The test users' authorized keys, where sshd can read them as those users (outside the checkout). */
  authorizedKeys: string;
  stateDir: string;
}

/** What it takes to reach an sshd as a test user: the main test host's or the modern host's. */
export type SshTarget = Pick<TestHostEnv, 'sshHost' | 'sshPort' | 'clientKey' | 'knownHostsLine'>;

const STRING_FIELDS = [
  'sshHost',
  'user',
  'password',
  'nohelperUser',
  'nohelperPassword',
  'clientKey',
  'clientKeyEncrypted',
  'clientKeyPassphrase',
  'hostKeyPub',
  'knownHostsLine',
  'sshdConfig',
  'sshdPidFile',
  'sshdLog',
  'authorizedKeys',
  'stateDir',
] as const satisfies readonly (keyof TestHostEnv)[];

/** Reads .test-host/env.json; throws a message saying how to make it if it is missing or bad. */
export function loadTestHost(): TestHostEnv {
  const hint = 'Run `bash scripts/test-host/up.sh` (as root) to bring up the test host.';
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(ENV_FILE, 'utf8'));
  } catch (err) {
    throw new Error(`No usable test host description at ${ENV_FILE} (${String(err)}). ${hint}`);
  }
  if (typeof raw !== 'object' || raw === null)
    throw new Error(`${ENV_FILE} is not an object. ${hint}`);
  const obj = raw as Record<string, unknown>;
  const env: Partial<TestHostEnv> = {};
  for (const key of STRING_FIELDS) {
    const value = obj[key];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`${ENV_FILE}: field "${key}" is missing or not a string. ${hint}`);
    }
    env[key] = value;
  }
  const port = obj['sshPort'];
  if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${ENV_FILE}: field "sshPort" is not a port number. ${hint}`);
  }
  env.sshPort = port;
  return env as TestHostEnv;
}

// ----------------------------------------------------------------------------------------------
// Processes, from /proc (no ps parsing; a process may vanish between listing and reading).

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** State letter and parent pid from /proc/PID/stat (the name in parentheses may hold spaces). */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  const stat = readProc(pid, 'stat');
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '?', ppid: Number(fields[1]) };
}

/** Alive and not a zombie. (This machine's PID 1 reaps orphans only now and then.) */
function isRunning(pid: number): boolean {
  const st = procStat(pid);
  return st !== undefined && st.state !== 'Z';
}

function descendantsOf(root: number): number[] {
  const parent = new Map<number, number>();
  for (const pid of allPids()) {
    const st = procStat(pid);
    if (st) parent.set(pid, st.ppid);
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    let p: number | undefined = pid;
    while (p !== undefined && p !== root && p > 1) p = parent.get(p);
    if (p === root && pid !== root) out.push(pid);
  }
  return out;
}

/** The private sshd's listening masters: the one in its pid file, plus any that lost it. */
function sshdMasters(env: TestHostEnv): number[] {
  const masters = new Set<number>();
  try {
    const pid = Number(readFileSync(env.sshdPidFile, 'utf8').trim());
    if (pid > 0 && readlinkSync(`/proc/${pid}/exe`).startsWith(SSHD) && isRunning(pid)) {
      masters.add(pid);
    }
  } catch {
    // no pid file, or it names a process that is gone
  }
  // sshd rewrites its title to "sshd: /usr/sbin/sshd -f CONFIG -E LOG [listener] ...".
  const needle = `${SSHD} -f ${env.sshdConfig} `;
  for (const pid of allPids()) {
    const cmd = readProc(pid, 'cmdline')?.replace(/\0/g, ' ');
    if (cmd?.includes(needle) && isRunning(pid)) masters.add(pid);
  }
  return [...masters];
}

/** Whether something listens on 127.0.0.1/0.0.0.0:PORT, read from the kernel's socket tables
 * rather than by connecting (a probe connection would add lines to the sshd log tests read). */
export function isListening(port: number): boolean {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = existsSync(table) ? readFileSync(table, 'utf8') : '';
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && cols[1]?.endsWith(hexPort)) return true;
    }
  }
  return false;
}

async function pollUntil(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

/**
 * Stops the private sshd: the listening master and every per-connection process under it,
 * including the commands those sessions ran, so open SSH connections drop at once (like a host
 * going away). Waits until the port is closed and those processes are gone.
 */
export async function stopSshd(env: TestHostEnv): Promise<void> {
  // sshd's per-connection children call setsid(): they are not in the master's process group,
  // so they are found by parent links, all of them before the master dies and they are
  // re-parented to PID 1.
  const pids: number[] = [];
  for (const master of sshdMasters(env)) pids.push(master, ...descendantsOf(master));
  signal(pids, 'SIGTERM');
  try {
    await pollUntil(
      'the private sshd to stop',
      () => !isListening(env.sshPort) && pids.every((p) => !isRunning(p)),
      5_000,
    );
  } catch {
    signal(
      pids.filter((p) => isRunning(p)),
      'SIGKILL',
    );
    await pollUntil(
      `port ${env.sshPort} to close`,
      () => !isListening(env.sshPort) && pids.every((p) => !isRunning(p)),
      5_000,
    );
  }
}

/** Starts the private sshd again (same config and port) unless running; waits until it listens. */
export async function startSshd(env: TestHostEnv): Promise<void> {
  if (sshdMasters(env).length === 0) {
    if (isListening(env.sshPort)) {
      throw new Error(
        `port ${env.sshPort} is taken by something else; run scripts/test-host/up.sh`,
      );
    }
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation directory
    const logStart = sshdLogSize(env);
    try {
      // sshd daemonizes itself (stdio to /dev/null) once it listens: this returns then.
      await execFileAsync(SSHD, ['-f', env.sshdConfig, '-E', env.sshdLog], { timeout: 15_000 });
    } catch (err) {
      throw new Error(
        `could not start sshd: ${String(err)}\n${sshdLogSince(env, logStart).slice(-2000)}`,
      );
    }
  }
  await pollUntil(`sshd to listen on port ${env.sshPort}`, () => isListening(env.sshPort), 10_000);
}

/** Current size of the sshd log, to pass to sshdLogSince later. */
export function sshdLogSize(env: TestHostEnv): number {
  try {
    return statSync(env.sshdLog).size;
  } catch {
    return 0;
  }
}

/** What sshd has logged since `offset` (a value from sshdLogSize). */
export function sshdLogSince(env: TestHostEnv, offset: number): string {
  let fd: number;
  try {
    fd = openSync(env.sshdLog, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    if (size <= offset) return '';
    const buf = Buffer.alloc(size - offset);
    let done = 0;
    while (done < buf.length) {
      const n = readSync(fd, buf, done, buf.length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return buf.subarray(0, done).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const uidCache = new Map<string, number>();

function uidOf(user: string): number {
  let uid = uidCache.get(user);
  if (uid === undefined) {
    uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    uidCache.set(user, uid);
  }
  return uid;
}

/**
 * Number of live processes whose effective user is `user` (what `ps -u user` lists, less zombies,
 * which this machine's PID 1 reaps only after a while). For checks that nothing was left behind.
 */
/**
 * The user's process count once sessions that earlier test files closed have gone (their sshd
 * children end a little after the client closes): at most `ms` of waiting for none to be left.
 * A baseline taken before they end would never be reached again.
 */
export async function settledUserProcesses(user: string, ms = 10_000): Promise<number> {
  const deadline = Date.now() + ms;
  while (countUserProcesses(user) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return countUserProcesses(user);
}

export function countUserProcesses(user: string): number {
  return countUidProcesses(uidOf(user));
}

/** Number of live processes (zombies aside) whose effective user id is `uid`, in any namespace. */
export function countUidProcesses(uid: number): number {
  let count = 0;
  for (const pid of allPids()) {
    const status = readProc(pid, 'status');
    if (status === undefined) continue;
    const euid = /^Uid:\s+\d+\s+(\d+)/m.exec(status)?.[1];
    const state = /^State:\s+(\S)/m.exec(status)?.[1];
    if (euid !== undefined && Number(euid) === uid && state !== 'Z') count++;
  }
  return count;
}

/**
 * Writes a known_hosts file into `dir` and returns its path:
 * - 'trusted': the sshd's real host key;
 * - 'changed': the same host name with a different ed25519 key (as after a reinstall, or an
 *   attack), generated into `dir`;
 * - 'other-type': the same host name with an ECDSA key only (the sshd has only an ed25519 key),
 *   as when a host dropped the key type we knew, or an attacker has only another type;
 * - 'empty': no lines.
 */
export function tempKnownHosts(
  env: SshTarget,
  dir: string,
  variant: 'trusted' | 'changed' | 'other-type' | 'empty',
): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `known_hosts_${variant}`);
  let content = '';
  if (variant === 'trusted') {
    content = `${env.knownHostsLine}\n`;
  } else if (variant === 'changed' || variant === 'other-type') {
    const keyFile = join(dir, `${variant}_host_key`);
    if (!existsSync(`${keyFile}.pub`)) {
      rmSync(keyFile, { force: true });
      const type = variant === 'changed' ? ['-t', 'ed25519'] : ['-t', 'ecdsa', '-b', '256'];
      execFileSync('ssh-keygen', ['-q', ...type, '-N', '', '-C', 'other', '-f', keyFile]);
    }
    const [type, key] = readFileSync(`${keyFile}.pub`, 'utf8').trim().split(/\s+/);
    const hostPattern = env.knownHostsLine.split(' ')[0] ?? `[${env.sshHost}]:${env.sshPort}`;
    content = `${hostPattern} ${type} ${key}\n`;
  }
  writeFileSync(file, content, { mode: 0o644 });
  return file;
}

/**
 * Builds a small (~0.7 MB) bootable ISO at `path`: isolinux, which prints `banner` on the VGA
 * screen and the serial port, then waits at a `boot:` prompt forever (any entry, e.g. "hello",
 * fails to load and prompts again). Boots under TCG in a few seconds; needs no download.
 *
 * The banner is printed by syslinux's cat.c32 as the DEFAULT entry, not by SAY: isolinux 6.04
 * parses the whole config before it turns on its serial output, so SAY lines reach the screen
 * only. cat.c32 runs after that, then returns to the `boot:` prompt.
 *
 * `hybrid`: an isohybrid image (isolinux's MBR in front), which also boots as a hard disk.
 */
export async function buildTinyIso(
  path: string,
  banner = 'VIRTDECK TEST ISO',
  { hybrid = false }: { hybrid?: boolean } = {},
): Promise<void> {
  for (const f of [ISOLINUX_BIN, LDLINUX_C32, CAT_C32, LIBCOM32_C32]) {
    if (!existsSync(f)) {
      throw new Error(
        `${f} is missing: run \`bash scripts/test-host/up.sh\` (packages isolinux, syslinux-common)`,
      );
    }
  }
  const root = mkdtempSync(join(tmpdir(), 'virtdeck-iso-'));
  try {
    const boot = join(root, 'isolinux');
    mkdirSync(boot);
    copyFileSync(ISOLINUX_BIN, join(boot, 'isolinux.bin'));
    copyFileSync(LDLINUX_C32, join(boot, 'ldlinux.c32'));
    copyFileSync(CAT_C32, join(boot, 'cat.c32'));
    copyFileSync(LIBCOM32_C32, join(boot, 'libcom32.c32'));
    writeFileSync(join(boot, 'banner.txt'), `${banner.replace(/[\r\n]+/g, ' ')}\n`);
    // SERIAL comes first: the serial port is set up (and prints isolinux's version line) as it
    // is read. DEFAULT then runs once at boot; the prompt waits forever (no TIMEOUT).
    const cfg = [
      'SERIAL 0 115200',
      'DEFAULT banner',
      'LABEL banner',
      '  COM32 cat.c32',
      '  APPEND banner.txt',
      'LABEL hello',
      '  KERNEL hello',
      '',
    ].join('\n');
    writeFileSync(join(boot, 'isolinux.cfg'), cfg);
    mkdirSync(dirname(resolve(path)), { recursive: true });
    rmSync(path, { force: true }); // xorriso would otherwise try to add a session to it
    // isolinux.bin is patched in place (-boot-info-table): that is why it is a copy.
    await execFileAsync('xorriso', [
      '-as',
      'mkisofs',
      '-quiet',
      '-o',
      path,
      '-V',
      'VIRTDECK_TEST',
      '-R',
      '-b',
      'isolinux/isolinux.bin',
      '-c',
      'isolinux/boot.cat',
      '-no-emul-boot',
      '-boot-load-size',
      '4',
      '-boot-info-table',
      ...(hybrid ? ['-isohybrid-mbr', '/usr/lib/ISOLINUX/isohdpfx.bin'] : []),
      root,
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
