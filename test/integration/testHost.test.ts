// Smoke test of the test environment itself (scripts/test-host/up.sh and test/support/testHost.ts):
// if this fails, the other integration tests' failures say little about the app.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildTinyIso,
  countUserProcesses,
  loadTestHost,
  sshdLogSince,
  sshdLogSize,
  startSshd,
  stopSshd,
  tempKnownHosts,
} from '../support/testHost';
import { waitFor } from '../support/waitFor';

const execFileAsync = promisify(execFile);
const env = loadTestHost();
const dir = mkdtempSync(join(tmpdir(), 'virtdeck-testhost-'));

/** Connects to the sshd port and resolves with its first line (the SSH identification string). */
function readBanner(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: env.sshHost, port });
    let data = '';
    sock.setTimeout(5_000, () => sock.destroy(new Error('no banner within 5 s')));
    sock.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      const end = data.indexOf('\n');
      if (end >= 0) {
        sock.destroy();
        resolve(data.slice(0, end).trimEnd());
      }
    });
    sock.on('error', reject);
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host: env.sshHost, port });
    sock.on('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.on('error', () => resolve(false));
  });
}

describe('test host', () => {
  afterAll(async () => {
    await startSshd(env); // leave it up for the other test files, even after a failure here
    rmSync(dir, { recursive: true, force: true });
  });

  it('describes itself in .test-host/env.json', () => {
    expect(env.sshHost).toBe('127.0.0.1');
    expect(env.sshPort).toBeGreaterThan(0);
    expect(env.user).toBe('virtdeck-test');
    expect(env.nohelperUser).toBe('virtdeck-nohelper');
    for (const file of [env.clientKey, env.clientKeyEncrypted, env.hostKeyPub, env.sshdConfig]) {
      expect(existsSync(file), file).toBe(true);
    }
    expect(readFileSync(env.clientKeyEncrypted, 'utf8')).toContain('OPENSSH PRIVATE KEY');
    expect(env.knownHostsLine).toBe(
      `[127.0.0.1]:${env.sshPort} ${readFileSync(env.hostKeyPub, 'utf8').split(' ').slice(0, 2).join(' ')}`,
    );
  });

  it('runs an sshd that greets with an SSH-2.0 banner and logs the connection', async () => {
    const offset = sshdLogSize(env);
    expect(await readBanner(env.sshPort)).toMatch(/^SSH-2\.0-OpenSSH/);
    let log = '';
    for (let i = 0; i < 50 && !log.includes('127.0.0.1'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      log = sshdLogSince(env, offset);
    }
    expect(log).toContain('Connection from 127.0.0.1');
  });

  it('counts processes of the test users: one more while one of theirs runs, as many after', async () => {
    // The count is what the SSH tests' "nothing left behind" checks rest on, so it is checked
    // against a process of the user's that this test starts and ends itself.
    const before = countUserProcesses(env.user);
    const sleeper = spawn('runuser', ['-u', env.user, '--', 'sleep', '600'], { stdio: 'ignore' });
    const exited = new Promise((r) => sleeper.on('exit', r));
    try {
      await waitFor(
        'the sleep to run as the test user',
        () => countUserProcesses(env.user) === before + 1,
        10_000,
      );
    } finally {
      // runuser forwards the signal to its child, the user's sleep.
      sleeper.kill('SIGTERM');
      await exited;
    }
    await waitFor('the sleep to end', () => countUserProcesses(env.user) === before, 10_000);
    expect(countUserProcesses(env.user)).toBe(before);
  });

  it("leaves /dev/kvm as Debian's udev rule does, so libvirtd does not livelock re-probing QEMU", () => {
    // Without udev the node stays root:root 0600; libvirt 9.0's capability probe (root) and its
    // per-define check (the qemu user) then disagree and every define hangs.
    expect(existsSync('/dev/kvm'), 'this kind of machine has /dev/kvm').toBe(true);
    const st = statSync('/dev/kvm');
    expect((st.mode & 0o777).toString(8)).toBe('660');
    const kvmGid = readFileSync('/etc/group', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('kvm:'))
      ?.split(':')[2];
    expect(String(st.gid)).toBe(kvmGid);
  });

  it('writes trusted, changed and empty known_hosts files', () => {
    const trusted = readFileSync(tempKnownHosts(env, dir, 'trusted'), 'utf8');
    const changed = readFileSync(tempKnownHosts(env, dir, 'changed'), 'utf8');
    const empty = readFileSync(tempKnownHosts(env, dir, 'empty'), 'utf8');
    expect(trusted).toBe(`${env.knownHostsLine}\n`);
    const [host, type, key] = changed.trim().split(' ');
    expect(host).toBe(`[127.0.0.1]:${env.sshPort}`);
    expect(type).toBe('ssh-ed25519');
    expect(key).not.toBe(env.knownHostsLine.split(' ')[2]);
    expect(empty).toBe('');
  });

  it('builds a tiny bootable ISO with an El Torito boot catalog', async () => {
    const iso = join(dir, 'tiny.iso');
    await buildTinyIso(iso, 'SMOKE TEST BANNER');
    const size = statSync(iso).size;
    expect(size).toBeGreaterThan(100_000);
    expect(size).toBeLessThan(2_000_000);
    // ISO 9660 primary volume descriptor: "CD001" at byte 0x8001.
    expect(readFileSync(iso).subarray(0x8001, 0x8006).toString('latin1')).toBe('CD001');
    const { stdout, stderr } = await execFileAsync('xorriso', [
      '-indev',
      iso,
      '-report_el_torito',
      'plain',
    ]);
    const report = stdout + stderr;
    expect(report).toMatch(/El Torito boot img\s*:\s*1\s+BIOS\s+y\s+none/);
    expect(report).toContain('/isolinux/isolinux.bin');
    const { stdout: cfg } = await execFileAsync('xorriso', [
      '-indev',
      iso,
      '-osirrox',
      'on',
      '-extract',
      '/isolinux/isolinux.cfg',
      join(dir, 'isolinux.cfg'),
    ]);
    expect(cfg).toBe('');
    const text = readFileSync(join(dir, 'isolinux.cfg'), 'utf8');
    expect(text.split('\n')[0]).toBe('SERIAL 0 115200');
    expect(text).toContain('APPEND banner.txt');
    await execFileAsync('xorriso', [
      ...['-indev', iso, '-osirrox', 'on'],
      ...['-extract', '/isolinux/banner.txt', join(dir, 'banner.txt')],
    ]);
    expect(readFileSync(join(dir, 'banner.txt'), 'utf8')).toBe('SMOKE TEST BANNER\n');
  });

  it('stops the sshd (closing its port) and starts it again on the same port', async () => {
    // A live session whose remote command would run for 10 minutes: stopping must end both.
    const knownHosts = tempKnownHosts(env, dir, 'trusted');
    const client = spawn(
      'ssh',
      [
        ...['-i', env.clientKey, '-p', String(env.sshPort), '-o', 'BatchMode=yes'],
        ...['-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${knownHosts}`],
        `${env.user}@${env.sshHost}`,
        'echo $$; exec sleep 600',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const clientExit = new Promise<number | null>((r) => client.on('exit', (code) => r(code)));
    const remotePid = await new Promise<number>((resolve, reject) => {
      client.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      client.once('exit', () => reject(new Error('ssh exited before the remote command ran')));
    });
    expect(remotePid).toBeGreaterThan(1);

    await stopSshd(env);
    expect(await canConnect(env.sshPort)).toBe(false);
    expect(await clientExit).toBe(255); // "connection closed" for the OpenSSH client
    const state = existsSync(`/proc/${remotePid}/stat`)
      ? readFileSync(`/proc/${remotePid}/stat`, 'utf8').split(') ')[1]?.[0]
      : 'gone';
    expect(['gone', 'Z']).toContain(state);

    expect(await canConnect(env.sshPort)).toBe(false);
    await startSshd(env);
    expect(await canConnect(env.sshPort)).toBe(true);
    expect(await readBanner(env.sshPort)).toMatch(/^SSH-2\.0-/);
    // Starting it when it runs already is a no-op.
    const pid = readFileSync(env.sshdPidFile, 'utf8').trim();
    await startSshd(env);
    expect(readFileSync(env.sshdPidFile, 'utf8').trim()).toBe(pid);
  });
});
