/**
 * The ways the integration tests reach libvirt, so each test runs once per transport:
 * the local unix socket, SSH with virt-ssh-helper, and SSH with the helper hidden from the remote
 * PATH (stream-local forwarding to the daemon socket).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../src/main/hosts/host';
import { LocalHost } from '../../src/main/hosts/localHost';
import { SshHost } from '../../src/main/hosts/ssh/sshHost';
import type { SshPrompter } from '../../src/main/hosts/ssh/sshPrompter';
import { loadTestHost, tempKnownHosts, type SshTarget } from './testHost';

export interface Transport {
  name: string;
  /** The user the libvirt connection runs as on the host (whose home must stay clean). */
  remoteUser: string;
  makeHost(options?: { reconnectDelayMs?: number }): Host;
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
    { name: 'local socket', remoteUser: 'root', makeHost: () => new LocalHost() },
    {
      name: 'ssh + virt-ssh-helper',
      remoteUser: env.user,
      makeHost: (o) => sshHostFor(env, env.user, o),
    },
    {
      name: 'ssh + socket forwarding (no helper)',
      remoteUser: env.nohelperUser,
      makeHost: (o) => sshHostFor(env, env.nohelperUser, o),
    },
  ];
}
