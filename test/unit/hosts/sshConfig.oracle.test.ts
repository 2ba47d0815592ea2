import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSshOptions } from '../../../src/main/hosts/ssh/sshConfig';

const dir = mkdtempSync(join(tmpdir(), 'virtdeck-sshconfig-oracle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// `ssh -G` prints the options ssh itself would use; where it is installed it is the reference.
const hasSsh = spawnSync('ssh', ['-V']).status === 0;

describe.skipIf(!hasSsh)('agreement with ssh -G', () => {
  const config = `
Host web*
  Port 2200
Host web3 !web3x
  User third
Host db
  HostName %h.Internal.Example
  ProxyJump ops@bastion:2222,relay
Host *.internal.example
  User internal
Match host *.internal.example
  Port 5522
Match final host db.internal.example
  IdentitiesOnly yes
Host node?
  User node
Host *
  User everyone
  ServerAliveInterval 1m
`;
  const file = join(dir, 'oracle_config');
  writeFileSync(file, config);
  const me = userInfo();

  function sshG(alias: string, extra: string[] = []): Map<string, string> {
    const out = spawnSync('ssh', ['-G', '-F', file, ...extra, alias], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out.status).toBe(0);
    const map = new Map<string, string>();
    for (const line of out.stdout.split('\n')) {
      const space = line.indexOf(' ');
      if (space > 0 && !map.has(line.slice(0, space)))
        map.set(line.slice(0, space), line.slice(space + 1));
    }
    return map;
  }

  it.each(['web1', 'web3', 'web3x', 'db', 'x.internal.example', 'node1', 'node', 'Web1'])(
    'resolves %s like ssh',
    (alias) => {
      const ours = resolveSshOptions(config, alias, { user: me.username, home: me.homedir });
      const theirs = sshG(alias);
      expect(ours.hostName).toBe(theirs.get('hostname'));
      expect(String(ours.port)).toBe(theirs.get('port'));
      expect(ours.user).toBe(theirs.get('user'));
      expect(ours.identitiesOnly ? 'yes' : 'no').toBe(theirs.get('identitiesonly'));
      expect(String(ours.serverAliveIntervalSec ?? 0)).toBe(theirs.get('serveraliveinterval'));
      const jump = ours.proxyJump.map(
        (h) => `${h.user ? h.user + '@' : ''}${h.host}${h.port ? ':' + h.port : ''}`,
      );
      expect(jump.join(',') || undefined).toBe(theirs.get('proxyjump'));
    },
  );

  it('applies -l and -p like the overrides', () => {
    const ours = resolveSshOptions(
      config,
      'web3',
      { user: me.username, home: me.homedir },
      { user: 'x', port: 9 },
    );
    const theirs = sshG('web3', ['-l', 'x', '-p', '9']);
    expect([ours.user, String(ours.port)]).toEqual([theirs.get('user'), theirs.get('port')]);
  });
});
