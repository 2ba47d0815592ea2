import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtdeckError } from '../../../src/shared/errors';
import {
  DEFAULT_MAX_OUTSTANDING_CALLS,
  RpcClient,
  type RpcClientOptions,
} from '../../../src/main/libvirt/rpc/client';
import { LibvirtError } from '../../../src/main/libvirt/rpc/errors';
import {
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  procedures,
  remote_error,
  type RemoteNonnullStorageVol,
} from '../../../src/main/libvirt/rpc/generated/remoteProtocol';
import { openRpcConnection } from '../../../src/main/libvirt/rpc/handshake';
import {
  KEEPALIVE_PROGRAM,
  MessageStatus,
  MessageType,
  STREAM_CHUNK_BYTES,
  encodePacket,
  type Packet,
} from '../../../src/main/libvirt/rpc/packet';
import type { RpcStream } from '../../../src/main/libvirt/rpc/stream';
import { encodeXdr, xdrVoid } from '../../../src/main/libvirt/rpc/xdr';
import {
  FakeDaemon,
  memoryPair,
  remoteError,
  unixSocketPair,
  type DuplexPair,
  type WriteMode,
} from './fakeDaemon';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  pair: DuplexPair;
  daemon: FakeDaemon;
  client: RpcClient;
}

async function setup(
  options: Partial<RpcClientOptions> & {
    transport?: 'memory' | 'unix';
    writeMode?: WriteMode;
  } = {},
): Promise<Setup> {
  const { transport = 'memory', writeMode = 'whole', ...clientOptions } = options;
  const pair = transport === 'unix' ? await unixSocketPair() : memoryPair();
  cleanups.push(() => pair.cleanup());
  const daemon = new FakeDaemon(pair.daemon);
  daemon.writeMode = writeMode;
  const client = new RpcClient(pair.client, { label: 'test@fake', ...clientOptions });
  return { pair, daemon, client };
}

/** Settles a promise into a value we can assert on, without unhandled rejections in between. */
function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function rejection(p: Promise<unknown>): Promise<VirtdeckError> {
  const result = await settle(p);
  if (result.ok) throw new Error(`expected a rejection, got ${String(result.value)}`);
  expect(result.error).toBeInstanceOf(VirtdeckError);
  return result.error as VirtdeckError;
}

const uuid = (n: number) => Buffer.alloc(16, n);
const vol: RemoteNonnullStorageVol = {
  pool: 'default',
  name: 'disk ü.qcow2',
  key: '/var/lib/libvirt/images/disk ü.qcow2',
};

const isStream = (serial: number, status?: number) => (p: Packet) =>
  p.header.type === MessageType.Stream &&
  p.header.serial === serial &&
  (status === undefined || p.header.status === status);

