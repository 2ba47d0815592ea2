import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { waitFor } from '../../support/waitFor';
import { authListProbe, closedPort, echoServer, roundTrip, tempDir } from './hostKit';

describe('LocalHost', () => {
  const host = new LocalHost();

  beforeAll(async () => {
    await host.connect();
  });

  afterEach(async () => {
    await waitFor('streams to close', () => host.openStreamCount === 0, 5000);
    await waitFor('children to exit', () => host.openChildCount === 0, 5000);
  });

  afterAll(async () => {
    await host.close();
  });

  it('is connected after connect()', () => {
    expect(host.state).toEqual({ kind: 'connected' });
    expect(host.label).toBe('localhost');
  });

  it('runs programs without a shell: every argument arrives unchanged', async () => {
    const dir = tempDir();
    const nasty = [`a b'c"$(touch pwned);d ü`, ';', '`touch pwned`', 'x\ny', '', '*', '$HOME'];
    const result = await host.exec([
      'sh',
      '-c',
      'cd "$1" && shift && printf "%s\\0" "$@"',
      'sh',
      dir,
      ...nasty,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8').split('\0').slice(0, -1)).toEqual(nasty);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
  });

  it('reports exit codes, signals, stdin and missing programs', async () => {
    expect((await host.exec(['sh', '-c', 'exit 5'])).code).toBe(5);
    expect((await host.exec(['sh', '-c', 'kill -TERM $$'])).code).toBeNull();
    expect((await host.exec(['cat'], { stdin: 'piped' })).stdout.toString()).toBe('piped');
    const missing = await host.exec(['virtdeck-no-such-program']);
    expect(missing.code).toBe(127);
    expect(missing.stderr.toString()).toContain('not found');
  });

  it('cancels a command through its AbortSignal', async () => {
    const abort = new AbortController();
    const running = host.exec(['sleep', '30'], { signal: abort.signal });
    setTimeout(() => abort.abort(), 100);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('lists, stats, writes, reads and deletes files', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    symlinkSync('sub', join(dir, 'link'));
    const files = await host.files();
    const path = join(dir, 'data.bin');
    await pipeline(Readable.from([Buffer.from('hello files')]), files.createWriteStream(path));
    expect(await files.stat(path)).toMatchObject({ name: 'data.bin', type: 'file', size: 11 });
    const listing = await files.list(dir);
    expect(Object.fromEntries(listing.map((e) => [e.name, e.type]))).toEqual({
      'data.bin': 'file',
      sub: 'directory',
      link: 'symlink',
    });
    expect((await files.stat(join(dir, 'link'))).type).toBe('directory');
    const chunks: Buffer[] = [];
    await pipeline(
      files.createReadStream(path),
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          chunks.push(chunk);
          cb();
        },
      }),
    );
    expect(Buffer.concat(chunks).toString()).toBe('hello files');
    await files.unlink(path);
    await expect(files.stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    files.close();
  });

  it('forwards to TCP ports and unix sockets', async () => {
    const tcp = await echoServer();
    const dir = tempDir();
    const unix = await echoServer(join(dir, 'echo.sock'));
    try {
      const a = await host.forward({ kind: 'tcp', host: '127.0.0.1', port: tcp.port });
      expect(await roundTrip(a, 'tcp!')).toBe('tcp!');
      const b = await host.forward({ kind: 'unix', path: join(dir, 'echo.sock') });
      expect(await roundTrip(b, 'unix!')).toBe('unix!');
      expect(host.openStreamCount).toBe(2);
      a.destroy();
      b.destroy();
    } finally {
      tcp.server.close();
      unix.server.close();
    }
    const port = await closedPort();
    await expect(host.forward({ kind: 'tcp', host: '127.0.0.1', port })).rejects.toMatchObject({
      code: 'unreachable',
    });
  });

  it.each(['qemu:///system', 'test:///default'])('opens a libvirt stream for %s', async (uri) => {
    const stream = await host.openLibvirtStream(uri);
    expect(await authListProbe(stream, 9)).toMatchObject({
      program: 0x20008086,
      procedure: 66,
      type: 1,
      serial: 9,
    });
    stream.destroy();
  });

  it('rejects URIs that are not local', async () => {
    await expect(host.openLibvirtStream('qemu+ssh://kvm1/system')).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(host.openLibvirtStream('bogus:///x')).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('close() ends open streams and children, and stays closed', async () => {
    const other = new LocalHost();
    await other.connect();
    const tcp = await echoServer();
    try {
      const stream = await other.forward({ kind: 'tcp', host: '127.0.0.1', port: tcp.port });
      const sleeping = other.exec(['sleep', '30']);
      await waitFor('sleep to run', () => other.openChildCount === 1);
      await other.close();
      expect(stream.destroyed).toBe(true);
      expect((await sleeping).code).toBeNull();
      expect(other.openChildCount).toBe(0);
      expect(other.state).toEqual({ kind: 'closed' });
      await expect(other.exec(['true'])).rejects.toMatchObject({ code: 'disconnected' });
      await other.connect();
      expect((await other.exec(['true'])).code).toBe(0);
    } finally {
      tcp.server.close();
    }
  });

  it('explains an unreachable daemon', async () => {
    // A session URI with no helper process able to start: point the runtime dir at nothing.
    const dir = tempDir();
    chmodSync(dir, 0o700);
    writeFileSync(join(dir, 'marker'), '');
    const saved = process.env.XDG_RUNTIME_DIR;
    const savedPath = process.env.PATH;
    process.env.XDG_RUNTIME_DIR = dir;
    process.env.PATH = dir;
    try {
      const err = await host.openLibvirtStream('qemu:///session').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'libvirt-unreachable' });
      expect((err as Error).message).toContain(join(dir, 'libvirt', 'virtqemud-sock'));
    } finally {
      process.env.XDG_RUNTIME_DIR = saved;
      process.env.PATH = savedPath;
      if (saved === undefined) delete process.env.XDG_RUNTIME_DIR;
    }
  });
});
