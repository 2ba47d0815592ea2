/**
 * OS detection from `.disk/info` on real ISO 9660 images built by xorriso (with Rock Ridge names,
 * and without: ".disk" stored as a plain ISO name), whose volume label says nothing: detectOs
 * finds Debian 12 from the file, read in ranges from a file on the host and from a pool's volume
 * through libvirt, and over SFTP from the private sshd. (osinfo-detect runs first on this host
 * and does not know the tiny image.)
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { ExecResult, Host } from '../../../src/main/hosts/host';
import { createVolume, getVolumePath, uploadVolume } from '../../../src/main/libvirt/storageVolume';
import { readIsoFile } from '../../../src/main/services/newVm/iso9660';
import { detectOs } from '../../../src/main/services/newVm/isoMedia';
import { osCatalogue } from '../../../src/main/services/newVm/osDefaults';
import { makeSshHost } from '../hosts/hostKit';
import { PREFIX, closeInstallEnv, openInstallEnv, type InstallEnv } from './installFixtures';

const INFO = 'Debian GNU/Linux 12.5.0 "Bookworm" - Official amd64 DVD Binary-1 20240210-11:28';
let env: InstallEnv;
let work: string;

function buildIso(path: string, rockRidge: boolean): void {
  const root = join(work, `root-${rockRidge}`);
  mkdirSync(join(root, '.disk'), { recursive: true });
  writeFileSync(join(root, '.disk', 'info'), INFO);
  mkdirSync(join(root, 'pool', 'main', 'b'), { recursive: true });
  writeFileSync(join(root, 'pool', 'main', 'b', 'deep.txt'), 'deep file\n');
  execFileSync('xorriso', [
    ...['-as', 'mkisofs', '-quiet', '-o', path, '-V', 'VDK_WIZARD2'],
    // xorriso writes Rock Ridge names unless told not to.
    ...(rockRidge ? ['-R'] : ['--norock']),
    root,
  ]);
}

async function readerOf(path: string) {
  const bytes = await readFile(path);
  return async (offset: number, length: number) => bytes.subarray(offset, offset + length);
}

beforeAll(async () => {
  env = await openInstallEnv();
  work = mkdtempSync(join(tmpdir(), `${PREFIX}diskinfo-`));
  buildIso(join(work, 'rr.iso'), true);
  buildIso(join(work, 'plain.iso'), false);
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await closeInstallEnv(env);
});

describe('the ISO 9660 reader', () => {
  it.each(['rr.iso', 'plain.iso'])('finds files by path in %s', async (file) => {
    const read = await readerOf(join(work, file));
    expect((await readIsoFile(read, '/.disk/info'))?.toString()).toBe(INFO);
    expect((await readIsoFile(read, 'pool/main/b/deep.txt'))?.toString()).toBe('deep file\n');
    expect(await readIsoFile(read, '/.disk/nothing')).toBeUndefined();
    expect(await readIsoFile(read, '/pool/main')).toBeUndefined();
  });

  it('says nothing of a file that is not ISO 9660', async () => {
    const notIso = join(work, 'not.iso');
    writeFileSync(notIso, Buffer.alloc(64 * 1024, 7));
    expect(await readIsoFile(await readerOf(notIso), '/.disk/info')).toBeUndefined();
  });
});

describe('detectOs from .disk/info', () => {
  it('a file on the host and a pool volume: Debian 12, found by its .disk/info', async () => {
    const { entries } = await osCatalogue(env.host);
    const onHost = join(work, 'rr.iso');
    expect(await detectOs(env.host, env.rpc, onHost, entries)).toEqual({
      shortId: 'debian12',
      method: 'disk-info',
      volumeLabel: 'VDK_WIZARD2',
    });

    const size = statSync(join(work, 'plain.iso')).size;
    const vol = await createVolume(
      env.rpc,
      env.pool.ref,
      `<volume><name>debian.iso</name><capacity unit='B'>${size}</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );
    await uploadVolume(env.rpc, vol, createReadStream(join(work, 'plain.iso')), { length: size });
    const volPath = await getVolumePath(env.rpc, vol);
    expect((await detectOs(env.host, env.rpc, volPath, entries)).shortId).toBe('debian12');
  });

  it('a file read over SFTP from a remote host, in byte ranges', async () => {
    const { entries } = await osCatalogue(env.host);
    chmodSync(work, 0o755);
    chmodSync(join(work, 'plain.iso'), 0o644);
    const { host, dir } = await makeSshHost();
    try {
      await host.connect();
      expect(await detectOs(host, env.rpc, join(work, 'plain.iso'), entries)).toMatchObject({
        shortId: 'debian12',
        method: 'disk-info',
      });
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('detectOs and osinfo-detect', () => {
  it('hands osinfo-detect a path starting with "-" as a file, never as an option', async () => {
    const { entries } = await osCatalogue(env.host);
    // A relative name with a leading dash, in the directory the local host runs programs in.
    const path = `-${PREFIX}detect.iso`;
    copyFileSync(join(work, 'rr.iso'), path);
    // The real host, with what its exec ran and answered written down.
    const runs: { argv: readonly string[]; result: ExecResult }[] = [];
    const host = new Proxy(env.host, {
      get(target, prop) {
        if (prop === 'exec') {
          return async (argv: readonly string[]) => {
            const result = await target.exec(argv);
            runs.push({ argv, result });
            return result;
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    }) as Host;
    try {
      expect((await detectOs(host, env.rpc, path, entries)).shortId).toBe('debian12');
    } finally {
      rmSync(path, { force: true });
    }
    const run = runs.find((r) => r.argv[0] === 'osinfo-detect');
    expect(run?.argv.slice(-2)).toEqual(['--', `./${path}`]);
    // osinfo-detect read the file (an ISO it finds not bootable) instead of rejecting an option.
    expect(run?.result.stdout.toString()).toBe('Media is not bootable.\n');
    expect(run?.result.code).toBe(0);
  });
});
