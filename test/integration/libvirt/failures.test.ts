/**
 * What the user sees when parts go away: sshd killed in the middle of a transfer, libvirtd
 * stopped under an open connection. Clear errors, no crash, and recovery when they come back.
 */
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { listAllDomains } from '../../../src/main/libvirt/domain';
import { createVolume, downloadVolume } from '../../../src/main/libvirt/storageVolume';
import { VirtdeckError } from '../../../src/shared/errors';
import { createTempPool } from '../../support/libvirtFixtures';
import { startLibvirtd, stopLibvirtd } from '../../support/libvirtd';
import { loadTestHost, startSshd, stopSshd } from '../../support/testHost';
import { sshHostFor, transports } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

afterAll(async () => {
  // Whatever happened above, leave the daemons running for the next test file.
  await startSshd(loadTestHost()).catch(() => {});
  startLibvirtd();
});

describe('sshd killed in the middle of a call', () => {
  it('fails the call with a clear error and reconnects when sshd returns', async () => {
    const env = loadTestHost();
    const host = sshHostFor(env, env.user, { reconnectDelayMs: 200 });
    const conn = await LibvirtConnection.open(host, 'qemu:///system');
    const pool = await createTempPool(conn.rpc);
    let again: LibvirtConnection | undefined;
    try {
      const vol = await createVolume(
        conn.rpc,
        pool.pool,
        `<volume><name>big.raw</name><capacity unit='MiB'>2048</capacity></volume>`,
      );
      // A large (sparse) volume keeps the download in flight while sshd dies. The reader keeps
      // up: one that falls more than STREAM_BUFFER_LIMIT_BYTES behind fails on its own first.
      let received = 0;
      const reader = new Writable({
        write(chunk: Buffer, _enc, cb) {
          received += chunk.length;
          cb();
        },
      });
      const download = downloadVolume(conn.rpc, vol, reader).catch((e: unknown) => e);
      await waitFor('the download to start', () => received > 0);
      await stopSshd(env);

      const err = await download;
      expect(err).toBeInstanceOf(VirtdeckError);
      expect((err as VirtdeckError).code).toBe('disconnected');
      const pending = await listAllDomains(conn.rpc).catch((e: unknown) => e);
      expect((pending as VirtdeckError).code).toBe('disconnected');
      await waitFor(
        'the host to show disconnected',
        () => host.state.kind === 'disconnected',
        10_000,
      );
      expect(host.state.kind === 'disconnected' && host.state.reason.length).toBeGreaterThan(0);

      await startSshd(env);
      await waitFor(
        'the host to reconnect by itself',
        () => host.state.kind === 'connected',
        30_000,
      );
      again = await LibvirtConnection.open(host, 'qemu:///system');
      expect(Array.isArray(await listAllDomains(again.rpc))).toBe(true);
    } finally {
      // The pool outlives the connection that made it: remove it through the new one.
      if (again) await pool.destroy(again.rpc).catch(() => {});
      await again?.close();
      await conn.close();
      await host.close();
    }
  });
});

describe.each(transports())('libvirtd stopped under a connection over $name', (transport) => {
  it('gives a clear error, does not crash, and connects again once libvirtd is back', async () => {
    const host = transport.makeHost();
    const conn = await LibvirtConnection.open(host, 'qemu:///system');
    const closed = new Promise<VirtdeckError>((resolve) => conn.rpc.onClose(resolve));
    await stopLibvirtd();
    try {
      const reason = await closed;
      expect(reason.code).toBe('disconnected');
      const err = await listAllDomains(conn.rpc).catch((e: unknown) => e);
      expect((err as VirtdeckError).code).toBe('disconnected');
      expect((err as Error).message).toMatch(/libvirt/i);

      // While it is down, a new connection fails with a clear error instead of hanging.
      const refused = await LibvirtConnection.open(host, 'qemu:///system').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(VirtdeckError);
      expect(['libvirt-unreachable', 'disconnected']).toContain((refused as VirtdeckError).code);
    } finally {
      startLibvirtd();
    }
    const again = await LibvirtConnection.open(host, 'qemu:///system');
    expect(Array.isArray(await listAllDomains(again.rpc))).toBe(true);
    await again.close();
    await host.close();
  });
});