/** Lets queued I/O callbacks run (in-memory pipes deliver on process.nextTick). */
const ticks = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('RpcClient calls', () => {
  describe.each<WriteMode>(['whole', 'fragmented'])('replies written %s', (writeMode) => {
    it('matches 100 calls in flight answered in reverse order by serial', async () => {
      // Past the default call queue, to have 100 serials at the daemon at once.
      const { daemon, client } = await setup({ writeMode, maxOutstandingCalls: 100 });
      const names = Array.from({ length: 100 }, (_, i) => `vm-${i} ü "$(x)"`);
      const results = names.map((name) => client.call('DOMAIN_LOOKUP_BY_NAME', { name }));
      expect(client.inFlight).toBe(100);

      const calls = [];
      for (let i = 0; i < 100; i++) calls.push(await daemon.nextCall('DOMAIN_LOOKUP_BY_NAME'));
      expect(calls.map((c) => c.args.name)).toEqual(names);
      const serials = calls.map((c) => c.header.serial);
      expect(new Set(serials).size).toBe(100);
      for (const c of calls) {
        expect(c.header).toMatchObject({
          prog: REMOTE_PROGRAM,
          vers: REMOTE_PROTOCOL_VERSION,
          proc: procedures.DOMAIN_LOOKUP_BY_NAME.id,
          type: MessageType.Call,
          status: MessageStatus.Ok,
        });
      }

      for (const [i, c] of [...calls.entries()].reverse()) {
        c.reply({ dom: { name: c.args.name, uuid: uuid(i), id: i } });
      }
      const values = await Promise.all(results);
      values.forEach((v, i) =>
        expect(v).toEqual({ dom: { name: names[i], uuid: uuid(i), id: i } }),
      );
      expect(client.inFlight).toBe(0);
    });
  });

  it('decodes every kind of value a reply carries (typed params, bigints, doubles)', async () => {
    const { daemon, client } = await setup();
    const ret = {
      retStats: [
        {
          dom: { name: 'vm1', uuid: uuid(1), id: 1 },
          params: [
            { field: 'state.state', value: { type: 1 as const, i: 1 } },
            { field: 'cpu.time', value: { type: 4 as const, ul: 2n ** 64n - 1n } },
            { field: 'balloon.rss', value: { type: 3 as const, l: -(2n ** 63n) } },
            { field: 'x', value: { type: 5 as const, d: 0.25 } },
            { field: 'block.0.name', value: { type: 7 as const, s: 'vda ü' } },
          ],
        },
      ],
    };
    daemon.handle('CONNECT_GET_ALL_DOMAIN_STATS', (call) => {
      expect(call.args).toEqual({ doms: [], stats: 0x3f, flags: 0 });
      call.reply(ret);
    });
    const value = await client.call('CONNECT_GET_ALL_DOMAIN_STATS', {
      doms: [],
      stats: 0x3f,
      flags: 0,
    });
    expect(value).toEqual(ret);
  });

  it('turns an ERROR reply into a LibvirtError with code, domain and message', async () => {
    const { daemon, client } = await setup();
    daemon.handle('DOMAIN_LOOKUP_BY_NAME', (call) =>
      call.fail(
        remoteError({
          code: 42,
          domain: 10,
          level: 2,
          message: "Domain not found: no domain with matching name 'nope'",
        }),
      ),
    );
    const err = await rejection(client.call('DOMAIN_LOOKUP_BY_NAME', { name: 'nope' }));
    expect(err).toBeInstanceOf(LibvirtError);
    const libvirtErr = err as LibvirtError;
    // VIR_ERR_NO_DOMAIN: libvirt's "no such object" is the app's not-found, libvirt's code kept.
    expect(libvirtErr.code).toBe('not-found');
    expect(libvirtErr.libvirtCode).toBe(42);
    expect(libvirtErr.libvirtDomain).toBe(10);
    expect(libvirtErr.level).toBe(2);
    expect(libvirtErr.message).toBe("Domain not found: no domain with matching name 'nope'");
    // The connection carries on.
    daemon.handle('CONNECT_GET_HOSTNAME', (call) => call.reply({ hostname: 'kvm1' }));
    await expect(client.call('CONNECT_GET_HOSTNAME', null)).resolves.toEqual({ hostname: 'kvm1' });
  });

  it('an ERROR reply without a message still names the procedure', async () => {
    const { daemon, client } = await setup();
    daemon.handle('DOMAIN_SUSPEND', (call) => call.fail(remoteError({ code: 55, message: null })));
    const err = await rejection(
      client.call('DOMAIN_SUSPEND', { dom: { name: 'a', uuid: uuid(0), id: 1 } }),
    );
    expect(err).toBeInstanceOf(LibvirtError);
    expect(err.message).toMatch(/55.*DOMAIN_SUSPEND/);
  });

  it('"unknown procedure" becomes a not-supported error naming the procedure', async () => {
    const { daemon, client } = await setup();
    const err = await rejection(
      client.callProcedure(
        'DOMAIN_FROM_THE_FUTURE',
        { id: 9999, args: xdrVoid, ret: xdrVoid },
        null,
      ),
    );
    expect(err).not.toBeInstanceOf(LibvirtError);
    expect(err.code).toBe('not-supported');
    expect(err.message).toContain('DOMAIN_FROM_THE_FUTURE');
    expect(err.message).toContain('test@fake');
    expect(daemon.calledProcs).toEqual([9999]);
  });

  it('rejects a reply it cannot decode with a protocol error and stays usable', async () => {
    const { daemon, client } = await setup();
    daemon.handle('CONNECT_GET_HOSTNAME', (call) =>
      // A string claiming 100 bytes, with 4 present.
      daemon.sendPacket(
        { proc: call.header.proc, type: MessageType.Reply, serial: call.header.serial },
        Buffer.from('0000006461626364', 'hex'),
      ),
    );
    const err = await rejection(client.call('CONNECT_GET_HOSTNAME', null));
    expect(err.code).toBe('protocol');
    expect(client.closed).toBe(false);
    expect(client.inFlight).toBe(0);
    daemon.handle('CONNECT_GET_TYPE', (call) => call.reply({ type: 'QEMU' }));
    await expect(client.call('CONNECT_GET_TYPE', null)).resolves.toEqual({ type: 'QEMU' });
  });

  it('ignores replies for unknown serials and packets of other programs', async () => {
    const { daemon, client } = await setup();
    const pending = client.call('CONNECT_GET_HOSTNAME', null);
    const call = await daemon.nextCall('CONNECT_GET_HOSTNAME');
    const body = encodeXdr(procedures.CONNECT_GET_HOSTNAME.ret, { hostname: 'wrong' });
    daemon.sendPacket({ proc: call.header.proc, type: MessageType.Reply, serial: 4242 }, body);
    daemon.sendPacket(
      {
        prog: 0x12345678,
        proc: call.header.proc,
        type: MessageType.Reply,
        serial: call.header.serial,
      },
      body,
    );
    await ticks();
    expect(client.inFlight).toBe(1);
    call.reply({ hostname: 'right' });
    await expect(pending).resolves.toEqual({ hostname: 'right' });
  });

  it('refuses arguments over a protocol limit without sending anything', async () => {
    const { daemon, client } = await setup();
    const err = await rejection(
      client.call('DOMAIN_LOOKUP_BY_NAME', { name: 'x'.repeat(4194304 + 1) }),
    );
    expect(err.code).toBe('protocol');
    expect(client.inFlight).toBe(0);
    await ticks();
    expect(daemon.packets).toEqual([]);
  });

  it('openStream refuses arguments over a protocol limit and leaves nothing pending', async () => {
    const { daemon, client } = await setup();
    const err = await rejection(
      client.openStream('STORAGE_VOL_UPLOAD', {
        vol: { ...vol, name: 'x'.repeat(4194304 + 1) },
        offset: 0n,
        length: 0n,
        flags: 0,
      }),
    );
    expect(err.code).toBe('protocol');
    expect(client.inFlight).toBe(0);
    expect(client.openStreams).toBe(0);
    await ticks();
    expect(daemon.packets).toEqual([]);
  });

  it('a connection lost while openStream waits for its reply rejects the call, with no stray stream error', async () => {
    // The stream is made before the call is sent (its data may follow the reply at once); if the
    // connection drops first, the stream is destroyed with nobody listening yet. That error must
    // not escape as an unhandled 'error' event, which ends the whole process.
    const { daemon, client } = await setup();
    const stray: unknown[] = [];
    const onUncaught = (err: unknown) => stray.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const opening = settle(
        client.openStream('STORAGE_VOL_DOWNLOAD', { vol, offset: 0n, length: 0n, flags: 0 }),
      );
      await daemon.nextCall('STORAGE_VOL_DOWNLOAD');
      daemon.close();
      const result = await opening;
      expect(!result.ok && result.error).toMatchObject({ code: 'disconnected' });
      await ticks(10);
      expect(stray).toEqual([]);
      expect(client.openStreams).toBe(0);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('a garbage length from the daemon ends the connection', async () => {
    const { daemon, client } = await setup();
    const pending = settle(client.call('CONNECT_GET_HOSTNAME', null));
    await daemon.nextCall('CONNECT_GET_HOSTNAME');
    const closed = new Promise<VirtdeckError>((resolve) => client.onClose(resolve));
    daemon.writeRaw(Buffer.from([0, 0, 0, 5, 1, 2, 3, 4]));
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ code: 'disconnected' });
    expect((await closed).message).toMatch(/garbage.*impossible length 5/);
    expect(client.closed).toBe(true);
  });
});

