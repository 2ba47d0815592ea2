/**
 * Flow control of the RPC client against the fake daemon: a stream nobody reads buffers on its
 * own and fails on its own (it never pauses the shared transport), and no more calls are
 * outstanding at the daemon than it serves at once, while keepalive and stream packets pass by.
 */
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { VirtdeckError } from '../../../src/shared/errors';
import {
  DEFAULT_MAX_OUTSTANDING_CALLS,
  RpcClient,
  type RpcClientOptions,
} from '../../../src/main/libvirt/rpc/client';
import {
  procedures,
  type RemoteNonnullStorageVol,
} from '../../../src/main/libvirt/rpc/generated/remoteProtocol';
import {
  KEEPALIVE_PROGRAM,
  KeepaliveProc,
  MessageStatus,
  MessageType,
  STREAM_CHUNK_BYTES,
  type Packet,
} from '../../../src/main/libvirt/rpc/packet';
import { STREAM_BUFFER_LIMIT_BYTES } from '../../../src/main/libvirt/rpc/stream';
import { FakeDaemon, memoryPair, unixSocketPair, type DuplexPair } from './fakeDaemon';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  transport: 'memory' | 'unix',
  options: Partial<RpcClientOptions> = {},
): Promise<{ pair: DuplexPair; daemon: FakeDaemon; client: RpcClient }> {
  const pair = transport === 'unix' ? await unixSocketPair() : memoryPair();
  cleanups.push(() => pair.cleanup());
  const daemon = new FakeDaemon(pair.daemon);
  const client = new RpcClient(pair.client, { label: 'test@fake', ...options });
  return { pair, daemon, client };
}

const vol: RemoteNonnullStorageVol = { pool: 'default', name: 'big.raw', key: '/big.raw' };
const DOWNLOAD = procedures.STORAGE_VOL_DOWNLOAD.id;
const CONSOLE = procedures.DOMAIN_OPEN_CONSOLE.id;

const isStream = (serial: number, status: number) => (p: Packet) =>
  p.header.type === MessageType.Stream && p.header.serial === serial && p.header.status === status;

