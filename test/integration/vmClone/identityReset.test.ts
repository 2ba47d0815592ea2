/**
 * Guest identity reset (issue 16, "Identity reset"): virt-sysprep and virt-customize run on the
 * host through the SSH transport, as the test user, on copies of a small guest image made here
 * without mounting (`mkfs.ext4 -d`: /etc/machine-id, an SSH host key, /etc/hostname, and the
 * /etc/os-release, /etc/fstab and /bin that libguestfs' inspection needs to call it a Linux root).
 * The files are read back without mounting (debugfs): the clone's identity changed, the original's
 * did not. The modern host has neither tool: it says so and names the package.
 *
 * libguestfs boots an appliance VM for each reset: TCG only on this machine (nested KVM fails), so
 * the test sshd and vitest.config.ts set LIBGUESTFS_BACKEND_SETTINGS=force_tcg (up.sh says why).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LocalHost } from '../../../src/main/hosts/localHost';
import {
  IDENTITY_RESET_PACKAGE,
  identityResetTool,
  resetGuestIdentity,
  runIdentityReset,
} from '../../../src/main/services/vmClone/identityReset';
import { VirtdeckError } from '../../../src/shared/errors';
import { loadTestHost } from '../../support/testHost';
import { modernTransport, sshHostFor } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

/** One appliance boot under TCG on a loaded machine: a minute, several when others run tests. */
const RESET_TIMEOUT_MS = 600_000;
const ORIGINAL_MACHINE_ID = '0123456789abcdef0123456789abcdef';
const ORIGINAL_HOSTNAME = 'vd-identity-template';
/** A name a shell would mangle in every way: spaces, quotes, `$(...)`, `;`, unicode. */
const AWKWARD = `vd-identity clone 'q' "dq" $(touch x); ü`;

function guestRoot(dir: string): string {
  const root = join(dir, 'root');
  for (const sub of ['etc/ssh', 'bin', 'usr/bin']) mkdirSync(join(root, sub), { recursive: true });
  const files: Record<string, string> = {
    'etc/machine-id': `${ORIGINAL_MACHINE_ID}\n`,
    'etc/hostname': `${ORIGINAL_HOSTNAME}\n`,
    'etc/hosts': `127.0.0.1 localhost\n127.0.1.1 ${ORIGINAL_HOSTNAME}\n`,
    'etc/fstab': '# the root file system is the whole disk\n',
    'etc/os-release': 'NAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
    'etc/debian_version': '12.0\n',
    'etc/ssh/ssh_host_ed25519_key': 'not a real key: only its removal is checked\n',
    'etc/ssh/ssh_host_ed25519_key.pub': 'ssh-ed25519 AAAA vd-identity\n',
  };
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return root;
}

/** A 16 MiB raw ext4 image holding `root`, made without mounting anything. */
function makeRawImage(path: string, root: string): void {
  writeFileSync(path, '');
  truncateSync(path, 16 * 1024 * 1024);
  execFileSync('mkfs.ext4', ['-q', '-F', '-d', root, path]);
}

function convert(from: string, to: string, format: 'raw' | 'qcow2'): void {
  execFileSync('qemu-img', ['convert', '-O', format, from, to]);
}