describe('RpcClient events', () => {
  const lifecycle = (n: number) => ({
    callbackID: 7,
    msg: { dom: { name: `vm${n}`, uuid: uuid(n), id: n }, event: 2, detail: n },
  });

  it('delivers DOMAIN_EVENT_CALLBACK_LIFECYCLE messages to every subscribed handler', async () => {
    const { daemon, client } = await setup();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = client.onEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', (m) => a.push(m));
    client.onEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', (m) => b.push(m));
    const reboots: unknown[] = [];
    client.onEvent('DOMAIN_EVENT_CALLBACK_REBOOT', (m) => reboots.push(m));

    daemon.sendEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', lifecycle(1));
    daemon.sendEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', lifecycle(2));
    await vi.waitFor(() => expect(b).toHaveLength(2));
    expect(a).toEqual([lifecycle(1), lifecycle(2)]);
    expect(b).toEqual([lifecycle(1), lifecycle(2)]);
    expect(reboots).toEqual([]);

    offA();
    daemon.sendEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', lifecycle(3));
    daemon.sendEvent('DOMAIN_EVENT_CALLBACK_REBOOT', {
      callbackID: 8,
      msg: { dom: { name: 'vm9', uuid: uuid(9), id: 9 } },
    });
    await vi.waitFor(() => expect(reboots).toHaveLength(1));
    expect(a).toHaveLength(2);
    expect(b).toEqual([lifecycle(1), lifecycle(2), lifecycle(3)]);
  });

  it('events interleave with replies on the same connection', async () => {
    const { daemon, client } = await setup({ writeMode: 'fragmented' });
    const seen: string[] = [];
    client.onEvent('NETWORK_EVENT_LIFECYCLE', (m) => seen.push(`event ${m.net.name}`));
    const pending = client
      .call('CONNECT_GET_HOSTNAME', null)
      .then((r) => seen.push(`reply ${r.hostname}`));
    const call = await daemon.nextCall('CONNECT_GET_HOSTNAME');
    daemon.batch(() => {
      daemon.sendEvent('NETWORK_EVENT_LIFECYCLE', {
        callbackID: 1,
        net: { name: 'default', uuid: uuid(3) },
        event: 2,
        detail: 0,
      });
      call.reply({ hostname: 'kvm1' });
    });
    await pending;
    expect(seen).toEqual(['event default', 'reply kvm1']);
  });

  it('a failing handler or a malformed event does not hurt the others or the connection', async () => {
    const { daemon, client } = await setup();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const got: unknown[] = [];
    client.onEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', () => {
      throw new Error('handler bug');
    });
    client.onEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', (m) => got.push(m));
    // Truncated body: callbackID only.
    daemon.sendPacket({ proc: 318, type: MessageType.Message }, Buffer.from('00000001', 'hex'));
    daemon.sendEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', lifecycle(4));
    await vi.waitFor(() => expect(got).toEqual([lifecycle(4)]));
    expect(logged).toHaveBeenCalledTimes(2);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/malformed DOMAIN_EVENT_CALLBACK_LIFECYCLE/);
    expect(String(logged.mock.calls[1]?.[0])).toMatch(/handler failed/);
    expect(client.closed).toBe(false);
    daemon.handle('CONNECT_GET_HOSTNAME', (call) => call.reply({ hostname: 'still here' }));
    await expect(client.call('CONNECT_GET_HOSTNAME', null)).resolves.toEqual({
      hostname: 'still here',
    });
  });
});