/** Lets queued I/O callbacks run (in-memory pipes deliver on process.nextTick). */
const ticks = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe.each(['memory', 'unix'] as const)('a stream nobody reads, over a %s transport', (kind) => {
  /** Opens a download the daemon answers with `bytes` of data in full packets, and no end. */
  async function floodedDownload(s: Awaited<ReturnType<typeof setup>>, bytes: number) {
    s.daemon.handle('STORAGE_VOL_DOWNLOAD', (call) => {
      call.reply(null);
      for (let sent = 0; sent < bytes; sent += STREAM_CHUNK_BYTES) {
        const size = Math.min(STREAM_CHUNK_BYTES, bytes - sent);
        s.daemon.sendStream(
          call.header.serial,
          DOWNLOAD,
          MessageStatus.Continue,
          Buffer.alloc(size, 7),
        );
      }
    });
    return s.client.openStream('STORAGE_VOL_DOWNLOAD', { vol, offset: 0n, length: 0n, flags: 0 });
  }

  it('buffers below the limit without pausing the transport; calls still answer', async () => {
    const s = await setup(kind);
    const buffered = STREAM_BUFFER_LIMIT_BYTES / 2;
    const download = await floodedDownload(s, buffered);
    download.on('error', () => {});
    // The hostname is asked after all the data was sent, so its reply queues behind it.
    s.daemon.handle('CONNECT_GET_HOSTNAME', (call) => call.reply({ hostname: 'still here' }));
    await expect(s.client.call('CONNECT_GET_HOSTNAME', null)).resolves.toEqual({
      hostname: 'still here',
    });
    expect(download.readableLength).toBe(buffered);
    expect(s.pair.client.isPaused()).toBe(false);
    // The data waits, whole, for its reader.
    let read = 0;
    download.on('data', (chunk: Buffer) => (read += chunk.length));
    await ticks();
    expect(read).toBe(buffered);
    expect(download.destroyed).toBe(false);
  });

  it('past the limit fails that stream alone, aborts it at the daemon, and the rest carries on', async () => {
    const s = await setup(kind);
    // A console that keeps working next to the flooded download.
    s.daemon.handle('DOMAIN_OPEN_CONSOLE', (call) => call.reply(null));
    const console = await s.client.openStream('DOMAIN_OPEN_CONSOLE', {
      dom: { name: 'vm', uuid: Buffer.alloc(16, 1), id: 1 },
      dev_name: null,
      flags: 0,
    });
    // Still open when the test ends and the transport goes.
    console.on('error', () => {});
    let screen = '';
    console.on('data', (chunk: Buffer) => (screen += chunk.toString()));

    const download = await floodedDownload(s, STREAM_BUFFER_LIMIT_BYTES + 4 * STREAM_CHUNK_BYTES);
    const [err] = (await once(download, 'error')) as [VirtdeckError];
    expect(err.code).toBe('protocol');
    expect(err.message).toBe(
      `STORAGE_VOL_DOWNLOAD stream on test@fake was not read: more than ${STREAM_BUFFER_LIMIT_BYTES / 1048576} MiB buffered`,
    );
    // The daemon is told to stop sending: one abort (STREAM ERROR), and no finish.
    const abort = await s.daemon.waitForPacket(isStream(download.serial, MessageStatus.Error));
    expect(abort.header.proc).toBe(DOWNLOAD);
    const statuses = s.daemon.streamPackets(download.serial).map((p) => p.header.status);
    expect(statuses).toEqual([MessageStatus.Error]);
    expect(s.client.openStreams).toBe(1);

    // Data the daemon had already sent for it is dropped; the console and calls carry on.
    s.daemon.sendStream(download.serial, DOWNLOAD, MessageStatus.Continue, Buffer.alloc(10));
    s.daemon.sendStream(console.serial, CONSOLE, MessageStatus.Continue, Buffer.from('boot: '));
    s.daemon.handle('CONNECT_GET_HOSTNAME', (call) => call.reply({ hostname: 'still here' }));
    await expect(s.client.call('CONNECT_GET_HOSTNAME', null)).resolves.toEqual({
      hostname: 'still here',
    });
    expect(screen).toBe('boot: ');
    console.write('hello\r');
    const typed = await s.daemon.waitForPacket(isStream(console.serial, MessageStatus.Continue));
    expect(typed.body.toString()).toBe('hello\r');
    expect(s.client.closed).toBe(false);
  });
});

