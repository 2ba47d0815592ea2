import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import { countUserProcesses, settledUserProcesses } from '../../support/testHost';
import { waitFor } from '../../support/waitFor';
import { env, makeSshHost, spyPrompter } from './hostKit';

describe('SshHost authentication', () => {
  const hosts: SshHost[] = [];
  let baseProcesses: number;

  beforeAll(async () => {
    baseProcesses = await settledUserProcesses(env.user);
  });

  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
    await waitFor('sessions to end', () => countUserProcesses(env.user) <= baseProcesses, 10_000);
  });

  const make = async (...args: Parameters<typeof makeSshHost>) => {
    const made = await makeSshHost(...args);
    hosts.push(made.host);
    return made.host;
  };

  const whoami = async (host: SshHost) => (await host.exec(['id', '-un'])).stdout.toString().trim();

  it('asks for the passphrase of an encrypted key again after a wrong one', async () => {
    const prompter = spyPrompter({
      passphrase: async ({ attempt }) => (attempt === 1 ? 'wrong' : env.clientKeyPassphrase),
    });
    const host = await make({ identityFiles: [env.clientKeyEncrypted], prompter });
    await host.connect();
    expect(await whoami(host)).toBe(env.user);
    expect(prompter.passphrase.mock.calls.map(([req]) => req)).toEqual([
      { keyPath: env.clientKeyEncrypted, attempt: 1 },
      { keyPath: env.clientKeyEncrypted, attempt: 2 },
    ]);
  });

  it('fails with "cancelled" when the passphrase prompt is cancelled, and does not retry', async () => {
    const prompter = spyPrompter({ passphrase: async () => null });
    const host = await make({ identityFiles: [env.clientKeyEncrypted], prompter });
    await expect(host.connect()).rejects.toMatchObject({ code: 'cancelled' });
    expect(host.state).toMatchObject({ kind: 'disconnected' });
    expect(host.state).not.toHaveProperty('retryAt');
  });

  it('logs in with a password, asking again after a wrong one', async () => {
    const prompter = spyPrompter({
      password: async ({ attempt }) => (attempt === 1 ? 'not-the-password' : env.password),
    });
    const host = await make({ identityFiles: [], prompter });
    await host.connect();
    expect(await whoami(host)).toBe(env.user);
    expect(prompter.password.mock.calls.map(([req]) => req)).toEqual([
      { host: env.sshHost, user: env.user, attempt: 1 },
      { host: env.sshHost, user: env.user, attempt: 2 },
    ]);
    expect(prompter.keyboardInteractive).not.toHaveBeenCalled();
  });

  it('logs in with keyboard-interactive (PAM asks "Password:")', async () => {
    const prompter = spyPrompter({
      keyboardInteractive: async ({ prompts }) => prompts.map(() => env.password),
    });
    const host = await make({
      identityFiles: [],
      authMethods: ['keyboard-interactive'],
      prompter,
    });
    await host.connect();
    expect(await whoami(host)).toBe(env.user);
    const [request] = prompter.keyboardInteractive.mock.calls[0] ?? [];
    expect(request).toMatchObject({ host: env.sshHost, user: env.user });
    expect(request?.prompts).toEqual([{ prompt: expect.stringMatching(/Password/i), echo: false }]);
  });

  it('gives up with "auth-failed" after three wrong passwords, without reconnecting', async () => {
    const prompter = spyPrompter({ password: async () => 'wrong-every-time' });
    const host = await make({ identityFiles: [], authMethods: ['password'], prompter });
    const err = await host.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'auth-failed' });
    expect((err as Error).message).toContain(`${env.user}@${env.sshHost}`);
    expect(prompter.password).toHaveBeenCalledTimes(3);
    expect(host.state).not.toHaveProperty('retryAt');
  });

  it('fails with "cancelled" when the password prompt is cancelled', async () => {
    const prompter = spyPrompter({ password: async () => null });
    const host = await make({ identityFiles: [], prompter });
    await expect(host.connect()).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('does not time out while the user takes long to answer', async () => {
    const prompter = spyPrompter({
      password: () => new Promise((resolve) => setTimeout(() => resolve(env.password), 2500)),
    });
    const host = await make({ identityFiles: [], prompter, readyTimeoutMs: 1500 });
    await host.connect();
    expect(await whoami(host)).toBe(env.user);
  });
});