describe('RpcClient keepalive', () => {
  const keepalives = (daemon: FakeDaemon, proc: number) =>
    daemon.packets.filter((p) => p.header.prog === KEEPALIVE_PROGRAM && p.header.proc === proc);

  it('answers a PING from the daemon with a PONG', async () => {
    const { daemon } = await setup();
    daemon.sendKeepalive(1);
    const pong = await daemon.waitForPacket((p) => p.header.prog === KEEPALIVE_PROGRAM);
    expect(pong.header).toEqual({
      prog: 0x6b656570,
      vers: 1,
      proc: 2,
      type: MessageType.Message,
      serial: 0,
      status: MessageStatus.Ok,
    });
    expect(pong.body.length).toBe(0);
  });

  it('declares a silent daemon dead: pending calls reject as disconnected and onClose fires', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const { daemon, client, pair } = await setup({ keepaliveIntervalMs: 20, keepaliveCount: 2 });
    daemon.answerPings = false;
    const closes: VirtdeckError[] = [];
    client.onClose((err) => closes.push(err));
    const pending = settle(client.call('CONNECT_GET_HOSTNAME', null));
    await daemon.nextCall('CONNECT_GET_HOSTNAME'); // received, never answered

    for (let i = 0; i < 10 && !client.closed; i++) await vi.advanceTimersByTimeAsync(20);
    expect(client.closed).toBe(true);
    const result = await pending;
    expect(!result.ok && result.error).toMatchObject({ code: 'disconnected' });
    expect(closes).toHaveLength(1);
    expect(closes[0]?.code).toBe('disconnected');
    expect(closes[0]?.message).toMatch(/test@fake stopped answering/);
    // keepaliveCount unanswered PINGs, then the connection is given up.
    expect(keepalives(daemon, 1)).toHaveLength(2);
    expect(pair.client.destroyed).toBe(true);
    await expect(client.call('CONNECT_GET_HOSTNAME', null)).rejects.toMatchObject({
      code: 'disconnected',
    });
  });

  it('a daemon that answers PINGs stays connected however long it is idle', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const { daemon, client } = await setup({ keepaliveIntervalMs: 20, keepaliveCount: 2 });
    for (let i = 0; i < 50; i++) await vi.advanceTimersByTimeAsync(20);
    expect(client.closed).toBe(false);
    expect(keepalives(daemon, 1).length).toBeGreaterThan(5);
    daemon.handle('CONNECT_GET_HOSTNAME', (call) => call.reply({ hostname: 'alive' }));
    await expect(client.call('CONNECT_GET_HOSTNAME', null)).resolves.toEqual({ hostname: 'alive' });
  });

  it('sends no PINGs while the daemon keeps talking', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const { daemon, client } = await setup({ keepaliveIntervalMs: 20, keepaliveCount: 2 });
    daemon.answerPings = false;
    for (let i = 0; i < 30; i++) {
      daemon.sendEvent('STORAGE_POOL_EVENT_REFRESH', {
        callbackID: 1,
        pool: { name: 'default', uuid: uuid(1) },
      });
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(client.closed).toBe(false);
    expect(keepalives(daemon, 1)).toEqual([]);
  });
});

