import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import { sshdLogSince, sshdLogSize } from '../../support/testHost';
import { env, makeSshHost, spyPrompter, tempDir } from './hostKit';

/** The fingerprint as OpenSSH's own tool prints it. */
function sshKeygenFingerprint(): string {
  const out = execFileSync('ssh-keygen', ['-lf', env.hostKeyPub], { encoding: 'utf8' });
  const fingerprint = out.split(' ')[1];
  if (!fingerprint?.startsWith('SHA256:')) throw new Error(`unexpected ssh-keygen output: ${out}`);
  return fingerprint;
}

const AUTH_LINES = /Accepted |Failed |Postponed |Partial |Invalid user|userauth/;

/** sshd's log lines since `offset`, once it has logged the connection closing. */
async function logOfAttempt(offset: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const log = sshdLogSince(env, offset);
    if (/Connection (closed|reset)|Disconnected|disconnect/i.test(log)) return log;
    await new Promise((r) => setTimeout(r, 100));
  }
  return sshdLogSince(env, offset);
}

describe('SshHost host key checks', () => {
  const hosts: SshHost[] = [];
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
  });
  const make = async (...args: Parameters<typeof makeSshHost>) => {
    const made = await makeSshHost(...args);
    hosts.push(made.host);
    return made;
  };

  it('asks about an unknown key with its SHA256 fingerprint and remembers an accepted one', async () => {
    const prompter = spyPrompter({ confirmHostKey: async () => true });
    const { host, appKnownHostsFile } = await make({ prompter }, 'empty');
    await host.connect();
    expect(prompter.confirmHostKey.mock.calls).toEqual([
      [
        {
          host: env.sshHost,
          port: env.sshPort,
          keyType: 'ssh-ed25519',
          fingerprint: sshKeygenFingerprint(),
        },
      ],
    ]);
    const recorded = readFileSync(appKnownHostsFile, 'utf8');
    const publicKey = readFileSync(env.hostKeyPub, 'utf8').split(' ').slice(0, 2).join(' ');
    expect(recorded).toBe(`[${env.sshHost}]:${env.sshPort} ${publicKey}\n`);
    // ssh-keygen agrees that the line names this host and port.
    const found = execFileSync(
      'ssh-keygen',
      ['-F', `[${env.sshHost}]:${env.sshPort}`, '-f', appKnownHostsFile],
      { encoding: 'utf8' },
    );
    expect(found).toContain('ssh-ed25519');

    // The next connection (or reconnect) trusts it without asking.
    await host.close();
    const again = spyPrompter();
    const second = await make({ prompter: again, appKnownHostsFile }, 'empty');
    await second.host.connect();
    expect(again.confirmHostKey).not.toHaveBeenCalled();
  });

  it('refuses with "host-key-unknown-rejected" when the user says no, and sends no auth', async () => {
    const offset = sshdLogSize(env);
    const prompter = spyPrompter({ confirmHostKey: async () => false });
    const { host, appKnownHostsFile } = await make({ prompter }, 'empty');
    await expect(host.connect()).rejects.toMatchObject({ code: 'host-key-unknown-rejected' });
    expect(existsSync(appKnownHostsFile)).toBe(false);
    expect(await logOfAttempt(offset)).not.toMatch(AUTH_LINES);
    expect(host.state).not.toHaveProperty('retryAt');
  });

  it('refuses a changed key before any authentication, without asking anything', async () => {
    const offset = sshdLogSize(env);
    const prompter = spyPrompter();
    const { host } = await make({ prompter }, 'changed');
    const started = Date.now();
    const err = await host.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'host-key-changed' });
    expect((err as Error).message).toContain(sshKeygenFingerprint());
    expect((err as Error).message).toContain('ssh-keygen -R');
    expect(Date.now() - started).toBeLessThan(5000);
    for (const prompt of Object.values(prompter)) expect(prompt).not.toHaveBeenCalled();
    const log = await logOfAttempt(offset);
    expect(log).toMatch(/Connection from 127\.0\.0\.1/);
    expect(log).not.toMatch(AUTH_LINES);
    expect(host.state).toMatchObject({ kind: 'disconnected' });
    expect(host.state).not.toHaveProperty('retryAt');
  });

  it('refuses a key of another type than the one known for the host, without asking', async () => {
    const offset = sshdLogSize(env);
    const prompter = spyPrompter();
    // known_hosts holds an ECDSA key for the host; the sshd has only its ed25519 key to show.
    const { host } = await make({ prompter }, 'other-type');
    const err = await host.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'host-key-other-type' });
    expect((err as Error).message).toContain('ecdsa-sha2-nistp256');
    expect((err as Error).message).toContain(sshKeygenFingerprint());
    expect((err as Error).message).toContain('ssh-keygen -R');
    // Not the trust-on-first-use question an unknown host gets.
    for (const prompt of Object.values(prompter)) expect(prompt).not.toHaveBeenCalled();
    expect(await logOfAttempt(offset)).not.toMatch(AUTH_LINES);
    expect(host.state).toMatchObject({ kind: 'disconnected' });
    expect(host.state).not.toHaveProperty('retryAt');
  });

  it('refuses a key marked @revoked', async () => {
    const dir = tempDir();
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, `@revoked ${env.knownHostsLine}\n`);
    const prompter = spyPrompter();
    const { host } = await make({ prompter, knownHostsFiles: [knownHosts] }, 'empty');
    await expect(host.connect()).rejects.toMatchObject({ code: 'host-key-revoked' });
    expect(prompter.confirmHostKey).not.toHaveBeenCalled();
  });
});
