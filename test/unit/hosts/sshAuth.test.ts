import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, {
  type AnyAuthMethod,
  type AuthenticationType,
  type BaseAgent,
  type ParsedKey,
} from 'ssh2';
import { describe, expect, it, vi } from 'vitest';
import { IdentityKeys } from '../../../src/main/hosts/ssh/identityKeys';
import { createAuthHandler, type AuthPlan } from '../../../src/main/hosts/ssh/sshAuth';
import type { SshPrompter } from '../../../src/main/hosts/ssh/sshPrompter';
import type { VirtdeckError } from '../../../src/shared/errors';
import { waitFor } from '../../support/waitFor';

const dir = mkdtempSync(join(tmpdir(), 'virtdeck-auth-'));
const keyPath = join(dir, 'id_ed25519');
writeFileSync(keyPath, ssh2.utils.generateKeyPairSync('ed25519').private);

function prompter(overrides: Partial<SshPrompter> = {}): SshPrompter {
  return {
    password: vi.fn(async () => 'pw'),
    passphrase: vi.fn(async () => null),
    keyboardInteractive: vi.fn(async () => ['answer']),
    confirmHostKey: vi.fn(async () => false),
    ...overrides,
  };
}

/** Drives the handler like ssh2 does: each call gets the methods the server still lists. */
function harness(plan: Partial<AuthPlan>) {
  const failures: VirtdeckError[] = [];
  const handler = createAuthHandler({
    host: 'kvm1',
    user: 'alice',
    agent: undefined,
    identityFiles: [],
    methods: ['agent', 'publickey', 'password', 'keyboard-interactive'],
    prompter: prompter(),
    keys: new IdentityKeys(),
    paused: (task) => task(),
    fail: (err) => failures.push(err),
    ...plan,
  });
  const next = (methodsLeft: AuthenticationType[] | null) =>
    new Promise<AnyAuthMethod | false>((resolve) =>
      handler(methodsLeft, false, (method) => resolve(method as AnyAuthMethod | false)),
    );
  return { next, failures };
}

describe('createAuthHandler', () => {
  it('starts with "none" to learn what the server accepts', async () => {
    const { next } = harness({});
    expect(await next(null)).toEqual({ type: 'none', username: 'alice' });
  });

  it("follows OpenSSH's order: agent, keys, password, keyboard-interactive", async () => {
    const { next, failures } = harness({ agent: '/tmp/agent.sock', identityFiles: [keyPath] });
    const all: AuthenticationType[] = ['publickey', 'password', 'keyboard-interactive'];
    await next(null);
    expect(await next(all)).toMatchObject({ type: 'agent', username: 'alice' });
    const key = await next(all);
    expect(key).toMatchObject({ type: 'publickey', username: 'alice' });
    for (let i = 0; i < 3; i++) expect(await next(all)).toMatchObject({ type: 'password' });
    for (let i = 0; i < 3; i++) {
      expect(await next(all)).toMatchObject({ type: 'keyboard-interactive' });
    }
    expect(await next(all)).toBe(false);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.code).toBe('auth-failed');
    expect(failures[0]?.message).toContain('alice@kvm1');
  });

  it('offers only what the server lists', async () => {
    const ask = prompter();
    const { next } = harness({ agent: '/tmp/agent.sock', identityFiles: [keyPath], prompter: ask });
    await next(null);
    expect(await next(['keyboard-interactive'])).toMatchObject({ type: 'keyboard-interactive' });
    expect(ask.password).not.toHaveBeenCalled();
  });

  it('numbers password attempts and hands the password to ssh2 only', async () => {
    const password = vi.fn(async ({ attempt }: { attempt: number }) => `pw${attempt}`);
    const { next } = harness({ prompter: prompter({ password }) });
    await next(null);
    expect(await next(['password'])).toMatchObject({ type: 'password', password: 'pw1' });
    expect(await next(['password'])).toMatchObject({ type: 'password', password: 'pw2' });
    expect(password.mock.calls[1]?.[0]).toEqual({ host: 'kvm1', user: 'alice', attempt: 2 });
  });

  it('fails with "cancelled" when the user cancels the password prompt', async () => {
    const { next, failures } = harness({ prompter: prompter({ password: async () => null }) });
    await next(null);
    const pending = next(['password']);
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    expect(failures[0]?.code).toBe('cancelled');
    void pending;
  });

  it('passes keyboard-interactive prompts to the prompter and its answers back', async () => {
    const keyboardInteractive = vi.fn(async () => ['123456']);
    const { next } = harness({ prompter: prompter({ keyboardInteractive }) });
    await next(null);
    const method = await next(['keyboard-interactive']);
    if (method === false || method.type !== 'keyboard-interactive') throw new Error('no k-i');
    const answers = await new Promise<string[]>((resolve) =>
      method.prompt('2FA', 'Enter the code', '', [{ prompt: 'Code: ', echo: true }], resolve),
    );
    expect(answers).toEqual(['123456']);
    expect(keyboardInteractive).toHaveBeenCalledWith({
      host: 'kvm1',
      user: 'alice',
      name: '2FA',
      instructions: 'Enter the code',
      prompts: [{ prompt: 'Code: ', echo: true }],
    });
  });

  it('respects a custom method order', async () => {
    const { next } = harness({ methods: ['keyboard-interactive', 'password'] });
    await next(null);
    expect(await next(['password', 'keyboard-interactive'])).toMatchObject({
      type: 'keyboard-interactive',
    });
  });

  it('has ssh-agent sign with an RSA key only with SHA-2, never SHA-1 (as OpenSSH 8.8+)', async () => {
    const socket = join(dir, 'agent.sock');
    // A real ssh-agent holding an RSA key; -D keeps it in the foreground, owned by this test.
    const agentProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      await waitFor('ssh-agent to listen', () => existsSync(socket), 10_000, 50);
      const rsaPath = join(dir, 'id_rsa_agent');
      execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', rsaPath]);
      execFileSync('ssh-add', [rsaPath], { env: { SSH_AUTH_SOCK: socket }, stdio: 'ignore' });

      const { next } = harness({ agent: socket });
      await next(null);
      const method = await next(['publickey']);
      if (method === false || method.type !== 'agent') throw new Error('no agent method');
      const agent = method.agent as BaseAgent<ParsedKey>;
      const keys = await new Promise<ParsedKey[]>((resolve, reject) =>
        agent.getIdentities((err, found) =>
          err ? reject(err) : resolve((found ?? []).filter((k): k is ParsedKey => 'type' in k)),
        ),
      );
      const rsa = keys.find((k) => k.type === 'ssh-rsa');
      if (!rsa) throw new Error('the agent lists no RSA key');
      const data = Buffer.from('session data');
      const sign = (hash?: 'sha1' | 'sha256' | 'sha512') =>
        new Promise<Buffer | Error>((resolve) =>
          agent.sign(rsa, data, hash ? { hash } : {}, (err, signature) =>
            resolve(err ?? signature ?? new Error('no signature')),
          ),
        );
      // ssh2 asks for SHA-1 when the server does not list rsa-sha2-* in server-sig-algs.
      expect(await sign()).toBeInstanceOf(Error);
      expect(await sign('sha1')).toBeInstanceOf(Error);
      expect(await sign('sha256')).toBeInstanceOf(Buffer);
    } finally {
      agentProcess.kill();
    }
  });
});