describe('RpcClient connection loss', () => {
  it('transport close rejects every pending call, fires onClose once, and later calls fail at once', async () => {
    const { daemon, client } = await setup();
    const closes: VirtdeckError[] = [];
    client.onClose((err) => closes.push(err));
    const pending = Array.from({ length: 5 }, () =>
      settle(client.call('CONNECT_GET_HOSTNAME', null)),
    );
    // Four sent, the fifth still waiting in the call queue: all five fail alike.
    for (let i = 0; i < DEFAULT_MAX_OUTSTANDING_CALLS; i++) {
      await daemon.nextCall('CONNECT_GET_HOSTNAME');
    }
    daemon.close();
    for (const result of await Promise.all(pending)) {
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatchObject({ code: 'disconnected' });
    }
    expect(closes).toHaveLength(1);
    expect(closes[0]?.message).toMatch(/connection to libvirt on test@fake closed/);
    expect(client.closed).toBe(true);
    expect(client.inFlight).toBe(0);

    // No waiting for anything: the promise is rejected before any I/O could happen.
    const callsBefore = daemon.packets.length;
    let lateError: unknown = 'still pending';
    client.call('CONNECT_GET_HOSTNAME', null).catch((err: unknown) => {
      lateError = err;
    });
    await Promise.resolve();
    expect(lateError).toBe(closes[0]);
    expect(daemon.packets.length).toBe(callsBefore);
    await expect(
      client.openStream('STORAGE_VOL_DOWNLOAD', { vol, offset: 0n, length: 0n, flags: 0 }),
    ).rejects.toMatchObject({ code: 'disconnected' });
    // A listener added after the close hears about it straight away.
    const lateListener = vi.fn();
    client.onClose(lateListener);
    expect(lateListener).toHaveBeenCalledWith(closes[0]);
  });

  it('close() sends CONNECT_CLOSE, then closes the transport', async () => {
    const { daemon, client, pair } = await setup();
    daemon.handle('CONNECT_CLOSE', (call) => call.reply(null));
    const closes: VirtdeckError[] = [];
    client.onClose((err) => closes.push(err));
    await client.close();
    expect(daemon.calledProcs).toEqual([2]);
    expect(pair.client.destroyed).toBe(true);
    expect(closes).toHaveLength(1);
    expect(closes[0]?.message).toMatch(/Disconnected from test@fake/);
  });

  it('connection loss fails open streams', async () => {
    const { daemon, client } = await setup();
    daemon.handle('STORAGE_VOL_DOWNLOAD', (call) => call.reply(null));
    const stream = await client.openStream('STORAGE_VOL_DOWNLOAD', {
      vol,
      offset: 0n,
      length: 0n,
      flags: 0,
    });
    const errored = once(stream, 'error');
    daemon.close();
    const [err] = (await errored) as [VirtdeckError];
    expect(err.code).toBe('disconnected');
    expect(client.openStreams).toBe(0);
  });
});

