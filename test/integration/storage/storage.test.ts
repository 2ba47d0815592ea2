/**
 * The storage services over the private sshd on the real libvirtd, as a user at the Storage tab:
 * a dir pool at a temporary path, a qcow2 volume, an upload through the gateway's HTTP route and
 * the download back byte for byte, resize, clone, a cancelled upload (from the app and from the
 * page) leaving no volume, a volume a VM uses refused for deletion with the VM's name, deletes;
 * and bad input refused with the field at fault and nothing created (checked through libvirt and
 * the file system).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/shared/api/types';
import { InvalidInputError } from '../../../src/shared/errors';
import { JobRunner } from '../../../src/main/api/jobs';
import { ConsoleGateway } from '../../../src/main/consoles/consoleGateway';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { defineDomain, lookupDomainByName, undefineDomain } from '../../../src/main/libvirt/domain';
import { listAllStoragePools } from '../../../src/main/libvirt/storagePool';
import {
  createPool,
  deletePool,
  listPools,
  setPoolAutostartByName,
  stopPoolByName,
  startPoolByName,
} from '../../../src/main/services/storage/pools';
import {
  startVolumeDownload,
  startVolumeUpload,
} from '../../../src/main/services/storage/transfers';
import {
  clonePoolVolume,
  createPoolVolume,
  deletePoolVolume,
  listPoolVolumes,
  resizePoolVolume,
} from '../../../src/main/services/storage/volumes';
import { removeLeftovers, tcgDomainXml } from '../../support/libvirtFixtures';
import { transports } from '../../support/transports';
import { waitFor } from '../../support/waitFor';
import { httpRequest } from './transferHttp';

const ORIGIN = 'http://127.0.0.1:4444';
const MiB = 1024 * 1024;

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What a rejected promise was: its code, message and fields. */
async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    const e = err as { code?: string; message: string };
    return {
      code: e.code,
      message: e.message,
      fields: err instanceof InvalidInputError ? err.fields : {},
    };
  }
  throw new Error('expected a failure');
}

