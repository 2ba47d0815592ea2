/**
 * Include, ProxyCommand and Match as OpenSSH reads them, each compared with `ssh -G` on the same
 * files (absolute paths: ssh takes ~ from the password database, not from a temp HOME).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSshOptions } from '../../../src/main/hosts/ssh/sshConfig';
import { realConfigFiles } from '../../../src/main/hosts/ssh/sshConfigFiles';
import { hasSsh, sshDashG } from '../../support/sshDashG';

const dir = mkdtempSync(join(tmpdir(), 'virtdeck-sshcreds-include-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const me = userInfo();

function write(name: string, lines: string[]): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

// The main config, with Include at the top, inside a Host block and inside a Match block.
write('conf.d/10-web.conf', ['Host web*', '  User from-glob-10', '  Port 2010']);
write('conf.d/20-all.conf', ['Host *', '  User from-glob-20', '  ServerAliveInterval 20']);
write('conf.d/.hidden.conf', ['Host *', '  Port 9999']);
write('conf.d/notes.txt', ['Host *', '  Port 8888']);
write('nested/outer.conf', [
  `Include ${join(dir, 'nested', 'inner.conf')}`,
  'Host db',
  '  HostName db.from-outer.example',
]);
write('nested/inner.conf', ['Host db', '  Port 3306']);
// A Host line inside an included file ends with that file: "Port 7000" in the including block
// still applies afterwards, and the included Host does not leak out.
write('block/in-block.conf', ['  User from-block-include', 'Host nothing-matches', '  Port 1']);
write('match/in-match.conf', ['  IdentitiesOnly yes']);
write('proxy/cmd.conf', ['Host tunnel', '  ProxyCommand nc -X connect -x proxy:3128 %h %p']);
const main = write('config', [
  `Include ${join(dir, 'nested', 'outer.conf')}`,
  'Host blocky',
  `  Include ${join(dir, 'block', 'in-block.conf')}`,
  '  Port 7000',
  'Host unmatched-block',
  `  Include ${join(dir, 'conf.d', '10-web.conf')}`,
  'Match originalhost web*',
  `  Include ${join(dir, 'match', 'in-match.conf')}`,
  'Host jumpy',
  '  ProxyJump hop1',
  '  ProxyCommand nc %h %p',
  'Host cmdfirst',
  '  ProxyCommand ssh -W %h:%p %r@bastion',
  '  ProxyJump hop1',
  'Host off',
  '  ProxyCommand none',
  '  ProxyJump hop1',
  // An Include after a block belongs to it, as any line would: "Host *" starts a fresh one.
  'Host *',
  `Include ${join(dir, 'proxy', '*.conf')}`,
  // ssh runs these and finds both false; Virtdeck never runs them and treats them as false.
  'Match exec "exit 1"',
  '  Port 4444',
  'Match !exec "exit 0"',
  '  User never',
  'Match canonical',
  '  Port 5555',
  'Match all',
  '  ConnectTimeout 9',
  `Include ${join(dir, 'conf.d', '*.conf')}`,
  `Include ${join(dir, 'missing', '*.conf')} ${join(dir, 'absent.conf')}`,
]);
const text = (path: string): string =>
  realConfigFiles(me.homedir).read(path) ?? 'unreadable fixture';

describe.skipIf(!hasSsh)('Include, ProxyCommand and Match against ssh -G', () => {
  it.each([
    'web1',
    'db',
    'blocky',
    'jumpy',
    'cmdfirst',
    'off',
    'tunnel',
    'other',
    'unmatched-block',
  ])('resolves %s like ssh', (alias) => {
    const ours = resolveSshOptions(text(main), alias, { user: me.username, home: me.homedir });
    const theirs = sshDashG(main, alias).options;
    expect(ours.hostName).toBe(theirs.get('hostname'));
    expect(String(ours.port)).toBe(theirs.get('port'));
    expect(ours.user).toBe(theirs.get('user'));
    expect(ours.identitiesOnly ? 'yes' : 'no').toBe(theirs.get('identitiesonly'));
    expect(String(ours.serverAliveIntervalSec ?? 0)).toBe(theirs.get('serveraliveinterval'));
    expect(String(ours.connectTimeoutSec ?? 'none')).toBe(theirs.get('connecttimeout'));
    expect(ours.proxyCommand).toBe(theirs.get('proxycommand'));
    const jump = ours.proxyJump.map((h) => h.host).join(',');
    expect(jump || undefined).toBe(theirs.get('proxyjump'));
  });

  it('follows what it was asked to follow', () => {
    // The cases above would agree trivially if neither side read the files; these show they did.
    const resolve = (alias: string) =>
      resolveSshOptions(text(main), alias, { user: me.username, home: me.homedir });
    expect(resolve('web1')).toMatchObject({ user: 'from-glob-10', port: 2010 });
    expect(resolve('web1').identitiesOnly).toBe(true);
    expect(resolve('other').identitiesOnly).toBe(false);
    expect(resolve('db')).toMatchObject({ hostName: 'db.from-outer.example', port: 3306 });
    expect(resolve('blocky')).toMatchObject({ user: 'from-block-include', port: 7000 });
    expect(resolve('jumpy').proxyCommand).toBeUndefined();
    expect(resolve('cmdfirst')).toMatchObject({
      proxyCommand: 'ssh -W %h:%p %r@bastion',
      proxyJump: [],
    });
    expect(resolve('tunnel').proxyCommand).toBe('nc -X connect -x proxy:3128 %h %p');
    expect(existsSync(join(dir, 'conf.d', '.hidden.conf'))).toBe(true);
  });

  it('never runs Match exec, and says so', () => {
    const marker = join(dir, 'exec-ran');
    const config = `Match exec "touch ${marker}"\n  Port 4444\nMatch !exec "touch ${marker}"\n  User x\n`;
    const ours = resolveSshOptions(config, 'other', { user: me.username, home: me.homedir });
    expect(existsSync(marker)).toBe(false);
    expect([ours.port, ours.user]).toEqual([22, me.username]);
    expect(ours.warnings).toEqual([
      { key: 'ssh.matchRefused', params: { criterion: 'exec', file: 'config' } },
    ]);
  });
});

describe('Include with relative paths and limits', () => {
  const home = join(dir, 'home');
  write('home/.ssh/config.d/a.conf', ['Host rel', '  User relative-user']);
  write('home/.ssh/config.d/b.conf', ['Host rel', '  User second-wins-not', '  Port 2201']);
  write('home/.ssh/loop.conf', ['Include loop.conf']);
  const files = { ...realConfigFiles(home), includeDir: join(home, '.ssh') };

  it('takes relative paths from ~/.ssh and ~ from the home directory, in glob order', () => {
    for (const include of ['config.d/*.conf', '~/.ssh/config.d/?.conf']) {
      const r = resolveSshOptions(`Include ${include}\n`, 'rel', { user: 'me', home }, {}, files);
      expect(r).toMatchObject({ user: 'relative-user', port: 2201 });
    }
  });

  it('refuses an Include loop with a message instead of recursing forever', () => {
    expect(() =>
      resolveSshOptions('Include loop.conf\n', 'x', { user: 'me', home }, {}, files),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid-input',
        text: expect.objectContaining({ key: 'ssh.includeTooDeep' }),
      }),
    );
  });

  it('reports an included file it cannot parse, naming that file', () => {
    const bad = write('home/.ssh/bad.conf', ['Host "unterminated']);
    expect(() =>
      resolveSshOptions('Include bad.conf\n', 'x', { user: 'me', home }, {}, files),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid-input',
        text: { key: 'ssh.configUnparsable', params: { file: bad } },
      }),
    );
  });
});