describe.each(['memory', 'unix'] as const)('RpcClient streams over a %s transport', (transport) => {
  function patterned(size: number): Buffer {
    const buf = randomBytes(size);
    // Mark every 4 KiB so that reordered or repeated chunks cannot compare equal by accident.
    for (let offset = 0; offset + 4 <= size; offset += 4096) buf.writeUInt32BE(offset, offset);
    return buf;
  }

  async function openUpload(s: Setup, length: number): Promise<RpcStream> {
    s.daemon.handle('STORAGE_VOL_UPLOAD', (call) => {
      expect(call.args).toEqual({ vol, offset: 0n, length: BigInt(length), flags: 0 });
      call.reply(null);
    });
    return s.client.openStream('STORAGE_VOL_UPLOAD', {
      vol,
      offset: 0n,
      length: BigInt(length),
      flags: 0,
    });
  }

  it('upload: STREAM CONTINUE packets of at most 262120 bytes, then OK, acknowledged', async () => {
    const s = await setup({ transport });
    const data = patterned(1024 * 1024 + 12345);
    const stream = await openUpload(s, data.length);
    const call = s.daemon.packets.find((p) => p.header.type === MessageType.Call);
    expect(call?.header.serial).toBe(stream.serial);

    // Chunks smaller and larger than one packet.
    const chunks = [
      data.subarray(0, 1),
      data.subarray(1, 100_000),
      data.subarray(100_000, 700_000),
      data.subarray(700_000),
    ];
    await pipeline(Readable.from(chunks), stream);

    const packets = s.daemon.streamPackets(stream.serial);
    for (const p of packets) {
      expect(p.header).toMatchObject({
        prog: REMOTE_PROGRAM,
        vers: REMOTE_PROTOCOL_VERSION,
        proc: procedures.STORAGE_VOL_UPLOAD.id,
        type: MessageType.Stream,
        serial: stream.serial,
      });
    }
    const data_ = packets.filter((p) => p.header.status === MessageStatus.Continue);
    expect(data_.length).toBeGreaterThanOrEqual(Math.ceil(data.length / STREAM_CHUNK_BYTES));
    for (const p of data_) {
      expect(p.body.length).toBeGreaterThan(0);
      expect(p.body.length).toBeLessThanOrEqual(262120);
    }
    expect(s.daemon.streamData(stream.serial).equals(data)).toBe(true);
    // Exactly one finish, as the last packet; never an abort.
    expect(
      packets.map((p) => p.header.status).filter((st) => st !== MessageStatus.Continue),
    ).toEqual([MessageStatus.Ok]);
    expect(packets.at(-1)?.header.status).toBe(MessageStatus.Ok);
    expect(packets.at(-1)?.body.length).toBe(0);
    expect(s.client.openStreams).toBe(0);
    expect(s.client.inFlight).toBe(0);
  });

  it('upload does not finish before the daemon confirms', async () => {
    const s = await setup({ transport });
    s.daemon.ackStreamFinish = false;
    const stream = await openUpload(s, 10);
    let finished = false;
    const done = pipeline(Readable.from([Buffer.from('0123456789')]), stream).then(() => {
      finished = true;
    });
    await s.daemon.waitForPacket(isStream(stream.serial, MessageStatus.Ok));
    await ticks();
    expect(finished).toBe(false);
    s.daemon.sendStream(stream.serial, procedures.STORAGE_VOL_UPLOAD.id, MessageStatus.Ok);
    await done;
    expect(finished).toBe(true);
    expect(s.daemon.streamData(stream.serial).toString()).toBe('0123456789');
  });

  it.each([
    // libvirtd marks the end of a download with an empty CONTINUE packet; OK is accepted too.
    ['an empty CONTINUE', MessageStatus.Continue],
    ['OK', MessageStatus.Ok],
  ] as const)(
    'download: data chunks then %s; the client finishes and the daemon confirms',
    async (_end, endStatus) => {
      const s = await setup({ transport });
      const data = patterned(1024 * 1024 + 7);
      const proc = procedures.STORAGE_VOL_DOWNLOAD.id;
      s.daemon.handle('STORAGE_VOL_DOWNLOAD', (call) => {
        // The reply and all the data in one write: the stream must exist before the reply is read.
        s.daemon.batch(() => {
          call.reply(null);
          for (let offset = 0; offset < data.length; offset += 65536 + 3) {
            s.daemon.sendStream(
              call.header.serial,
              proc,
              MessageStatus.Continue,
              data.subarray(offset, offset + 65536 + 3),
            );
          }
          s.daemon.sendStream(call.header.serial, proc, endStatus);
        });
      });
      const stream = await s.client.openStream('STORAGE_VOL_DOWNLOAD', {
        vol,
        offset: 0n,
        length: BigInt(data.length),
        flags: 0,
      });
      const received: Buffer[] = [];
      // A slow consumer, so the stream has to hold data for it.
      const sink = new Writable({
        highWaterMark: 1024,
        write(chunk: Buffer, _enc, callback) {
          received.push(chunk);
          setImmediate(callback);
        },
      });
      await pipeline(stream, sink);
      expect(Buffer.concat(received).equals(data)).toBe(true);

      const finish = await s.daemon.waitForPacket(isStream(stream.serial, MessageStatus.Ok));
      expect(finish.header.proc).toBe(proc);
      expect(finish.body.length).toBe(0);
      await vi.waitFor(() => expect(s.client.openStreams).toBe(0));
      expect(s.daemon.streamPackets(stream.serial).map((p) => p.header.status)).toEqual([
        MessageStatus.Ok,
      ]);
      // The transport is flowing again: ordinary calls still work.
      s.daemon.handle('CONNECT_GET_HOSTNAME', (call) => call.reply({ hostname: 'after' }));
      await expect(s.client.call('CONNECT_GET_HOSTNAME', null)).resolves.toEqual({
        hostname: 'after',
      });
    },
  );

  it('a STREAM ERROR from the daemon destroys the stream with a LibvirtError', async () => {
    const s = await setup({ transport });
    const stream = await openUpload(s, 1 << 20);
    const failed = settle(pipeline(Readable.from([randomBytes(1 << 20)]), stream));
    await s.daemon.waitForPacket(isStream(stream.serial, MessageStatus.Continue));
    s.daemon.sendStream(
      stream.serial,
      procedures.STORAGE_VOL_UPLOAD.id,
      MessageStatus.Error,
      encodeXdr(
        remote_error,
        remoteError({ code: 38, domain: 18, message: 'cannot write: No space left on device' }),
      ),
    );
    const result = await failed;
    expect(result.ok).toBe(false);
    const err = !result.ok ? result.error : undefined;
    expect(err).toBeInstanceOf(LibvirtError);
    expect(err).toMatchObject({
      libvirtCode: 38,
      libvirtDomain: 18,
      message: 'cannot write: No space left on device',
    });
    expect(stream.destroyed).toBe(true);
    expect(s.client.openStreams).toBe(0);
    await ticks();
    // The daemon ended the stream itself: the client sends no abort back.
    expect(
      s.daemon.streamPackets(stream.serial).filter((p) => p.header.status === MessageStatus.Error),
    ).toEqual([]);
  });

  it('a STREAM ERROR without a payload is an aborted stream', async () => {
    const s = await setup({ transport });
    s.daemon.handle('STORAGE_VOL_DOWNLOAD', (call) => call.reply(null));
    const stream = await s.client.openStream('STORAGE_VOL_DOWNLOAD', {
      vol,
      offset: 0n,
      length: 0n,
      flags: 0,
    });
    const errored = once(stream, 'error');
    s.daemon.sendStream(stream.serial, procedures.STORAGE_VOL_DOWNLOAD.id, MessageStatus.Error);
    const [err] = (await errored) as [VirtdeckError];
    expect(err.code).toBe('libvirt');
    expect(err.message).toMatch(/STORAGE_VOL_DOWNLOAD.*aborted/);
  });

  it('destroying a stream early sends an abort (STREAM ERROR) and nothing after it', async () => {
    const s = await setup({ transport });
    const stream = await openUpload(s, 4 << 20);
    stream.on('error', () => {});
    // One big write: 17 packets, and the first one already fills the transport's buffer, so the
    // stream is waiting for drain, in the middle of the write, when it is destroyed.
    stream.write(randomBytes(4 << 20));
    stream.destroy();
    const abort = await s.daemon.waitForPacket(isStream(stream.serial, MessageStatus.Error));
    expect(abort.header).toMatchObject({
      prog: REMOTE_PROGRAM,
      proc: procedures.STORAGE_VOL_UPLOAD.id,
      type: MessageType.Stream,
    });
    expect(abort.body.length).toBe(0);
    expect(s.client.openStreams).toBe(0);
    await ticks(20);
    const statuses = s.daemon.streamPackets(stream.serial).map((p) => p.header.status);
    expect(statuses.at(-1)).toBe(MessageStatus.Error);
    expect(statuses.filter((st) => st === MessageStatus.Error)).toHaveLength(1);
    expect(statuses).not.toContain(MessageStatus.Ok);
    expect(statuses.length).toBeLessThan(17);
  });

  it('destroying a download the consumer stopped reading leaves the connection usable', async () => {
    const s = await setup({ transport });
    const proc = procedures.STORAGE_VOL_DOWNLOAD.id;
    s.daemon.handle('STORAGE_VOL_DOWNLOAD', (call) => {
      call.reply(null);
      // Far more than a reader would take at once (though within the stream's own buffer).
      for (let i = 0; i < 64; i++) {
        s.daemon.sendStream(
          call.header.serial,
          proc,
          MessageStatus.Continue,
          Buffer.alloc(65536, i),
        );
      }
    });
    const stream = await s.client.openStream('STORAGE_VOL_DOWNLOAD', {
      vol,
      offset: 0n,
      length: 0n,
      flags: 0,
    });
    stream.on('error', () => {});
    // Nobody reads. Wait until the stream has buffered data, then give up on it.
    await vi.waitFor(() => expect(stream.readableLength).toBeGreaterThan(0));
    await ticks(10);
    stream.destroy();
    await s.daemon.waitForPacket(isStream(stream.serial, MessageStatus.Error));
    s.daemon.handle('CONNECT_GET_HOSTNAME', (call) => call.reply({ hostname: 'unblocked' }));
    const reply = settle(s.client.call('CONNECT_GET_HOSTNAME', null));
    await vi.waitFor(() => expect(s.client.inFlight).toBe(0), { timeout: 2000 });
    expect(await reply).toEqual({ ok: true, value: { hostname: 'unblocked' } });
  });
});