// Both ways over the private sshd: with virt-ssh-helper, and by forwarding the daemon socket.
describe.each(transports().slice(1))(
  'storage pools, volumes and transfers ($name)',
  (transport) => {
    let host: Host;
    let conn: LibvirtConnection;
    let gateway: ConsoleGateway;
    const events: JobProgress[] = [];
    const jobs = new JobRunner((job) => events.push(job));
    const base = `/tmp/virtdeck-storage-${randomBytes(4).toString('hex')}`;
    const poolName = `virtdeck-test-${randomBytes(4).toString('hex')}`;
    const poolPath = `${base}/pool`;
    const VM = `virtdeck-storage-user-${transport.remoteUser}`;
    const deps = () => ({ jobs, gateway });
    const rpc = () => conn.rpc;
    const poolNames = async () => (await listAllStoragePools(rpc())).map((p) => p.name);
    const volumeNames = async () => (await listPoolVolumes(rpc(), poolName)).map((v) => v.name);

    beforeAll(async () => {
      mkdirSync(base, { recursive: true });
      host = transport.makeHost();
      conn = await LibvirtConnection.open(host, 'qemu:///system');
      await removeLeftovers(conn.rpc, [VM]);
      gateway = await ConsoleGateway.start({ allowedOrigins: () => [ORIGIN] });
    });

    afterAll(async () => {
      await removeLeftovers(conn.rpc, [VM]).catch(() => {});
      await gateway?.close();
      await conn?.close();
      await host?.close();
      rmSync(base, { recursive: true, force: true });
    });

    it('refuses a pool whose path does not exist or is a file, or whose name is taken', async () => {
      const missing = await failure(
        createPool(rpc(), host, {
          name: poolName,
          type: 'dir',
          path: `${base}/nowhere`,
          build: false,
        }),
      );
      expect(missing.code).toBe('invalid-input');
      expect(missing.fields.path).toMatch(/does not exist/);

      writeFileSync(`${base}/a-file`, 'not a directory');
      const file = await failure(
        createPool(rpc(), host, {
          name: poolName,
          type: 'dir',
          path: `${base}/a-file`,
          build: true,
        }),
      );
      expect(file.fields.path).toMatch(/is not a directory/);

      const badName = await failure(createPool(rpc(), host, { name: 'a/b', type: 'dir' }));
      expect(badName.fields.name).toBeDefined();

      // Nothing was created: no pool, no directory.
      expect(await poolNames()).not.toContain(poolName);
      expect(existsSync(`${base}/nowhere`)).toBe(false);
      expect(statSync(`${base}/a-file`).isFile()).toBe(true);
    });

    it('creates a dir pool at a temporary path (define, build, start, autostart)', async () => {
      const pool = await createPool(rpc(), host, {
        name: poolName,
        type: 'dir',
        path: poolPath,
        build: true,
        autostart: true,
      });
      expect(pool).toMatchObject({
        name: poolName,
        type: 'dir',
        state: 'running',
        autostart: true,
      });
      expect(pool.path).toBe(poolPath);
      expect(pool.capacity).toBeGreaterThan(0);
      expect(pool.available).toBeGreaterThan(0);
      expect(statSync(poolPath).isDirectory()).toBe(true);
      const listed = (await listPools(rpc())).find((p) => p.name === poolName);
      expect(listed).toMatchObject({ type: 'dir', active: true, persistent: true });

      const again = await failure(
        createPool(rpc(), host, {
          name: poolName,
          type: 'dir',
          path: `${base}/other`,
          build: true,
        }),
      );
      expect(again.fields.name).toMatch(/already exists/);
      const samePath = await failure(
        createPool(rpc(), host, {
          name: `${poolName}-2`,
          type: 'dir',
          path: poolPath,
          build: true,
        }),
      );
      expect(samePath.fields.path).toMatch(new RegExp(`already the target of pool "${poolName}"`));
      expect(await poolNames()).not.toContain(`${poolName}-2`);

      await setPoolAutostartByName(rpc(), poolName, false);
      await stopPoolByName(rpc(), poolName);
      expect((await listPools(rpc())).find((p) => p.name === poolName)).toMatchObject({
        active: false,
        autostart: false,
      });
      await startPoolByName(rpc(), poolName);
    });

    it('creates a qcow2 volume; refuses a used name and a size above the free space', async () => {
      const vol = await createPoolVolume(rpc(), poolName, {
        name: 'disk.qcow2',
        format: 'qcow2',
        capacity: 16 * MiB,
      });
      expect(vol).toMatchObject({
        name: 'disk.qcow2',
        format: 'qcow2',
        capacity: 16 * MiB,
        usedBy: [],
      });
      expect(vol.path).toBe(`${poolPath}/disk.qcow2`);
      expect(existsSync(vol.path)).toBe(true);

      const used = await failure(
        createPoolVolume(rpc(), poolName, { name: 'disk.qcow2', format: 'raw', capacity: MiB }),
      );
      expect(used.fields.name).toMatch(/already has a volume named "disk.qcow2"/);

      const pool = (await listPools(rpc())).find((p) => p.name === poolName)!;
      const huge = await failure(
        createPoolVolume(rpc(), poolName, {
          name: 'huge.raw',
          format: 'raw',
          capacity: pool.available + 1024 * MiB,
        }),
      );
      expect(huge.fields.capacity).toMatch(/more than the .* free in pool/);
      expect(existsSync(`${poolPath}/huge.raw`)).toBe(false);
      expect(await volumeNames()).toEqual(['disk.qcow2']);

      // An overlay on it, as the wizard's "based on" does.
      const overlay = await createPoolVolume(rpc(), poolName, {
        name: 'overlay.qcow2',
        format: 'qcow2',
        backingPath: vol.path,
      });
      expect(overlay).toMatchObject({ capacity: 16 * MiB, backingPath: vol.path });
      await deletePoolVolume(rpc(), { pool: poolName, name: 'overlay.qcow2' });
    });

    it('uploads a file through the gateway and downloads it back byte-identical', async () => {
      const data = randomBytes(3 * MiB + 12345);
      const started = await startVolumeUpload(
        {
          rpc: rpc(),
          connectionId: 'c1',
          pool: poolName,
          name: 'blob.raw',
          format: 'raw',
          size: data.length,
        },
        deps(),
      );
      expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/transfer\?token=/);
      expect(started.path).toBe(`${poolPath}/blob.raw`);

      // A page of another origin is refused, and does not use up the ticket.
      const stranger = await httpRequest(started.url, {
        method: 'PUT',
        origin: 'http://evil.example',
        body: data,
      });
      expect(stranger.status).toBe(403);
      const preflight = await httpRequest(started.url, {
        method: 'OPTIONS',
        origin: ORIGIN,
        headers: { 'Access-Control-Request-Method': 'PUT' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(preflight.headers['access-control-allow-methods']).toContain('PUT');

      const put = await httpRequest(started.url, { method: 'PUT', origin: ORIGIN, body: data });
      expect(put.status).toBe(200);
      expect(put.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(JSON.parse(put.body.toString())).toEqual({ bytes: data.length });
      const summary = await started.result;
      expect(summary).toMatchObject({ name: 'blob.raw', format: 'raw', capacity: data.length });

      const mine = events.filter((e) => e.jobId === started.jobId);
      expect(mine.at(-1)).toMatchObject({
        phase: 'done',
        unit: 'bytes',
        done: data.length,
        total: data.length,
      });
      // The ticket worked once.
      const replay = await httpRequest(started.url, { method: 'PUT', origin: ORIGIN, body: data });
      expect(replay.status).toBe(403);

      const download = await startVolumeDownload(
        { rpc: rpc(), connectionId: 'c1', pool: poolName, name: 'blob.raw' },
        deps(),
      );
      expect(download.filename).toBe('blob.raw');
      // A browser navigation: no Origin header.
      const got = await httpRequest(download.url, { method: 'GET' });
      expect(got.status).toBe(200);
      expect(got.headers['content-disposition']).toMatch(/^attachment; filename="blob.raw"/);
      expect(sha256(got.body)).toBe(sha256(data));
      await waitFor('the download job to end', () =>
        events.some((e) => e.jobId === download.jobId && e.phase === 'done'),
      );
      // A used download ticket leaves the page where it is.
      expect((await httpRequest(download.url, { method: 'GET' })).status).toBe(204);
    });

    it('uploads an ISO as an iso volume (the wizard path) and downloads a qcow2 file whole', async () => {
      const iso = randomBytes(2 * MiB);
      const started = await startVolumeUpload(
        {
          rpc: rpc(),
          connectionId: 'c1',
          pool: poolName,
          name: 'media.iso',
          format: 'iso',
          size: iso.length,
        },
        deps(),
      );
      expect(
        (await httpRequest(started.url, { method: 'PUT', origin: ORIGIN, body: iso })).status,
      ).toBe(200);
      // libvirt names the format by probing the bytes: these random ones read as raw.
      expect(await started.result).toMatchObject({ name: 'media.iso', capacity: iso.length });

      const download = await startVolumeDownload(
        { rpc: rpc(), connectionId: 'c1', pool: poolName, name: 'disk.qcow2' },
        deps(),
      );
      const got = await httpRequest(download.url, { method: 'GET' });
      // The qcow2 file as it is on the host (its header, not 16 MiB of guest data).
      expect(sha256(got.body)).toBe(sha256(readFileSync(`${poolPath}/disk.qcow2`)));
      expect(got.body.subarray(0, 4).toString('latin1')).toBe('QFI\xfb');
      await deletePoolVolume(rpc(), { pool: poolName, name: 'media.iso' });
    });

    it('resizes and clones a volume', async () => {
      await resizePoolVolume(rpc(), { pool: poolName, name: 'disk.qcow2' }, 32 * MiB);
      const grown = (await listPoolVolumes(rpc(), poolName)).find((v) => v.name === 'disk.qcow2');
      expect(grown?.capacity).toBe(32 * MiB);
      const shrink = await failure(
        resizePoolVolume(rpc(), { pool: poolName, name: 'disk.qcow2' }, 8 * MiB),
      );
      expect(shrink.fields.capacity).toMatch(/smaller than the volume/);

      const clone = await clonePoolVolume(
        rpc(),
        { pool: poolName, name: 'blob.raw' },
        'blob-copy.raw',
      );
      expect(clone.capacity).toBe(3 * MiB + 12345);
      const taken = await failure(
        clonePoolVolume(rpc(), { pool: poolName, name: 'blob.raw' }, 'disk.qcow2'),
      );
      expect(taken.fields.newName).toMatch(/already has a volume/);
      await deletePoolVolume(rpc(), { pool: poolName, name: 'blob-copy.raw' });
    });

    /** A source that yields 1 MiB every 50 ms: slow enough to cancel midway. */
    function slowSource(total: number): Readable {
      let sent = 0;
      return new Readable({
        read() {
          if (sent >= total) {
            this.push(null);
            return;
          }
          setTimeout(() => {
            const n = Math.min(MiB, total - sent);
            sent += n;
            this.push(Buffer.alloc(n, 7));
          }, 50);
        },
      });
    }

    it('cancels an upload midway from the app: no volume is left', async () => {
      const size = 64 * MiB;
      const started = await startVolumeUpload(
        {
          rpc: rpc(),
          connectionId: 'c1',
          pool: poolName,
          name: 'cancelled.raw',
          format: 'raw',
          size,
        },
        deps(),
      );
      expect(await volumeNames()).toContain('cancelled.raw');
      const put = httpRequest(started.url, {
        method: 'PUT',
        origin: ORIGIN,
        body: slowSource(size),
        contentLength: size,
      }).catch((err: unknown) => err);
      await waitFor('some bytes to arrive', () =>
        events.some((e) => e.jobId === started.jobId && e.done >= 4 * MiB),
      );
      jobs.cancel(started.jobId);
      await expect(started.result).rejects.toMatchObject({ code: 'cancelled' });
      await put;
      expect(events.filter((e) => e.jobId === started.jobId).at(-1)?.phase).toBe('cancelled');
      expect(await volumeNames()).not.toContain('cancelled.raw');
      expect(existsSync(`${poolPath}/cancelled.raw`)).toBe(false);
    });

    it('cancels an upload when the page aborts its request: no volume is left', async () => {
      const size = 64 * MiB;
      const started = await startVolumeUpload(
        {
          rpc: rpc(),
          connectionId: 'c1',
          pool: poolName,
          name: 'aborted.raw',
          format: 'raw',
          size,
        },
        deps(),
      );
      let request: { destroy(): void } | undefined;
      const put = httpRequest(started.url, {
        method: 'PUT',
        origin: ORIGIN,
        body: slowSource(size),
        contentLength: size,
        started: (req) => (request = req),
      }).catch((err: unknown) => err);
      await waitFor('some bytes to arrive', () =>
        events.some((e) => e.jobId === started.jobId && e.done >= 4 * MiB),
      );
      request?.destroy();
      await put;
      await expect(started.result).rejects.toThrow();
      await waitFor('the job to end cancelled', () =>
        events.some((e) => e.jobId === started.jobId && e.phase === 'cancelled'),
      );
      expect(await volumeNames()).not.toContain('aborted.raw');
      expect(existsSync(`${poolPath}/aborted.raw`)).toBe(false);
    });

    it('an upload whose page never comes expires and leaves no volume', async () => {
      // The same service, through a gateway whose tickets expire at once.
      const short = await ConsoleGateway.start({
        allowedOrigins: () => [ORIGIN],
        transferTtlMs: 50,
      });
      try {
        const started = await startVolumeUpload(
          {
            rpc: rpc(),
            connectionId: 'c1',
            pool: poolName,
            name: 'never.raw',
            format: 'raw',
            size: MiB,
          },
          { jobs, gateway: short },
        );
        await expect(started.result).rejects.toThrow(/did not start in time/);
        expect(await volumeNames()).not.toContain('never.raw');
      } finally {
        await short.close();
      }
    });

    it('refuses to delete a volume a VM uses, naming the VM', async () => {
      const disk = `${poolPath}/disk.qcow2`;
      const iso = `${poolPath}/blob.raw`;
      await defineDomain(rpc(), tcgDomainXml(VM, disk, iso));
      const listed = await listPoolVolumes(rpc(), poolName);
      expect(listed.find((v) => v.name === 'disk.qcow2')?.usedBy).toEqual([VM]);
      expect(listed.find((v) => v.name === 'blob.raw')?.usedBy).toEqual([VM]);

      const refused = await failure(
        deletePoolVolume(rpc(), { pool: poolName, name: 'disk.qcow2' }),
      );
      expect(refused.code).toBe('in-use');
      expect(refused.message).toContain(`"${VM}"`);
      expect(existsSync(disk)).toBe(true);

      await undefineDomain(rpc(), await lookupDomainByName(rpc(), VM));
      expect((await listPoolVolumes(rpc(), poolName)).every((v) => v.usedBy.length === 0)).toBe(
        true,
      );
    });

    it('deletes volumes, then the pool; its directory only when asked', async () => {
      const holding = await failure(deletePool(rpc(), poolName, { deleteStorage: true }));
      expect(holding.code).toBe('in-use');
      expect(await poolNames()).toContain(poolName);

      await deletePoolVolume(rpc(), { pool: poolName, name: 'disk.qcow2' });
      await deletePoolVolume(rpc(), { pool: poolName, name: 'blob.raw' });
      expect(await volumeNames()).toEqual([]);
      expect(existsSync(`${poolPath}/disk.qcow2`)).toBe(false);

      await deletePool(rpc(), poolName, { deleteStorage: true });
      expect(await poolNames()).not.toContain(poolName);
      expect(existsSync(poolPath)).toBe(false);

      // Without the flag the directory stays.
      const keep = `${poolName}-keep`;
      await createPool(rpc(), host, { name: keep, type: 'dir', path: `${base}/keep`, build: true });
      await deletePool(rpc(), keep);
      expect(await poolNames()).not.toContain(keep);
      expect(statSync(`${base}/keep`).isDirectory()).toBe(true);
    });
  },
);
