/**
 * The second, modern test host brought up by `bash scripts/test-host/modern-host.sh`: Debian 13
 * (libvirt 11.x, QEMU 10.x) in namespaces of its own on this machine, reached over SSH on a veth
 * address like any remote host, with the main test host's user and client key. Its settings are
 * in .test-host/modern.json. (Beside testHost.ts rather than in it, which is already long.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_HOST_STATE_DIR } from './testHost';

const MODERN_FILE = join(TEST_HOST_STATE_DIR, 'modern.json');
const START_HINT =
  'The modern test host is not up. Run `bash scripts/test-host/up.sh && ' +
  'bash scripts/test-host/modern-host.sh` (as root; a fresh build takes a few minutes).';

/** The contents of .test-host/modern.json, as written by scripts/test-host/modern-host.sh. */
export interface ModernHostEnv {
  sshHost: string;
  sshPort: number;
  /** The main test host's test user: same name, password and authorized keys; group libvirt. */
  user: string;
  password: string;
  /** The main test host's unencrypted client key, authorized on the modern host too. */
  clientKey: string;
  /** `ADDRESS ssh-ed25519 AAAA...`, one known_hosts line for its sshd (port 22). */
  knownHostsLine: string;
  /** As `libvirtd --version` on the host says it, e.g. "11.3.0". */
  libvirtVersion: string;
  qemuVersion: string;
  /** Holds the PID (seen from here) of the host's PID namespace's first process. */
  initPidFile: string;
}

const STRING_FIELDS = [
  'sshHost',
  'user',
  'password',
  'clientKey',
  'knownHostsLine',
  'libvirtVersion',
  'qemuVersion',
  'initPidFile',
] as const satisfies readonly (keyof ModernHostEnv)[];

/**
 * Reads .test-host/modern.json and checks that the host it describes is running (its namespace's
 * first process is alive); throws a message with the command to start it otherwise, so a test on
 * the modern host fails, never skips, when the host is not there.
 */
export function loadModernHost(): ModernHostEnv {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(MODERN_FILE, 'utf8'));
  } catch (err) {
    throw new Error(
      `No usable modern host description at ${MODERN_FILE} (${String(err)}). ${START_HINT}`,
    );
  }
  if (typeof raw !== 'object' || raw === null)
    throw new Error(`${MODERN_FILE} is not an object. ${START_HINT}`);
  const obj = raw as Record<string, unknown>;
  const env: Partial<ModernHostEnv> = {};
  for (const key of STRING_FIELDS) {
    const value = obj[key];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`${MODERN_FILE}: field "${key}" is missing or not a string. ${START_HINT}`);
    }
    env[key] = value;
  }
  const port = obj['sshPort'];
  if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${MODERN_FILE}: field "sshPort" is not a port number. ${START_HINT}`);
  }
  env.sshPort = port;
  const full = env as ModernHostEnv;
  if (!namespaceAlive(full.initPidFile)) {
    throw new Error(`${MODERN_FILE} is left from a run that has ended. ${START_HINT}`);
  }
  return full;
}

/** The modern host's own file system, seen from here through its namespace's first process. */
export function modernRoot(env: ModernHostEnv): string {
  return join('/proc', readFileSync(env.initPidFile, 'utf8').trim(), 'root');
}

/** The test user's uid on the modern host (from its own /etc/passwd). */
export function modernUid(env: ModernHostEnv): number {
  const passwd = readFileSync(join(modernRoot(env), 'etc', 'passwd'), 'utf8');
  const line = passwd.split('\n').find((l) => l.startsWith(`${env.user}:`));
  const uid = Number(line?.split(':')[2]);
  if (!line || !Number.isInteger(uid)) throw new Error(`No user ${env.user} on the modern host`);
  return uid;
}

function namespaceAlive(pidFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    // A zombie's state letter is Z; anything else is a live process.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