describe('openRpcConnection handshake', () => {
  async function handshakeSetup() {
    const pair = memoryPair();
    cleanups.push(() => pair.cleanup());
    const daemon = new FakeDaemon(pair.daemon);
    daemon.handle('AUTH_POLKIT', (call) => call.reply({ complete: 1 }));
    daemon.handle('CONNECT_OPEN', (call) => call.reply(null));
    daemon.handle('CONNECT_SUPPORTS_FEATURE', (call) => call.reply({ supported: 1 }));
    return { pair, daemon };
  }

  it('polkit: AUTH_LIST [2] leads to AUTH_POLKIT, CONNECT_OPEN with the URI, then the keepalive feature', async () => {
    const { pair, daemon } = await handshakeSetup();
    daemon.handle('AUTH_LIST', (call) => call.reply({ types: [2] }));
    const opens: unknown[] = [];
    const features: unknown[] = [];
    daemon.handle('CONNECT_OPEN', (call) => {
      opens.push(call.args);
      call.reply(null);
    });
    daemon.handle('CONNECT_SUPPORTS_FEATURE', (call) => {
      features.push(call.args);
      call.reply({ supported: 1 });
    });
    const client = await openRpcConnection(pair.client, 'qemu:///system', { label: 'kvm1' });
    expect(daemon.calledProcs).toEqual([66, 70, 1, 60]);
    expect(opens).toEqual([{ name: 'qemu:///system', flags: 0 }]);
    expect(features).toEqual([{ feature: 10 }]);
    expect(client.closed).toBe(false);
    daemon.handle('CONNECT_GET_URI', (call) => call.reply({ uri: 'qemu:///system' }));
    await expect(client.call('CONNECT_GET_URI', null)).resolves.toEqual({ uri: 'qemu:///system' });
  });

  it.each([[[0]], [[]], [[0, 1]]])('AUTH_LIST %j needs no authentication step', async (types) => {
    const { pair, daemon } = await handshakeSetup();
    daemon.handle('AUTH_LIST', (call) => call.reply({ types }));
    await openRpcConnection(pair.client, 'qemu:///session', { label: 'kvm1' });
    expect(daemon.calledProcs).toEqual([66, 1, 60]);
  });

  it('AUTH_LIST [1] (SASL only) fails with auth-failed and destroys the transport', async () => {
    const { pair, daemon } = await handshakeSetup();
    daemon.handle('AUTH_LIST', (call) => call.reply({ types: [1] }));
    const err = await rejection(
      openRpcConnection(pair.client, 'qemu:///system', { label: 'kvm1' }),
    );
    expect(err.code).toBe('auth-failed');
    expect(err.message).toMatch(/SASL/);
    expect(pair.client.destroyed).toBe(true);
    expect(daemon.calledProcs).toEqual([66]);
  });

  it('polkit refusing access fails with auth-failed and destroys the transport', async () => {
    const { pair, daemon } = await handshakeSetup();
    daemon.handle('AUTH_LIST', (call) => call.reply({ types: [2] }));
    daemon.handle('AUTH_POLKIT', (call) => call.reply({ complete: 0 }));
    const err = await rejection(
      openRpcConnection(pair.client, 'qemu:///system', { label: 'kvm1' }),
    );
    expect(err.code).toBe('auth-failed');
    expect(pair.client.destroyed).toBe(true);
    expect(daemon.calledProcs).toEqual([66, 70]);
  });

  it('a CONNECT_OPEN error is passed on and the transport destroyed', async () => {
    const { pair, daemon } = await handshakeSetup();
    daemon.handle('AUTH_LIST', (call) => call.reply({ types: [0] }));
    daemon.handle('CONNECT_OPEN', (call) =>
      call.fail(
        remoteError({
          code: 60,
          domain: 0,
          message: 'no connection driver available for qemu:///bogus',
        }),
      ),
    );
    const err = await rejection(openRpcConnection(pair.client, 'qemu:///bogus', { label: 'kvm1' }));
    expect(err).toBeInstanceOf(LibvirtError);
    expect(err.message).toMatch(/no connection driver/);
    expect(pair.client.destroyed).toBe(true);
  });

  it('the daemon vanishing during the handshake is a disconnected error', async () => {
    const { pair, daemon } = await handshakeSetup();
    daemon.handle('AUTH_LIST', () => daemon.close());
    const err = await rejection(
      openRpcConnection(pair.client, 'qemu:///system', { label: 'kvm1' }),
    );
    expect(err.code).toBe('disconnected');
  });
});

describe('packets the client writes', () => {
  it('a CALL is the header plus the XDR of the arguments', async () => {
    const { daemon, client } = await setup();
    void settle(
      client.call('DOMAIN_GET_XML_DESC', {
        dom: { name: 'vm', uuid: uuid(0xaa), id: -1 },
        flags: 1,
      }),
    );
    const packet = await daemon.waitForPacket((p) => p.header.type === MessageType.Call);
    const expected = encodePacket(
      { prog: 0x20008086, vers: 1, proc: 14, type: 0, serial: packet.header.serial, status: 0 },
      Buffer.from('00000002766d0000' + 'aa'.repeat(16) + 'ffffffff' + '00000001', 'hex'),
    );
    expect(encodePacket(packet.header, packet.body).toString('hex')).toBe(expected.toString('hex'));
  });
});