/** A guest file's content as the image holds it (debugfs reads ext4 without mounting). */
function readGuestFile(image: string, format: 'raw' | 'qcow2', path: string): string {
  let raw = image;
  if (format === 'qcow2') {
    raw = `${image}.read.raw`;
    convert(image, raw, 'raw');
  }
  try {
    return execFileSync('debugfs', ['-R', `cat ${path}`, raw], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } finally {
    if (raw !== image) rmSync(raw, { force: true });
  }
}

/** The names in a guest directory (debugfs `ls -p`: /inode/mode/uid/gid/name/size/). */
function listGuestDir(image: string, format: 'raw' | 'qcow2', path: string): string[] {
  let raw = image;
  if (format === 'qcow2') {
    raw = `${image}.list.raw`;
    convert(image, raw, 'raw');
  }
  try {
    const out = execFileSync('debugfs', ['-R', `ls -p ${path}`, raw], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out
      .split('\n')
      .map((line) => line.split('/')[5] ?? '')
      .filter((name) => name !== '' && name !== '.' && name !== '..');
  } finally {
    if (raw !== image) rmSync(raw, { force: true });
  }
}

const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Processes of `uid` whose command line names `word`: the clone's path finds the tool and its
 * appliance's qemu (`-drive file=PATH`) of this test alone, whatever else the user runs.
 */
function processesOf(uid: number, word: string): string[] {
  const out = execFileSync('ps', ['-o', 'args=', '-u', String(uid)], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(word));
}

describe('guest identity reset over SSH (Debian 12 host, as the test user)', () => {
  const env = loadTestHost();
  const uid = Number(execFileSync('id', ['-u', env.user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', env.user], { encoding: 'utf8' }).trim());
  let dir: string;
  let template: { raw: string; qcow2: string };
  let host: Host;

  /** A copy of the template owned by the test user (as a clone's volume would be writable). */
  function userCopy(format: 'raw' | 'qcow2', name: string): string {
    const path = join(dir, name);
    copyFileSync(template[format], path);
    chownSync(path, uid, gid);
    return path;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vd-identity-'));
    chmodSync(dir, 0o755);
    const raw = join(dir, 'template.raw');
    makeRawImage(raw, guestRoot(dir));
    const qcow2 = join(dir, 'template.qcow2');
    convert(raw, qcow2, 'qcow2');
    template = { raw, qcow2 };
    for (const path of [raw, qcow2]) chownSync(path, uid, gid);
    host = sshHostFor(env, env.user);
    await host.connect();
    // Without it every reset below fails in libguestfs' launch, far from the reason.
    const tcg = await host.exec(['printenv', 'LIBGUESTFS_BACKEND_SETTINGS']);
    if (tcg.stdout.toString().trim() !== 'force_tcg') {
      throw new Error(
        'The test sshd does not set LIBGUESTFS_BACKEND_SETTINGS=force_tcg for the test user: ' +
          'run `bash scripts/test-host/up.sh` (as root) again to reload its config',
      );
    }
  });

  afterAll(async () => {
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds virt-sysprep and offers all three operations', async () => {
    expect(await identityResetTool(host)).toEqual({
      tool: 'virt-sysprep',
      package: IDENTITY_RESET_PACKAGE,
      operations: ['machine-id', 'ssh-hostkeys', 'hostname'],
    });
  });

  it(
    'virt-sysprep gives a linked clone a new machine-id, no old SSH host keys and its hostname',
    async () => {
      // A linked clone: a qcow2 overlay on the template, which libguestfs reads and never writes.
      const clone = join(dir, `${AWKWARD}.qcow2`);
      execFileSync('qemu-img', [
        'create',
        '-q',
        '-f',
        'qcow2',
        '-b',
        template.qcow2,
        '-F',
        'qcow2',
        clone,
      ]);
      chownSync(clone, uid, gid);
      const originalBytes = sha256(template.qcow2);
      await resetGuestIdentity(
        host,
        [clone],
        { operations: ['machine-id', 'ssh-hostkeys', 'hostname'], hostname: 'vd-identity-clone' },
        new AbortController().signal,
      );

      // virt-sysprep's machine-id operation empties the file; its customize operation (run for
      // the hostname and the first-boot ssh-keygen) then writes a new random one into it.
      const machineId = readGuestFile(clone, 'qcow2', '/etc/machine-id').trim();
      expect(machineId).toMatch(/^[0-9a-f]{32}$/);
      expect(machineId).not.toBe(ORIGINAL_MACHINE_ID);
      expect(readGuestFile(clone, 'qcow2', '/etc/hostname')).toBe('vd-identity-clone\n');
      expect(readGuestFile(clone, 'qcow2', '/etc/hosts')).toContain('vd-identity-clone');
      expect(listGuestDir(clone, 'qcow2', '/etc/ssh')).toEqual([]);
      // The keys come back at the guest's first boot (Debian's sshd would not start without).
      const firstboot = listGuestDir(clone, 'qcow2', '/usr/lib/virt-sysprep/scripts');
      expect(firstboot.some((name) => name.includes('ssh-keygen'))).toBe(true);

      // The template is untouched.
      expect(sha256(template.qcow2)).toBe(originalBytes);
      expect(readGuestFile(template.qcow2, 'qcow2', '/etc/machine-id')).toBe(
        `${ORIGINAL_MACHINE_ID}\n`,
      );
      expect(listGuestDir(template.qcow2, 'qcow2', '/etc/ssh')).toHaveLength(2);
    },
    RESET_TIMEOUT_MS,
  );

  it(
    'virt-customize does the same to a raw clone, leaving /etc/machine-id empty',
    async () => {
      const clone = userCopy('raw', 'vd-identity-customize.raw');
      await runIdentityReset(
        host,
        'virt-customize',
        [clone],
        { operations: ['machine-id', 'ssh-hostkeys', 'hostname'], hostname: 'vd-identity-c2' },
        new AbortController().signal,
      );
      // Empty: systemd makes a new one at the clone's first boot.
      expect(readGuestFile(clone, 'raw', '/etc/machine-id')).toBe('');
      expect(readGuestFile(clone, 'raw', '/etc/hostname')).toBe('vd-identity-c2\n');
      expect(listGuestDir(clone, 'raw', '/etc/ssh')).toEqual([]);
      expect(readGuestFile(template.raw, 'raw', '/etc/machine-id')).toBe(
        `${ORIGINAL_MACHINE_ID}\n`,
      );
      expect(readGuestFile(template.raw, 'raw', '/etc/hostname')).toBe(`${ORIGINAL_HOSTNAME}\n`);
    },
    RESET_TIMEOUT_MS,
  );

  it(
    "rejects with the tool's own words when the image holds no guest",
    async () => {
      const empty = join(dir, 'vd-identity-empty.raw');
      const emptyRoot = join(dir, 'empty-root');
      mkdirSync(emptyRoot);
      makeRawImage(empty, emptyRoot);
      chownSync(empty, uid, gid);
      const failure = resetGuestIdentity(
        host,
        [empty],
        { operations: ['machine-id'] },
        new AbortController().signal,
      );
      await expect(failure).rejects.toMatchObject({ code: 'host-tool' });
      const message = await failure.catch((err: Error) => err.message);
      expect(message).toContain('virt-sysprep: error: no operating systems were found');
      expect(message).not.toContain('If reporting bugs');
    },
    RESET_TIMEOUT_MS,
  );

  it('refuses a disk the SSH user cannot write, naming it, before the tool runs', async () => {
    const rootOwned = join(dir, `${AWKWARD} root-owned.raw`);
    copyFileSync(template.raw, rootOwned);
    chmodSync(rootOwned, 0o644);
    const before = sha256(rootOwned);
    const failure = resetGuestIdentity(
      host,
      [rootOwned],
      { operations: ['machine-id'] },
      new AbortController().signal,
    );
    await expect(failure).rejects.toMatchObject({ code: 'host-tool' });
    const message = await failure.catch((err: Error) => err.message);
    expect(message).toContain(`${rootOwned} is not writable`);
    expect(message).toContain('needs write access');
    expect(sha256(rootOwned)).toBe(before);
  });

  it('refuses a hostname that would break the guest before anything runs', async () => {
    const clone = userCopy('raw', 'vd-identity-badname.raw');
    const before = sha256(clone);
    await expect(
      resetGuestIdentity(
        host,
        [clone],
        { operations: ['hostname'], hostname: 'web server;$(reboot)' },
        new AbortController().signal,
      ),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      fields: { 'identityReset.hostname': expect.stringContaining('letters, digits') as string },
    });
    expect(sha256(clone)).toBe(before);
  });

  it(
    'Cancel kills the tool and its appliance, and says cancelled',
    async () => {
      const clone = userCopy('raw', 'vd-identity-cancel.raw');
      const abort = new AbortController();
      const run = resetGuestIdentity(host, [clone], { operations: ['machine-id'] }, abort.signal);
      run.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
      // Once libguestfs' appliance runs on the disk: the tool and a qemu of its own to stop.
      await waitFor(
        'the appliance running on the clone',
        () => {
          const running = processesOf(uid, clone);
          const tool = running.some((args) => args.startsWith('virt-sysprep'));
          return tool && running.some((args) => args.includes('qemu-system'));
        },
        240_000,
      );
      abort.abort();
      await expect(run).rejects.toSatisfy(
        (err) => err instanceof VirtdeckError && err.code === 'cancelled',
      );
      // libguestfs' recovery process kills the appliance's qemu once the tool is gone.
      await waitFor(
        'the tool and its appliance gone',
        () => processesOf(uid, clone).length === 0,
        60_000,
      );
    },
    RESET_TIMEOUT_MS,
  );
});

describe('guest identity reset where the host lacks the tools', () => {
  it('the modern host (Debian 13) says neither tool is there and names the package', async () => {
    const host = modernTransport().makeHost();
    try {
      await host.connect();
      expect(await identityResetTool(host)).toEqual({
        package: 'guestfs-tools',
        operations: [],
      });
      await expect(
        resetGuestIdentity(
          host,
          ['/nonexistent/vd-identity.qcow2'],
          { operations: ['machine-id'] },
          new AbortController().signal,
        ),
      ).rejects.toThrow(
        /neither virt-sysprep nor virt-customize: install the package guestfs-tools/,
      );
    } finally {
      await host.close();
    }
  });
});

describe('guest identity reset on the local transport', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vd-identity-local-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "virt-sysprep's machine-id alone empties the file and changes nothing else",
    async () => {
      const host = new LocalHost();
      try {
        expect((await identityResetTool(host)).tool).toBe('virt-sysprep');
        const clone = join(dir, `${AWKWARD}.raw`);
        makeRawImage(clone, guestRoot(dir));
        await resetGuestIdentity(
          host,
          [clone],
          { operations: ['machine-id'] },
          new AbortController().signal,
        );
        // "Uninitialized": systemd writes a new one at the next boot.
        expect(readGuestFile(clone, 'raw', '/etc/machine-id')).toBe('');
        expect(readGuestFile(clone, 'raw', '/etc/hostname')).toBe(`${ORIGINAL_HOSTNAME}\n`);
        expect(listGuestDir(clone, 'raw', '/etc/ssh')).toHaveLength(2);
      } finally {
        await host.close();
      }
    },
    RESET_TIMEOUT_MS,
  );
});
