/**
 * ProxyCommand, a jump host's own ProxyJump and IdentitiesOnly with an agent, from a real
 * ~/.ssh/config-style file against the private sshd.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import type { SshHostOptions } from '../../../src/main/hosts/ssh/sshHostOptions';
import { sshdLogSince, sshdLogSize, tempKnownHosts } from '../../support/testHost';
import { waitFor } from '../../support/waitFor';
import { env, spyPrompter, tempDir } from './hostKit';

const hosts: SshHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

/** An SshHost for `alias` under a config made of the given lines. */
function hostFor(alias: string, lines: string[], over: Partial<SshHostOptions> = {}): SshHost {
  const dir = tempDir('virtdeck-sshcreds-proxy-');
  const config = join(dir, 'config');
  writeFileSync(config, lines.join('\n') + '\n');
  const host = new SshHost({
    host: alias,
    sshConfigPath: config,
    knownHostsFiles: [tempKnownHosts(env, dir, 'trusted')],
    appKnownHostsFile: join(dir, 'app_known_hosts'),
    agent: false,
    prompter: spyPrompter(),
    reconnect: { initialDelayMs: 200, maxDelayMs: 2000 },
    ...over,
  });
  hosts.push(host);
  return host;
}

const sshd = (user: string, key = env.clientKey): string[] => [
  `  HostName ${env.sshHost}`,
  `  Port ${env.sshPort}`,
  `  User ${user}`,
  `  IdentityFile ${key}`,
];

/** Our own child processes running nc (the ProxyCommand), by pid. */
function ourNcProcesses(): string[] {
  // ps exits 1 when there is no child at all: that is an empty list, not an error.
  const out = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  });
  return out.stdout.split('\n').filter((line) => /\bnc(\.openbsd)?$/.test(line.trim()));
}

async function whoami(host: SshHost): Promise<string> {
  return (await host.exec(['id', '-un'])).stdout.toString().trim();
}

describe('ProxyCommand', () => {
  it('connects through `nc %h %p` run without a shell, and stops it on close', async () => {
    const host = hostFor("vd proxied 'ü'", [
      'Host "vd proxied \'ü\'"',
      ...sshd(env.user),
      '  ProxyCommand nc %h %p',
    ]);
    await host.connect();
    expect(await whoami(host)).toBe(env.user);
    expect(ourNcProcesses()).toHaveLength(1);
    await host.close();
    await waitFor('nc to exit', () => ourNcProcesses().length === 0, 10_000);
  });

  it('runs a command with shell syntax through /bin/sh', async () => {
    const host = hostFor('vd-shell-proxy', [
      'Host vd-shell-proxy',
      ...sshd(env.user),
      "  ProxyCommand nc %h %p 2>/dev/null || echo 'never'",
    ]);
    await host.connect();
    expect(await whoami(host)).toBe(env.user);
  });

  it('fails with the command named when it cannot reach the server', async () => {
    const host = hostFor('vd-bad-proxy', [
      'Host vd-bad-proxy',
      ...sshd(env.user),
      '  ProxyCommand nc -v 127.0.0.1 1',
    ]);
    await expect(host.connect()).rejects.toMatchObject({
      code: 'unreachable',
      text: { key: 'ssh.proxyCommandFailed', params: { host: '127.0.0.1' } },
      // The command's own words, kept as they are.
      detail: expect.stringContaining('Connection refused'),
    });
    expect(host.state.kind).toBe('disconnected');
  });

  it('starts a jump chain: the first hop is reached through its ProxyCommand', async () => {
    const offset = sshdLogSize(env);
    const host = hostFor('vd-target', [
      'Host vd-jump',
      ...sshd(env.user),
      '  ProxyCommand nc %h %p',
      'Host vd-target',
      ...sshd(env.nohelperUser),
      '  ProxyJump vd-jump',
    ]);
    await host.connect();
    expect(await whoami(host)).toBe(env.nohelperUser);
    const log = sshdLogSince(env, offset);
    expect(log).toContain(`Accepted publickey for ${env.user}`);
    expect(log).toContain(`Accepted publickey for ${env.nohelperUser}`);
  });
});

describe("a jump host's own ProxyJump", () => {
  it('follows it, logging in to every hop in order', async () => {
    const offset = sshdLogSize(env);
    const host = hostFor('vd-target', [
      'Host vd-outer',
      ...sshd(env.user),
      'Host vd-inner',
      ...sshd(env.nohelperUser),
      '  ProxyJump vd-outer',
      'Host vd-target',
      ...sshd(env.user, env.clientKey),
      '  ProxyJump vd-inner',
    ]);
    await host.connect();
    expect(await whoami(host)).toBe(env.user);
    const accepted = sshdLogSince(env, offset).match(/Accepted publickey for \S+/g) ?? [];
    expect(accepted).toEqual([
      `Accepted publickey for ${env.user}`,
      `Accepted publickey for ${env.nohelperUser}`,
      `Accepted publickey for ${env.user}`,
    ]);
  });

  it('refuses jump hosts that name each other', async () => {
    const host = hostFor('vd-a', [
      'Host vd-a',
      '  ProxyJump vd-b',
      'Host vd-b',
      '  ProxyJump vd-a',
    ]);
    await expect(host.connect()).rejects.toMatchObject({
      code: 'invalid-input',
      text: { key: 'ssh.jumpChainTooLong' },
    });
  });
});

describe('IdentitiesOnly with an ssh-agent', () => {
  let agent: ChildProcess;
  let socket: string;

  beforeAll(async () => {
    socket = join(tempDir('virtdeck-sshcreds-agent-'), 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    await waitFor('ssh-agent to listen', () => existsSync(socket), 10_000, 50);
    // The agent holds the unencrypted key only; the encrypted key's file stays locked.
    execFileSync('ssh-add', [env.clientKey], {
      env: { SSH_AUTH_SOCK: socket },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  });
  afterAll(() => {
    agent?.kill();
  });

  it("uses the agent's key that matches the configured identity file", async () => {
    const prompter = spyPrompter();
    const host = hostFor(
      'vd-only',
      [
        'Host vd-only',
        `  HostName ${env.sshHost}`,
        `  Port ${env.sshPort}`,
        `  User ${env.user}`,
        // A copy of the public half only: the private key file is never needed.
        `  IdentityFile ${env.clientKey}.pub`,
        '  IdentitiesOnly yes',
      ],
      { agent: socket, prompter },
    );
    await host.connect();
    expect(await whoami(host)).toBe(env.user);
    expect(prompter.passphrase).not.toHaveBeenCalled();
  });

  it("never offers the agent's other keys", async () => {
    const offset = sshdLogSize(env);
    const prompter = spyPrompter({ passphrase: () => Promise.resolve(null) });
    const host = hostFor(
      'vd-only-other',
      [
        'Host vd-only-other',
        `  HostName ${env.sshHost}`,
        `  Port ${env.sshPort}`,
        `  User ${env.user}`,
        `  IdentityFile ${env.clientKeyEncrypted}`,
        '  IdentitiesOnly yes',
      ],
      { agent: socket, prompter, authMethods: ['agent'] },
    );
    await expect(host.connect()).rejects.toMatchObject({ code: 'auth-failed' });
    expect(sshdLogSince(env, offset)).not.toContain(`Accepted publickey for ${env.user}`);
  });
});
