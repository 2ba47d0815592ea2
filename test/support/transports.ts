/**
 * The ways the integration tests reach libvirt, so each test runs once per transport:
 * the local unix socket, SSH with virt-ssh-helper, and SSH with the helper hidden from the remote
 * PATH (stream-local forwarding to the daemon socket), all to this machine's libvirt 9.0; and the
 * two libvirt generations (this machine and the modern host) for what matters across versions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../src/main/hosts/host';
import { LocalHost } from '../../src/main/hosts/localHost';
import { SshHost } from '../../src/main/hosts/ssh/sshHost';
import type { SshPrompter } from '../../src/main/hosts/ssh/sshPrompter';
import { loadModernHost, modernRoot, modernUid } from './modernHost';
import {
  countUidProcesses,
  countUserProcesses,
  loadTestHost,
  tempKnownHosts,
  type SshTarget,
} from './testHost';

export interface Transport {
  name: string;
  /** The user the libvirt connection runs as on the host (whose home must stay clean). */
  remoteUser: string;
  makeHost(options?: { reconnectDelayMs?: number }): Host;
  /**
   * Where a path on that host (a volume, an NVRAM file) is seen from this machine, so a test can
   * check the bytes and files the host really holds: the path itself here, the modern host's
   * files under its namespace's root.
   */
  localPath(hostPath: string): string;
  /** Live processes of `remoteUser` on that host, for "nothing left behind" checks. */
  userProcesses(): number;
}

/** A prompter for tests where no question is expected: any prompt fails the test. */
export const refusingPrompter: SshPrompter = {
  password: () => Promise.reject(new Error('unexpected password prompt')),
  passphrase: () => Promise.reject(new Error('unexpected passphrase prompt')),
  keyboardInteractive: () => Promise.reject(new Error('unexpected keyboard-interactive prompt')),
  confirmHostKey: () => Promise.reject(new Error('unexpected host key prompt')),
};

export function sshHostFor(
  env: SshTarget,
  user: string,
  options: { reconnectDelayMs?: number } = {},
): SshHost {
  const knownHosts = tempKnownHosts(env, mkdtempSync(join(tmpdir(), 'virtdeck-kh-')), 'trusted');
  return new SshHost({
    host: env.sshHost,
    port: env.sshPort,
    user,
    sshConfigPath: '/nonexistent/ssh_config',
    knownHostsFiles: [knownHosts],
    appKnownHostsFile: join(knownHosts, '..', 'virtdeck_known_hosts'),
    identityFiles: [env.clientKey],
    agent: false,
    prompter: refusingPrompter,
    reconnect: { initialDelayMs: options.reconnectDelayMs ?? 200, maxDelayMs: 2000 },
  });
}

export function transports(): Transport[] {
  const env = loadTestHost();
  return [
    {
      name: 'local socket',
      remoteUser: 'root',
      makeHost: () => new LocalHost(),
      localPath: same,
      userProcesses: () => countUserProcesses('root'),
    },
    {
      name: 'ssh + virt-ssh-helper',
      remoteUser: env.user,
      makeHost: (o) => sshHostFor(env, env.user, o),
      localPath: same,
      userProcesses: () => countUserProcesses(env.user),
    },
    {
      name: 'ssh + socket forwarding (no helper)',
      remoteUser: env.nohelperUser,
      makeHost: (o) => sshHostFor(env, env.nohelperUser, o),
      localPath: same,
      userProcesses: () => countUserProcesses(env.nohelperUser),
    },
  ];
}

const same = (path: string) => path;

/**
 * The modern host (Debian 13: libvirt 11.3, QEMU 10.0) as one more transport: SSH with
 * virt-ssh-helper to its sshd, its files seen under /proc/<its PID 1>/root. Throws with the
 * command to start it when it is not up, so its tests fail, never skip.
 */
export function modernTransport(): LibvirtGeneration {
  const modern = loadModernHost();
  return {
    name: 'Debian 13 host',
    remoteUser: modern.user,
    libvirtVersion: modern.libvirtVersion,
    makeHost: (o) => sshHostFor(modern, modern.user, o),
    localPath: (path) => join(modernRoot(modern), path),
    // Its user has a uid of its own there (its /etc/passwd), seen as that number from here.
    userProcesses: () => countUidProcesses(modernUid(modern)),
  };
}

/** One libvirt generation the cross-version tests run on, reached over SSH as a user would. */
export interface LibvirtGeneration extends Transport {
  /** What `libvirtd --version` says on that host, e.g. "9.0.0" or "11.3.0". */
  libvirtVersion: string;
}

/**
 * The two hosts the tests that matter across versions run on (lifecycle, snapshots, delete...):
 * this machine (Debian 12: libvirt 9.0, QEMU 7.2) and the modern host (Debian 13: libvirt 11.3,
 * QEMU 10.0; test/support/modernHost.ts). Both over SSH with virt-ssh-helper. When the modern host
 * is not up, this throws with the command to start it: its tests fail, never skip.
 * Use: `describe.each(libvirtGenerations())('on libvirt $libvirtVersion', (gen) => ...)`.
 */
export function libvirtGenerations(): LibvirtGeneration[] {
  const env = loadTestHost();
  return [
    {
      name: 'Debian 12 host',
      remoteUser: env.user,
      libvirtVersion: localLibvirtVersion(),
      makeHost: (o) => sshHostFor(env, env.user, o),
      localPath: same,
      userProcesses: () => countUserProcesses(env.user),
    },
    modernTransport(),
  ];
}

/** This machine's libvirtd version, as `libvirtd --version` prints it ("libvirtd (libvirt) 9.0.0"). */
function localLibvirtVersion(): string {
  const out = execFileSync('/usr/sbin/libvirtd', ['--version'], { encoding: 'utf8' });
  return /(\d+\.\d+\.\d+)/.exec(out)?.[1] ?? out.trim();
}
