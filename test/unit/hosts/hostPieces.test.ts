import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { childDuplex } from '../../../src/main/hosts/childDuplex';
import { HostStateStore } from '../../../src/main/hosts/hostStateStore';
import { entryFromAttributes } from '../../../src/main/hosts/ssh/sftpFiles';

const attrs = (mode: number) => ({ mode, uid: 0, gid: 0, size: 42, atime: 0, mtime: 1700000000 });

describe('entryFromAttributes', () => {
  it('reads the file type from the SFTP mode bits', () => {
    expect(entryFromAttributes('f', attrs(0o100644))).toEqual({
      name: 'f',
      type: 'file',
      size: 42,
      mtimeMs: 1700000000_000,
    });
    expect(entryFromAttributes('d', attrs(0o040755)).type).toBe('directory');
    expect(entryFromAttributes('l', attrs(0o120777)).type).toBe('symlink');
    expect(entryFromAttributes('s', attrs(0o140755)).type).toBe('other');
  });
});

describe('HostStateStore', () => {
  it('tells every listener, survives a failing one and unsubscribes', () => {
    const store = new HostStateStore({ kind: 'connecting' });
    const seen = vi.fn();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    store.subscribe(() => {
      throw new Error('boom');
    });
    const off = store.subscribe(seen);
    store.set({ kind: 'connected' });
    off();
    store.set({ kind: 'closed' });
    expect(seen.mock.calls).toEqual([[{ kind: 'connected' }]]);
    expect(store.get()).toEqual({ kind: 'closed' });
    errors.mockRestore();
  });
});

describe('childDuplex', () => {
  it('carries bytes both ways and ends when the child does', async () => {
    const child = spawn('cat', [], { stdio: 'pipe' });
    const duplex = childDuplex(child, () => undefined);
    const chunks: Buffer[] = [];
    duplex.on('data', (c: Buffer) => chunks.push(c));
    duplex.end('hello\n');
    await once(duplex, 'close');
    expect(Buffer.concat(chunks).toString()).toBe('hello\n');
    // The stream may close a moment before the child has exited; it must exit by itself.
    if (child.exitCode === null) await once(child, 'close');
    expect(child.exitCode).toBe(0);
  });

  it('kills the child when destroyed', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'pipe' });
    const duplex = childDuplex(child, () => new Error('should not be reported'));
    const errors = vi.fn();
    duplex.on('error', errors);
    await once(child, 'spawn');
    duplex.destroy();
    await once(child, 'close');
    expect(child.signalCode).toBe('SIGTERM');
    expect(errors).not.toHaveBeenCalled();
  });

  it('fails with the error made from the exit status and stderr', async () => {
    const child = spawn('sh', ['-c', 'echo nope >&2; exit 3'], { stdio: 'pipe' });
    const duplex = childDuplex(child, (code, _signal, stderr) =>
      code === 0 ? undefined : new Error(`exit ${code}: ${stderr.trim()}`),
    );
    duplex.resume();
    const [err] = (await once(duplex, 'error')) as [Error];
    expect(err.message).toBe('exit 3: nope');
  });
});
