import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import {
  sshdLogSince,
  sshdLogSize,
  startSshd,
  stopSshd,
  tempKnownHosts,
} from '../../support/testHost';
import { waitFor } from '../../support/waitFor';
import { authListProbe, env, spyPrompter, tempDir } from './hostKit';

describe('SshHost through a ProxyJump host from ~/.ssh/config', () => {
  const hosts: SshHost[] = [];
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
    await startSshd(env);
  });

  const make = (): SshHost => {
    const dir = tempDir();
    const config = join(dir, 'config');
    // The jump host and the target are the same sshd, reached as two users: the second
    // connection runs inside a channel forwarded by the first.
    writeFileSync(
      config,
      [
        'Host vd-jump',
        `  HostName ${env.sshHost}`,
        `  Port ${env.sshPort}`,
        `  User ${env.user}`,
        `  IdentityFile ${env.clientKey}`,
        'Host vd-target',
        `  HostName ${env.sshHost}`,
        `  Port ${env.sshPort}`,
        `  User ${env.nohelperUser}`,
        `  IdentityFile ${env.clientKey}`,
        '  ProxyJump vd-jump',
        '',
      ].join('\n'),
    );
    const host = new SshHost({
      host: 'vd-target',
      sshConfigPath: config,
      knownHostsFiles: [tempKnownHosts(env, dir, 'trusted')],
      appKnownHostsFile: join(dir, 'app_known_hosts'),
      agent: false,
      prompter: spyPrompter(),
      reconnect: { initialDelayMs: 200, maxDelayMs: 2000 },
    });
    hosts.push(host);
    return host;
  };

  it('logs in to the jump host, then to the target through it', async () => {
    const offset = sshdLogSize(env);
    const host = make();
    await host.connect();
    expect((await host.exec(['id', '-un'])).stdout.toString().trim()).toBe(env.nohelperUser);
    const log = sshdLogSince(env, offset);
    expect(log).toContain(`Accepted publickey for ${env.user}`);
    expect(log).toContain(`Accepted publickey for ${env.nohelperUser}`);
    const stream = await host.openLibvirtStream('qemu:///system');
    expect(await authListProbe(stream, 5)).toMatchObject({ type: 1, serial: 5 });
    stream.destroy();
  });

  it('drops and reconnects the whole chain', async () => {
    const host = make();
    await host.connect();
    await stopSshd(env);
    await waitFor('the drop', () => host.state.kind === 'disconnected', 10_000);
    await startSshd(env);
    await waitFor('the reconnect', () => host.state.kind === 'connected', 15_000);
    expect((await host.exec(['id', '-un'])).stdout.toString().trim()).toBe(env.nohelperUser);
  });
});
