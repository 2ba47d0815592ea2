import { afterEach, describe, expect, it } from 'vitest';
import type { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import { countUserProcesses, sshdLogSince, sshdLogSize } from '../../support/testHost';
import { waitFor } from '../../support/waitFor';
import { authListProbe, closedPort, env, makeSshHost, sessionCommands } from './hostKit';

const REPLY = 1;

describe('SshHost.openLibvirtStream', () => {
  const hosts: SshHost[] = [];
  const open = async (user: string) => {
    const { host } = await makeSshHost({ user });
    hosts.push(host);
    await host.connect();
    return host;
  };

  afterEach(async () => {
    for (const host of hosts.splice(0)) {
      await waitFor('libvirt channels to close', () => host.openChannelCount === 0, 5000);
      await host.close();
    }
  });

  it('forwards straight to the daemon socket when the user can open it (no helper)', async () => {
    const before = countUserProcesses(env.user);
    const host = await open(env.user);
    expect((await host.exec(['sh', '-c', 'command -v virt-ssh-helper'])).code).toBe(0);
    const stream = await host.openLibvirtStream('qemu:///system');
    expect(stream.libvirtTransport).toBe('ssh-stream-local');
    const reply = await authListProbe(stream, 1);
    expect(reply).toMatchObject({ program: 0x20008086, procedure: 66, type: REPLY, serial: 1 });
    // No relay process on the host: only the ps of this check runs under the connection.
    expect((await sessionCommands(host)).filter((c) => c.includes('virt-ssh-helper'))).toEqual([]);
    stream.destroy();
    await host.close();
    await waitFor(
      'no processes left for the user',
      () => countUserProcesses(env.user) === before,
      10_000,
    );
  });

  it('reaches the test driver through the socket too', async () => {
    const host = await open(env.user);
    const stream = await host.openLibvirtStream('test:///default');
    expect(stream.libvirtTransport).toBe('ssh-stream-local');
    expect(await authListProbe(stream, 7)).toMatchObject({ type: REPLY, serial: 7 });
    stream.destroy();
  });

  it('works for a user without virt-ssh-helper, trying the modular socket first', async () => {
    const host = await open(env.nohelperUser);
    expect((await host.exec(['sh', '-c', 'command -v virt-ssh-helper'])).code).not.toBe(0);
    const logStart = sshdLogSize(env);
    const stream = await host.openLibvirtStream('qemu:///system');
    expect(stream.libvirtTransport).toBe('ssh-stream-local');
    const reply = await authListProbe(stream, 3);
    expect(reply).toMatchObject({ procedure: 66, type: REPLY, serial: 3 });
    stream.destroy();
    // sshd logs the modular socket it could not open before libvirt-sock answered.
    const log = sshdLogSince(env, logStart);
    expect(log).toContain('/run/libvirt/virtqemud-sock');
  });

  it('falls back to virt-ssh-helper when no socket can be opened (a session daemon not running)', async () => {
    const host = await open(env.user);
    const runtime = await host.exec([
      'sh',
      '-c',
      'printf %s "${XDG_RUNTIME_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}}"',
    ]);
    const sessionSocket = `${runtime.stdout.toString('utf8')}/libvirt/libvirt-sock`;
    // Another test's session daemon exits by itself within 120 s of its last client.
    await waitFor(
      'no session daemon socket',
      async () => (await host.exec(['test', '-S', sessionSocket])).code !== 0,
      130_000,
    );
    // The helper starts the user's session daemon, which exits by itself 120 s after its last
    // client (libvirt's --timeout=120); it may serve other tests' session connections meanwhile,
    // so it is not killed here.
    const stream = await host.openLibvirtStream('qemu:///session');
    expect(stream.libvirtTransport).toBe('ssh-helper');
    const helper = 'virt-ssh-helper qemu:///session';
    expect(await sessionCommands(host)).toContain(helper);
    expect(await authListProbe(stream, 5)).toMatchObject({ procedure: 66, type: REPLY });
    stream.destroy();
    await waitFor(
      'the helper to exit',
      async () => !(await sessionCommands(host)).includes(helper),
      5000,
    );
  }, 150_000);

  it('explains what to install when neither the helper nor a socket works', async () => {
    const host = await open(env.nohelperUser);
    const err = await host.openLibvirtStream('qemu:///session').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'libvirt-unreachable' });
    const message = (err as Error).message;
    expect(message).toContain('virt-ssh-helper was not found');
    expect(message).toContain(`/home/${env.nohelperUser}/.cache/libvirt/virtqemud-sock`);
    expect(message).toContain('does not exist');
    expect(message).toContain('install libvirt-clients'.replace('install', 'Install'));
    expect(host.state.kind).toBe('connected');
  });

  it('rejects URIs it cannot serve before connecting at all', async () => {
    const { host } = await makeSshHost({ port: await closedPort() });
    for (const uri of ['vbox:///session', 'qemu:///nowhere', 'qemu+ssh://other/system']) {
      await expect(host.openLibvirtStream(uri)).rejects.toMatchObject({ code: 'invalid-input' });
    }
    expect(host.state.kind).toBe('disconnected');
  });
});