describe('calls outstanding at the daemon', () => {
  it(`at most ${DEFAULT_MAX_OUTSTANDING_CALLS} by default; the rest are sent in order as replies come`, async () => {
    const { daemon, client } = await setup('memory');
    const unanswered: number[] = [];
    let mostUnanswered = 0;
    const calls: Promise<unknown>[] = [];
    const names = Array.from({ length: 25 }, (_, i) => `vm-${i}`);
    const order: string[] = [];
    daemon.handle('DOMAIN_LOOKUP_BY_NAME', (call) => {
      order.push(call.args.name);
      unanswered.push(call.header.serial);
      mostUnanswered = Math.max(mostUnanswered, unanswered.length);
      // Answered later, one at a time, oldest first.
      setImmediate(() => {
        unanswered.splice(unanswered.indexOf(call.header.serial), 1);
        call.reply({ dom: { name: call.args.name, uuid: Buffer.alloc(16), id: 1 } });
      });
    });
    for (const name of names) calls.push(client.call('DOMAIN_LOOKUP_BY_NAME', { name }));
    expect(client.inFlight).toBe(25);
    expect(client.outstanding).toBe(DEFAULT_MAX_OUTSTANDING_CALLS);
    const replies = (await Promise.all(calls)) as { dom: { name: string } }[];
    expect(replies.map((r) => r.dom.name)).toEqual(names);
    expect(order).toEqual(names);
    expect(mostUnanswered).toBe(DEFAULT_MAX_OUTSTANDING_CALLS);
    expect(client.inFlight).toBe(0);
    expect(client.outstanding).toBe(0);
  });

  it('the limit is configurable', async () => {
    const { daemon, client } = await setup('memory', { maxOutstandingCalls: 2 });
    const pending = [1, 2, 3].map(() => client.call('CONNECT_GET_HOSTNAME', null));
    const first = await daemon.nextCall('CONNECT_GET_HOSTNAME');
    const second = await daemon.nextCall('CONNECT_GET_HOSTNAME');
    await ticks();
    expect(daemon.calledProcs).toHaveLength(2);
    first.reply({ hostname: 'a' });
    const third = await daemon.nextCall('CONNECT_GET_HOSTNAME');
    expect(daemon.calledProcs).toHaveLength(3);
    third.reply({ hostname: 'c' });
    second.reply({ hostname: 'b' });
    expect(await Promise.all(pending)).toEqual([
      { hostname: 'a' },
      { hostname: 'b' },
      { hostname: 'c' },
    ]);
  });

  it('keepalive and stream packets never wait behind queued calls', async () => {
    const { daemon, client } = await setup('memory', { maxOutstandingCalls: 1 });
    daemon.handle('STORAGE_VOL_UPLOAD', (call) => call.reply(null));
    const upload = await client.openStream('STORAGE_VOL_UPLOAD', {
      vol,
      offset: 0n,
      length: 0n,
      flags: 0,
    });
    upload.on('error', () => {});
    // One call outstanding (never answered) and three more queued behind it.
    const queued = [0, 1, 2, 3].map(() => client.call('CONNECT_GET_HOSTNAME', null));
    for (const p of queued) p.catch(() => {});
    await daemon.nextCall('CONNECT_GET_HOSTNAME');
    expect(client.outstanding).toBe(1);
    expect(client.inFlight).toBe(4);

    daemon.sendKeepalive(KeepaliveProc.Ping);
    const pong = await daemon.waitForPacket(
      (p) => p.header.prog === KEEPALIVE_PROGRAM && p.header.proc === KeepaliveProc.Pong,
    );
    expect(pong.header.type).toBe(MessageType.Message);
    upload.write(Buffer.from('data'));
    const data = await daemon.waitForPacket(isStream(upload.serial, MessageStatus.Continue));
    expect(data.body.toString()).toBe('data');
    expect(daemon.calledProcs.filter((p) => p === procedures.CONNECT_GET_HOSTNAME.id)).toHaveLength(
      1,
    );
  });

  it('queued calls fail with the connection, and are never sent', async () => {
    const { daemon, client } = await setup('memory', { maxOutstandingCalls: 1 });
    const calls = [0, 1, 2].map((i) => client.call('DOMAIN_LOOKUP_BY_NAME', { name: `vm-${i}` }));
    const errors = calls.map((p) => p.catch((e: unknown) => e as VirtdeckError));
    await daemon.nextCall('DOMAIN_LOOKUP_BY_NAME');
    daemon.close();
    for (const err of await Promise.all(errors))
      expect(err).toMatchObject({ code: 'disconnected' });
    expect(daemon.calledProcs).toHaveLength(1);
    expect(client.inFlight).toBe(0);
    expect(client.outstanding).toBe(0);
  });

  it('a call that cannot be encoded takes no place in the queue', async () => {
    const { daemon, client } = await setup('memory', { maxOutstandingCalls: 1 });
    await expect(
      client.call('DOMAIN_LOOKUP_BY_NAME', { name: 'x'.repeat(5_000_000) }),
    ).rejects.toThrow();
    daemon.handle('CONNECT_GET_HOSTNAME', (call) => call.reply({ hostname: 'next' }));
    await expect(client.call('CONNECT_GET_HOSTNAME', null)).resolves.toEqual({ hostname: 'next' });
    expect(client.outstanding).toBe(0);
  });
});
