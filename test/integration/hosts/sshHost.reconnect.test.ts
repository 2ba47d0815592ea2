import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostState } from '../../../src/main/hosts/host';
import type { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import {
  countUserProcesses,
  settledUserProcesses,
  sshdLogSince,
  sshdLogSize,
  startSshd,
  stopSshd,
} from '../../support/testHost';
import { waitFor } from '../../support/waitFor';
import { closedPort, env, makeSshHost, sessionCommands, spyPrompter } from './hostKit';

describe('SshHost connection loss, reconnect and failures to connect', () => {
  const hosts: SshHost[] = [];
  let baseProcesses: number;

  beforeAll(async () => {
    baseProcesses = await settledUserProcesses(env.user);
  });

  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
    await startSshd(env);
    await waitFor('sessions to end', () => countUserProcesses(env.user) <= baseProcesses, 10_000);
  });

  afterAll(async () => {
    await startSshd(env);
  });

  const make = async (...args: Parameters<typeof makeSshHost>) => {
    const made = await makeSshHost(...args);
    hosts.push(made.host);
    return made.host;
  };

  const record = (host: SshHost): HostState[] => {
    const states: HostState[] = [];
    host.onStateChange((s) => states.push(s));
    return states;
  };

  it('fails what is open with "disconnected" when sshd dies, then reconnects by itself', async () => {
    const host = await make();
    await host.connect();
    const states = record(host);
    const files = await host.files();
    // Caught at once: it fails while the test is still busy stopping sshd.
    const sleeping = host.exec(['sleep', '30']).catch((e: unknown) => e);
    await waitFor('sleep to start', async () => (await sessionCommands(host)).includes('sleep 30'));
    expect(host.openChannelCount).toBe(2);

    const stoppedAt = Date.now();
    await stopSshd(env);
    const err = await sleeping;
    expect(err).toMatchObject({ code: 'disconnected' });
    expect((err as Error).message).toContain(`Lost connection to ${host.label}`);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    await expect(files.list('/')).rejects.toMatchObject({ code: 'disconnected' });
    const lost = await waitFor(
      'the disconnected state',
      () => states.find((s) => s.kind === 'disconnected'),
      10_000,
    );
    expect(lost).toMatchObject({ kind: 'disconnected', retryAt: expect.any(Number) });
    expect(host.openChannelCount).toBe(0);
    await expect(host.exec(['true'])).rejects.toMatchObject({ code: 'disconnected' });

    await startSshd(env);
    await waitFor('the reconnect', () => host.state.kind === 'connected', 15_000);
    expect((await host.exec(['printf', 'back'])).stdout.toString()).toBe('back');
    expect(host.openChannelCount).toBe(0);
  });

  it('notices a connection that goes silent, through keepalives, within 10 s', async () => {
    // The defaults: a keepalive every 3 s, the connection given up after 2 unanswered.
    const host = await make();
    const offset = sshdLogSize(env);
    await host.connect();
    await host.exec(['true']);
    const log = sshdLogSince(env, offset);
    const pid = /User child is on pid (\d+)/.exec(log)?.[1];
    expect(pid).toBeDefined();
    const states = record(host);
    // A stopped sshd keeps the TCP connection open but answers nothing: a silent drop.
    execFileSync('kill', ['-STOP', pid as string]);
    try {
      const started = Date.now();
      await waitFor(
        'the drop to be noticed',
        () => states.some((s) => s.kind === 'disconnected'),
        12_000,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      execFileSync('kill', ['-KILL', pid as string]);
    }
    await waitFor('the reconnect', () => host.state.kind === 'connected', 15_000);
  });

  it('asks for the password again on reconnect instead of keeping it', async () => {
    const prompter = spyPrompter({ password: async () => env.password });
    const host = await make({ identityFiles: [], prompter });
    await host.connect();
    await stopSshd(env);
    await waitFor('the drop', () => host.state.kind !== 'connected', 10_000);
    await startSshd(env);
    await waitFor('the reconnect', () => host.state.kind === 'connected', 15_000);
    expect(prompter.password).toHaveBeenCalledTimes(2);
  });

  it('stays closed after close(): no reconnect', async () => {
    const host = await make();
    await host.connect();
    await stopSshd(env);
    await waitFor('the drop', () => host.state.kind === 'disconnected', 10_000);
    await host.close();
    expect(host.state).toEqual({ kind: 'closed' });
    await startSshd(env);
    await new Promise((r) => setTimeout(r, 1500));
    expect(host.state).toEqual({ kind: 'closed' });
    await expect(host.exec(['true'])).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('close() ends a live connection and what is open on it', async () => {
    const host = await make();
    await host.connect();
    const sleeping = host.exec(['sleep', '30']).catch((e: unknown) => e);
    await waitFor('sleep to start', async () => (await sessionCommands(host)).includes('sleep 30'));
    await host.close();
    expect(await sleeping).toMatchObject({ code: 'disconnected' });
    expect(host.state).toEqual({ kind: 'closed' });
    expect(host.openChannelCount).toBe(0);
  });

  it('reports a closed port as "unreachable" with host:port, quickly', async () => {
    const port = await closedPort();
    const host = await make({ port });
    const started = Date.now();
    const err = await host.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unreachable' });
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(host.state).toMatchObject({ kind: 'disconnected' });
  });

  it('reports a name that does not resolve as "unreachable"', async () => {
    const host = await make({ host: 'nonexistent.invalid' });
    const started = Date.now();
    const err = await host.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unreachable' });
    expect((err as Error).message).toContain('nonexistent.invalid');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('times out a server that accepts but never speaks SSH', async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const host = await make({ port, readyTimeoutMs: 1500 });
      const started = Date.now();
      const err = await host.connect().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'unreachable' });
      expect((err as Error).message).toMatch(/Timed out/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});
