/**
 * 50 MB into a volume through libvirt's upload stream and back out through its download stream,
 * once per transport: the bytes that come back are the bytes that went in, and the file on the
 * host holds them too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  createVolume,
  downloadVolume,
  getVolumeInfo,
  getVolumePath,
  uploadVolume,
} from '../../../src/main/libvirt/storageVolume';
import { qemuWithTempPool } from '../../support/libvirtFixtures';
import { transports } from '../../support/transports';

const SIZE = 50 * 1024 * 1024;

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe.each(transports())('volume upload and download over $name', (transport) => {
  const session = qemuWithTempPool(transport);

  it('uploads 50 MB and reads back the same bytes', async () => {
    const { conn, pool } = session;
    const data = randomBytes(SIZE);
    const vol = await createVolume(
      conn.rpc,
      pool.pool,
      `<volume><name>blob.raw</name><capacity unit='B'>${SIZE}</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );

    const progress: number[] = [];
    // Feed it in 1 MiB pieces, as a file read would.
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < SIZE; i += 1 << 20) yield data.subarray(i, i + (1 << 20));
      })(),
    );
    const sent = await uploadVolume(conn.rpc, vol, source, {
      length: SIZE,
      onProgress: (n) => progress.push(n),
    });
    expect(sent).toBe(SIZE);
    expect(progress.at(-1)).toBe(SIZE);
    expect(progress.length).toBeGreaterThan(10);

    // The host's file holds exactly these bytes.
    const path = await getVolumePath(conn.rpc, vol);
    expect(sha256(readFileSync(path))).toBe(sha256(data));
    expect((await getVolumeInfo(conn.rpc, vol)).capacity).toBe(SIZE);

    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    const received = await downloadVolume(conn.rpc, vol, sink);
    expect(received).toBe(SIZE);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(data));
    // The connection is still healthy after both streams.
    expect(conn.rpc.openStreams).toBe(0);
    expect((await conn.hostname()).length).toBeGreaterThan(0);
  });

  it('cancels an upload midway and the connection stays usable', async () => {
    const { conn, pool } = session;
    const vol = await createVolume(
      conn.rpc,
      pool.pool,
      `<volume><name>cancelled.raw</name><capacity unit='B'>${SIZE}</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );
    const controller = new AbortController();
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 50; i++) yield Buffer.alloc(1 << 20, i);
      })(),
    );
    const upload = uploadVolume(conn.rpc, vol, source, {
      length: SIZE,
      signal: controller.signal,
      onProgress: (n) => {
        if (n >= 5 << 20) controller.abort();
      },
    });
    await expect(upload).rejects.toThrow(/abort/i);
    expect(conn.rpc.openStreams).toBe(0);
    expect((await conn.hostname()).length).toBeGreaterThan(0);
  });
});
