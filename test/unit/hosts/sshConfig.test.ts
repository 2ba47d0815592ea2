import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultIdentityFiles,
  listHostAliases,
  resolveSshOptions,
} from '../../../src/main/hosts/ssh/sshConfig';

const defaults = { user: 'me', home: '/home/me' };
const resolve = (
  text: string | null,
  alias: string,
  overrides?: { user?: string; port?: number },
) => resolveSshOptions(text, alias, defaults, overrides);

const dir = mkdtempSync(join(tmpdir(), 'virtdeck-sshconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveSshOptions', () => {
  it('uses OpenSSH defaults without a config file', () => {
    expect(resolve(null, 'box')).toEqual({
      alias: 'box',
      hostName: 'box',
      port: 22,
      user: 'me',
      identityFiles: [],
      identitiesOnly: false,
      proxyJump: [],
      userKnownHostsFiles: ['/home/me/.ssh/known_hosts', '/home/me/.ssh/known_hosts2'],
      warnings: [],
    });
    expect(resolve('', 'box').port).toBe(22);
  });

  it('matches Host patterns with *, ? and negation', () => {
    const config = `
Host *.lab !secret.lab
  User labuser
Host node?
  Port 2201
Host *
  User fallback
`;
    expect(resolve(config, 'vm1.lab').user).toBe('labuser');
    expect(resolve(config, 'secret.lab').user).toBe('fallback');
    expect(resolve(config, 'node7').port).toBe(2201);
    // "?" is exactly one character (the ssh-config package's own matcher gets this wrong).
    expect(resolve(config, 'node').port).toBe(22);
    expect(resolve(config, 'node12').port).toBe(22);
  });

  it('keeps the first value of each keyword, whatever its case', () => {
    const config = `
Port 2000
Host web
  port 2200
  USER webadmin
  HostName web.internal
Host *
  Port 22
  User nobody
  hostname ignored.example
`;
    expect(resolve(config, 'web')).toMatchObject({
      port: 2000,
      user: 'webadmin',
      hostName: 'web.internal',
    });
    expect(resolve(config, 'other')).toMatchObject({
      port: 2000,
      user: 'nobody',
      hostName: 'ignored.example',
    });
  });

  it('expands %h and %% in HostName, and lowercases it like ssh', () => {
    const config = 'Host *.short\n  HostName %h.Example.COM\nHost pct\n  HostName a%%b\n';
    expect(resolve(config, 'db.short').hostName).toBe('db.short.example.com');
    expect(resolve(config, 'pct').hostName).toBe('a%b');
    expect(resolve(null, 'MixedCase').hostName).toBe('mixedcase');
  });

  it('collects every IdentityFile in order, expanding ~ and tokens', () => {
    const config = `
Host git
  HostName git.example.com
  User gitter
  IdentityFile ~/.ssh/git_key
  IdentityFile "%d/keys/%u to %r@%h:%p (%n) 100%%"
  IdentitiesOnly yes
Host *
  IdentityFile ~/.ssh/id_ed25519
  IdentityFile ~/.ssh/git_key
`;
    const r = resolve(config, 'git');
    expect(r.identityFiles).toEqual([
      '/home/me/.ssh/git_key',
      '/home/me/keys/me to gitter@git.example.com:22 (git) 100%',
      '/home/me/.ssh/id_ed25519',
    ]);
    expect(r.identitiesOnly).toBe(true);
    expect(resolve(config, 'other').identitiesOnly).toBe(false);
  });

  it('refuses tokens it cannot expand rather than using a wrong path', () => {
    expect(() => resolve('IdentityFile ~/.ssh/%C\n', 'x')).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });

  it('parses ProxyJump hops and honours "none"', () => {
    const config = `
Host direct
  ProxyJump none
Host uri
  ProxyJump ssh://bob@[fd00::1]:2200,ssh://carol@h3/
Host tokens
  ProxyJump %r@jump-for-%h:%p
Host *
  ProxyJump alice@bastion:2222,inner,a@b@c
`;
    expect(resolve(config, 'deep').proxyJump).toEqual([
      { host: 'bastion', user: 'alice', port: 2222 },
      { host: 'inner' },
      { host: 'c', user: 'a@b' },
    ]);
    expect(resolve(config, 'direct').proxyJump).toEqual([]);
    expect(resolve(config, 'uri').proxyJump).toEqual([
      { host: 'fd00::1', user: 'bob', port: 2200 },
      { host: 'h3', user: 'carol' },
    ]);
    expect(resolve(config, 'tokens').proxyJump).toEqual([
      { host: 'jump-for-tokens', user: 'me', port: 22 },
    ]);
    expect(() => resolve('ProxyJump bastion:99999\n', 'x')).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });

  it('lets explicit overrides win over the config file', () => {
    const config =
      'Host box\n  User configured\n  Port 2022\nMatch user root\n  IdentityFile ~/.ssh/root_key\n';
    expect(resolve(config, 'box')).toMatchObject({
      user: 'configured',
      port: 2022,
      identityFiles: [],
    });
    const r = resolve(config, 'box', { user: 'root', port: 2200 });
    expect(r).toMatchObject({ user: 'root', port: 2200 });
    // Match user sees the overridden user, as it sees `ssh root@box`.
    expect(r.identityFiles).toEqual(['/home/me/.ssh/root_key']);
  });

  it('reads keep-alive, timeout and known hosts settings', () => {
    const config = `
Host keep
  ServerAliveInterval 30
  ServerAliveCountMax 4
  ConnectTimeout 1m30s
  UserKnownHostsFile ~/kh1 "%d/my known hosts" /etc/%h_hosts
Host blind
  UserKnownHostsFile none
`;
    expect(resolve(config, 'keep')).toMatchObject({
      serverAliveIntervalSec: 30,
      serverAliveCountMax: 4,
      connectTimeoutSec: 90,
      userKnownHostsFiles: ['/home/me/kh1', '/home/me/my known hosts', '/etc/keep_hosts'],
    });
    expect(resolve(config, 'blind').userKnownHostsFiles).toEqual([]);
    expect(() => resolve('ServerAliveInterval soon\n', 'x')).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });

  it('evaluates Match host/originalhost/final but never runs Match exec', () => {
    const marker = join(dir, 'exec-ran');
    const config = `
Host short
  HostName long.example.com
Match exec "touch ${marker}"
  User from-exec
Match !exec "true"
  User from-not-exec
Match originalhost short
  IdentityFile ~/.ssh/orig
Match host *.example.com
  Port 2222
Host long.example.com
  User from-final-pass
Match final
  IdentitiesOnly yes
`;
    const r = resolve(config, 'short');
    expect(existsSync(marker)).toBe(false);
    expect(r).toMatchObject({ hostName: 'long.example.com', port: 2222, identitiesOnly: true });
    // In the final pass Host lines are matched against the host name, as ssh does.
    expect(r.user).toBe('from-final-pass');
    expect(r.identityFiles).toEqual(['/home/me/.ssh/orig']);
    // Both refusals are told once, though both passes met them.
    expect(r.warnings).toEqual([
      { key: 'ssh.matchRefused', params: { criterion: 'exec', file: 'config' } },
    ]);
  });

  it('reports a config it cannot parse as invalid input', () => {
    expect(() => resolve('Host "unterminated\n', 'x')).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });
});

describe('listHostAliases', () => {
  it('lists concrete Host names only', () => {
    const config = `
Host a b *.c !d e?
  User x
Host a
  Port 1
Match host f
  User y
Host g
`;
    expect(listHostAliases(config)).toEqual(['a', 'b', 'g']);
    expect(listHostAliases(null)).toEqual([]);
  });
});

describe('defaultIdentityFiles', () => {
  it('lists OpenSSH defaults in order', () => {
    expect(defaultIdentityFiles('/h')).toEqual([
      '/h/.ssh/id_rsa',
      '/h/.ssh/id_ecdsa',
      '/h/.ssh/id_ecdsa_sk',
      '/h/.ssh/id_ed25519',
      '/h/.ssh/id_ed25519_sk',
      '/h/.ssh/id_xmss',
      '/h/.ssh/id_dsa',
    ]);
  });
});
