import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import { countUserProcesses } from '../../support/testHost';
import { waitFor } from '../../support/waitFor';
import {
  closedPort,
  echoServer,
  env,
  makeSshHost,
  roundTrip,
  sessionCommands,
  tempDir,
} from './hostKit';

const NASTY = [
  `a b'c"$(touch pwned);d ü`,
  ';',
  '`touch pwned`',
  'line\nbreak',
  '',
  '$HOME',
  "'",
  '"',
  '\\',
  '*',
  '--',
  '-n',
  '|| touch pwned &',
];

describe('SshHost: exec, files and forwards over one connection', () => {
  let host: SshHost;
  let baseProcesses: number;
  const home = `/home/${env.user}`;

  beforeAll(async () => {
    baseProcesses = countUserProcesses(env.user);
    ({ host } = await makeSshHost());
    await host.connect();
  });

  afterEach(async () => {
    await waitFor('channels to close', () => host.openChannelCount === 0, 5000);
    await waitFor(
      'remote processes to end',
      () => countUserProcesses(env.user) <= baseProcesses + 1,
      10_000,
    );
  });

  afterAll(async () => {
    await host.close();
    expect(host.state).toEqual({ kind: 'closed' });
    await waitFor(
      'the session to end on the host',
      () => countUserProcesses(env.user) === baseProcesses,
      10_000,
    );
  });

  it('passes every argument through unchanged, with nothing run by a shell', async () => {
    const result = await host.exec(['printf', '%s\\0', ...NASTY]);
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8').split('\0').slice(0, -1)).toEqual(NASTY);
    expect(result.stderr.length).toBe(0);
    const listing = await host.exec(['ls', '-a', home]);
    expect(listing.stdout.toString()).not.toMatch(/pwned/);
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
  });

  it('reports exit codes, signals, stderr and missing programs', async () => {
    expect((await host.exec(['sh', '-c', 'exit 7'])).code).toBe(7);
    expect((await host.exec(['false'])).code).toBe(1);
    expect((await host.exec(['sh', '-c', 'kill -TERM $$'])).code).toBeNull();
    const err = await host.exec(['sh', '-c', 'echo out; echo err >&2; exit 2']);
    expect(err).toMatchObject({ code: 2 });
    expect(err.stdout.toString()).toBe('out\n');
    expect(err.stderr.toString()).toBe('err\n');
    expect((await host.exec(['virtdeck-no-such-program'])).code).toBe(127);
  });

  it('feeds stdin and then ends it', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 10, 13]);
    expect((await host.exec(['cat'], { stdin: bytes })).stdout).toEqual(bytes);
    expect((await host.exec(['wc', '-c'])).stdout.toString().trim()).toBe('0');
  });

  it('cancels a running command through its AbortSignal and kills it', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const running = host.exec(['sleep', '30'], { signal: abort.signal });
    await waitFor('sleep to start', async () => (await sessionCommands(host)).includes('sleep 30'));
    abort.abort();
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(
      'sleep to be killed',
      async () => !(await sessionCommands(host)).includes('sleep 30'),
      5000,
    );
  });

  it('refuses an already aborted signal without running anything', async () => {
    await expect(
      host.exec(['touch', 'pwned'], { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('lists, stats, writes, reads and deletes files over SFTP', async () => {
    const files = await host.files();
    expect(host.openChannelCount).toBe(1);
    const name = `virtdeck-sftp-${process.pid}-${Date.now()}.bin`;
    const path = `${home}/${name}`;
    const content = Buffer.alloc(300_000, 'xyz');
    await pipeline(Readable.from([content]), files.createWriteStream(path));
    const stat = await files.stat(path);
    expect(stat).toMatchObject({ name, type: 'file', size: content.length });
    expect(Math.abs(stat.mtimeMs - Date.now())).toBeLessThan(60_000);
    const listing = await files.list(home);
    expect(listing.find((e) => e.name === name)).toMatchObject({ type: 'file' });
    expect(listing.some((e) => e.name === '.' || e.name === '..')).toBe(false);
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
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
    await files.unlink(path);
    await expect(files.stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    files.close();
  });

  it('forwards to a TCP port on the host', async () => {
    const { server, port } = await echoServer();
    try {
      const stream = await host.forward({ kind: 'tcp', host: '127.0.0.1', port });
      expect(host.openChannelCount).toBe(1);
      expect(await roundTrip(stream, 'ping over tcp')).toBe('ping over tcp');
      stream.destroy();
    } finally {
      server.close();
    }
  });

  it('forwards to a unix socket on the host', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const path = join(dir, 'echo.sock');
    const { server } = await echoServer(path);
    chmodSync(path, 0o777);
    try {
      const stream = await host.forward({ kind: 'unix', path });
      expect(await roundTrip(stream, 'ping over unix')).toBe('ping over unix');
      stream.destroy();
    } finally {
      server.close();
    }
  });

  it('fails a forward to a closed port with "unreachable", naming the target', async () => {
    const port = await closedPort();
    const err = await host
      .forward({ kind: 'tcp', host: '127.0.0.1', port })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unreachable' });
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect(host.state.kind).toBe('connected');
  });

  it('runs many channels at once over the one connection', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => host.exec(['printf', '%s', String(i)])),
    );
    expect(results.map((r) => r.stdout.toString())).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i)),
    );
  });
});
