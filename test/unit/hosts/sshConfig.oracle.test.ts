import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSshOptions } from '../../../src/main/hosts/ssh/sshConfig';
import { hasSsh, sshDashG } from '../../support/sshDashG';

const dir = mkdtempSync(join(tmpdir(), 'virtdeck-sshconfig-oracle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

  const sshG = (alias: string, extra: string[] = []): Map<string, string> =>
    sshDashG(file, alias, extra).options;

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
