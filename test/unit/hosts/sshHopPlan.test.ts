import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { planHops } from '../../../src/main/hosts/ssh/sshHopPlan';
import type { SshHostOptions } from '../../../src/main/hosts/ssh/sshHostOptions';
import type { SshPrompter } from '../../../src/main/hosts/ssh/sshPrompter';

const dir = mkdtempSync(join(tmpdir(), 'virtdeck-plan-'));
const config = join(dir, 'config');
writeFileSync(
  config,
  [
    'Host kvm1',
    '  HostName 10.0.0.5',
    '  User admin',
    '  Port 2222',
    '  IdentityFile /keys/kvm1',
    '  ProxyJump bastion',
    '  ServerAliveInterval 5',
    '  ServerAliveCountMax 4',
    '  ConnectTimeout 7',
    'Host bastion',
    '  HostName bastion.example',
    '  User jump',
    '  IdentitiesOnly yes',
    '  IdentityFile /keys/bastion',
    'Host aliased',
    '  HostName 10.0.0.9',
    '  Port 2200',
    '  HostKeyAlias kvm-aliased',
    '',
  ].join('\n'),
);

const options = (over: Partial<SshHostOptions>): SshHostOptions => ({
  host: 'kvm1',
  sshConfigPath: config,
  appKnownHostsFile: join(dir, 'app'),
  prompter: {} as SshPrompter,
  agent: '/tmp/agent.sock',
  ...over,
});

describe('planHops', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('resolves the jump host first, each hop from its own Host block', async () => {
    const plan = await planHops(options({}));
    expect(plan.hops.map((h) => [h.hostName, h.port, h.user])).toEqual([
      ['bastion.example', 22, 'jump'],
      ['10.0.0.5', 2222, 'admin'],
    ]);
    const [jump, target] = plan.hops;
    expect(jump?.identityFiles).toEqual(['/keys/bastion']);
    // IdentitiesOnly keeps the agent, restricted to the keys of the configured files.
    expect(jump?.agent).toBe('/tmp/agent.sock');
    expect(jump?.agentKeysFrom).toEqual(['/keys/bastion']);
    expect(target?.agentKeysFrom).toBeUndefined();
    expect(target?.identityFiles).toEqual(['/keys/kvm1']);
    expect(target?.agent).toBe('/tmp/agent.sock');
    expect(target).toMatchObject({ keepaliveIntervalMs: 5000, keepaliveCountMax: 4 });
    expect(jump).toMatchObject({ keepaliveIntervalMs: 3000, keepaliveCountMax: 2 });
    expect(plan.connectTimeoutMs).toBe(7000);
  });

  it('lets options beat the config, as ssh command line flags do', async () => {
    const plan = await planHops(
      options({
        user: 'root',
        port: 22,
        identityFiles: ['/keys/explicit'],
        knownHostsFiles: ['/kh'],
        keepaliveIntervalMs: 1000,
        keepaliveCountMax: 1,
      }),
    );
    const target = plan.hops.at(-1);
    expect(target).toMatchObject({
      user: 'root',
      port: 22,
      identityFiles: ['/keys/explicit'],
      knownHostsFiles: ['/kh'],
      keepaliveIntervalMs: 1000,
      keepaliveCountMax: 1,
    });
    // Explicit identity files are for the target; the jump host keeps its own.
    expect(plan.hops[0]?.identityFiles).toEqual(['/keys/bastion']);
  });

  it("uses OpenSSH's defaults for a host the config does not know", async () => {
    vi.stubEnv('SSH_AUTH_SOCK', '/run/agent');
    const plan = await planHops(options({ host: 'plain.example', agent: undefined }));
    expect(plan.hops).toHaveLength(1);
    const [only] = plan.hops;
    expect(only).toMatchObject({ hostName: 'plain.example', port: 22, agent: '/run/agent' });
    expect(only?.identityFiles).toContain(join(homedir(), '.ssh', 'id_ed25519'));
    expect(only?.knownHostsFiles).toContain(join(homedir(), '.ssh', 'known_hosts'));
    expect(only?.knownHostsFiles).toContain('/etc/ssh/ssh_known_hosts');
    expect(plan.connectTimeoutMs).toBeUndefined();
  });

  it('does without an agent when told so', async () => {
    vi.stubEnv('SSH_AUTH_SOCK', '/run/agent');
    const plan = await planHops(options({ host: 'plain.example', agent: false }));
    expect(plan.hops[0]?.agent).toBeUndefined();
  });

  it('files host keys under HostKeyAlias when set', async () => {
    const plan = await planHops(options({ host: 'aliased' }));
    expect(plan.hops[0]).toMatchObject({
      hostName: '10.0.0.9',
      port: 2200,
      keyHost: 'kvm-aliased',
      keyPort: 22,
    });
    const direct = await planHops(options({ host: 'plain.example', port: 2022 }));
    expect(direct.hops[0]).toMatchObject({ keyHost: 'plain.example', keyPort: 2022 });
  });

  it('works without a config file', async () => {
    const plan = await planHops(options({ sshConfigPath: join(dir, 'missing'), host: 'h' }));
    expect(plan.hops[0]).toMatchObject({ hostName: 'h', port: 22 });
  });

  it('says a skipped Match exec block once, whichever hop read it, and logs it', async () => {
    const matchConfig = join(dir, 'config-match-exec');
    writeFileSync(
      matchConfig,
      [
        'Match exec "test -f /tmp/on-vpn"',
        '  ProxyJump vpn-gw',
        'Host target',
        '  ProxyJump hop',
        '',
      ].join('\n'),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const plan = await planHops(options({ sshConfigPath: matchConfig, host: 'target' }));
    // The block is skipped: no vpn-gw hop.
    expect(plan.hops.map((h) => h.hostName)).toEqual(['hop', 'target']);
    expect(plan.warnings).toEqual([
      { key: 'ssh.matchRefused', params: { criterion: 'exec', file: 'config' } },
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    const clean = await planHops(options({}));
    expect(clean.warnings).toEqual([]);
    warn.mockRestore();
  });
});
