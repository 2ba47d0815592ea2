/**
 * Volume downloads follow their reader, once per transport. libvirtd sends a download stream as
 * fast as it can and the client buffers at most STREAM_BUFFER_LIMIT_BYTES per stream, so a
 * download into a target slower than the link (a slow disk, a browser over the gateway) used to
 * fail with "was not read" although its reader kept reading. downloadVolume now fetches the
 * volume window by window, each only once the reader has taken the one before: a slow reader
 * gets every byte, and a stopped one holds no libvirt stream open while it waits to be cancelled.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  DOWNLOAD_WINDOW_BYTES,
  createVolume,
  downloadVolume,
  uploadVolume,
} from '../../../src/main/libvirt/storageVolume';
import { STREAM_BUFFER_LIMIT_BYTES } from '../../../src/main/libvirt/rpc/stream';
import { createQcow2, qemuWithTempPool } from '../../support/libvirtFixtures';
import { transports } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

const MiB = 1024 * 1024;
/** Four stream buffers' worth, and a whole number of windows (the last window comes back empty). */
const SIZE = 32 * MiB;
/** Far slower than libvirtd sends over any transport here: 8 s for the whole volume. */
const READER_BYTES_PER_SECOND = 4 * MiB;

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A target that takes every chunk, but only at `bytesPerSecond` (a slow disk, a slow browser). */
function throttledSink(bytesPerSecond: number) {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 256 * 1024,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      setTimeout(done, (chunk.length / bytesPerSecond) * 1000);
    },
  });
  return { sink, received: () => Buffer.concat(chunks) };
}

function collectingSink() {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { sink, received: () => Buffer.concat(chunks) };
}

describe.each(transports())('volume download into a slow reader over $name', (transport) => {
  const session = qemuWithTempPool(transport);

  it('delivers all 32 MiB to a reader far slower than the link', async () => {
    expect(DOWNLOAD_WINDOW_BYTES).toBeLessThan(STREAM_BUFFER_LIMIT_BYTES);
    const { conn, pool } = session;
    const data = randomBytes(SIZE);
    const vol = await createVolume(
      conn.rpc,
      pool.pool,
      `<volume><name>slow.raw</name><capacity unit='B'>${SIZE}</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );
    await uploadVolume(conn.rpc, vol, Readable.from([data]), { length: SIZE });

    const { sink, received } = throttledSink(READER_BYTES_PER_SECOND);
    const progress: number[] = [];
    const bytes = await downloadVolume(conn.rpc, vol, sink, {
      onProgress: (n) => progress.push(n),
    });
    expect(bytes).toBe(SIZE);
    expect(progress.at(-1)).toBe(SIZE);
    expect(sha256(received())).toBe(sha256(data));
    expect(conn.rpc.openStreams).toBe(0);

    // A range across window boundaries (how the new-VM wizard reads an ISO's head) is exact too.
    const offset = 3 * MiB + 1;
    const length = 2 * DOWNLOAD_WINDOW_BYTES + 5;
    const range = collectingSink();
    expect(await downloadVolume(conn.rpc, vol, range.sink, { offset, length })).toBe(length);
    expect(range.received().equals(data.subarray(offset, offset + length))).toBe(true);
  });

  it('downloads a qcow2 volume as its file, not its capacity', async () => {
    const { conn, pool } = session;
    const { vol, path } = await createQcow2(conn.rpc, pool.pool, 'image.qcow2', 64);
    const file = readFileSync(path);
    const { sink, received } = collectingSink();
    expect(await downloadVolume(conn.rpc, vol, sink)).toBe(file.length);
    expect(sha256(received())).toBe(sha256(file));
  });

  it('holds no stream open for a reader that stopped, until the download is cancelled', async () => {
    const { conn, pool } = session;
    const size = 4 * STREAM_BUFFER_LIMIT_BYTES;
    // A sparse raw file: costs no disk.
    const vol = await createVolume(
      conn.rpc,
      pool.pool,
      `<volume><name>stopped.raw</name><capacity unit='B'>${size}</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );
    const stopped = new Writable({ highWaterMark: 1024, write: () => {} });
    const controller = new AbortController();
    let moved = 0;
    const download = downloadVolume(conn.rpc, vol, stopped, {
      signal: controller.signal,
      onProgress: (n) => (moved = n),
    }).then(
      () => new Error('the download finished although nobody read it'),
      (err: unknown) => err,
    );
    // The first windows have arrived and their streams are closed; the next waits for the reader.
    await waitFor('the first window to arrive', () => moved > 0 && conn.rpc.openStreams === 0);
    expect((await conn.hostname()).length).toBeGreaterThan(0);
    controller.abort();
    expect(await download).toMatchObject({ name: 'AbortError' });
    expect(stopped.destroyed).toBe(true);
    expect(conn.rpc.openStreams).toBe(0);
  });
});
