/**
 * The check after a move's copy: the target volume's capacity, length and SHA-256, read back with
 * `sha256sum` on the host when the user may read the file, else from a second download. It passes
 * on the bytes sent and catches one byte changed on the host.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { createVolume, getVolumePath, uploadVolume } from '../../../src/main/libvirt/storageVolume';
import { verifyCopy } from '../../../src/main/services/migration/volumeCopy';
import { storageVolumeXml } from '../../../src/main/xml/build/storageVolumeXml';
import { createTempPool, type TempPool } from '../../support/libvirtFixtures';
import { modernTransport } from '../../support/transports';

const NAME = `vd-move-${process.pid}-verify "q" $(id);é.raw`;

describe.each([
  { how: 'sha256sum on the host (root over the local socket)', gen: undefined },
  { how: 'a second download (the SSH user may not read the file)', gen: modernTransport() },
])('verifyCopy by $how', ({ gen }) => {
  let host: Host;
  let conn: LibvirtConnection;
  let pool: TempPool;
  beforeAll(async () => {
    host = gen ? gen.makeHost() : new LocalHost();
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    pool = await createTempPool(conn.rpc);
  });
  afterAll(async () => {
    await pool?.destroy().catch(() => {});
    await conn?.close();
    await host?.close();
  });

  it('passes on the bytes sent and fails on one byte changed on the host', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const vol = await createVolume(
      conn.rpc,
      pool.pool,
      storageVolumeXml({
        name: NAME,
        capacity: bytes.length,
        format: 'raw',
      }),
    );
    await uploadVolume(conn.rpc, vol, Readable.from([bytes]), { length: bytes.length });
    const end = { rpc: conn.rpc, host, label: host.label };
    const expected = {
      vol,
      format: 'raw',
      capacity: bytes.length,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    const signal = new AbortController().signal;
    await verifyCopy(end, vol, expected, signal);

    const file = (gen?.localPath ?? ((p: string) => p))(await getVolumePath(conn.rpc, vol));
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from([bytes[1000]! ^ 0xff]), 0, 1, 1000);
    closeSync(fd);
    await expect(verifyCopy(end, vol, expected, signal)).rejects.toThrow(
      /does not hold the bytes sent/,
    );
  });
});
