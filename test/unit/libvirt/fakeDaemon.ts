/**
 * A scripted stand-in for libvirtd, for unit tests of the RPC client: it sits on the other end of
 * a duplex pair, decodes the client's packets with PacketReader and the generated codecs, and
 * answers with the generated codecs too. Tests register handlers per procedure, or take calls one
 * by one with nextCall() and answer them whenever they like.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import type {
  ArgsOf,
  EventName,
  EventOf,
  ProcedureName,
  RetOf,
} from '../../../src/main/libvirt/rpc/client';
import {
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  eventMessages,
  procedures,
  remote_error,
  type RemoteError,
} from '../../../src/main/libvirt/rpc/generated/remoteProtocol';
import {
  KEEPALIVE_PROGRAM,
  KeepaliveProc,
  MessageStatus,
  MessageType,
  PacketReader,
  encodePacket,
  type Packet,
  type PacketHeader,
} from '../../../src/main/libvirt/rpc/packet';
import { decodeXdr, encodeXdr, type Codec } from '../../../src/main/libvirt/rpc/xdr';

// ----------------------------------------------------------------------------------------------
// Transports

export interface DuplexPair {
  /** The end the RpcClient gets. */
  client: Duplex;
  /** The end the fake daemon reads and writes. */
  daemon: Duplex;
  cleanup(): Promise<void>;
}

/** One end of an in-memory byte pipe: what one end writes, the other reads; destroying one closes both. */
class MemoryEnd extends Duplex {
  peer: MemoryEnd | null = null;

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error) => void): void {
    // A copy, as a socket would deliver: the writer may reuse its buffer.
    if (this.peer && !this.peer.destroyed) this.peer.push(Buffer.from(chunk));
    // Completing later, like a socket, makes a large write report backpressure (write() returns
    // false until 'drain'); a synchronous callback would hide it.
    process.nextTick(callback);
  }

  override _final(callback: (err?: Error) => void): void {
    if (this.peer && !this.peer.destroyed) this.peer.push(null);
    callback();
  }

  override _destroy(err: Error | null, callback: (err: Error | null) => void): void {
    const peer = this.peer;
    this.peer = null;
    if (peer && !peer.destroyed) {
      peer.peer = null;
      peer.destroy();
    }
    callback(err);
  }
}

export function memoryPair(): DuplexPair {
  const client = new MemoryEnd();
  const daemon = new MemoryEnd();
  client.peer = daemon;
  daemon.peer = client;
  return {
    client,
    daemon,
    cleanup: async () => {
      client.destroy();
      daemon.destroy();
    },
  };
}

/** A real connected pair of unix sockets in a temporary directory: kernel buffers, real backpressure. */
export async function unixSocketPair(): Promise<DuplexPair> {
  const dir = await mkdtemp(join(tmpdir(), 'virtdeck-rpc-'));
  const path = join(dir, 'libvirt-sock');
  const server = createServer();
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  const client = createConnection(path);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  const daemon = await accepted;
  return {
    client,
    daemon,
    cleanup: async () => {
      client.destroy();
      daemon.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ----------------------------------------------------------------------------------------------
// The daemon

/** A remote_error with libvirt's usual defaults for what the test does not care about. */
export function remoteError(
  fields: Partial<RemoteError> & { message: string | null },
): RemoteError {
  return {
    code: 1, // VIR_ERR_INTERNAL_ERROR
    domain: 0,
    level: 2, // VIR_ERR_ERROR
    dom: null,
    str1: null,
    str2: null,
    str3: null,
    int1: 0,
    int2: 0,
    net: null,
    ...fields,
  };
}

export interface ReceivedCall<P extends ProcedureName> {
  name: P;
  header: PacketHeader;
  args: ArgsOf<P>;
  /** Answers with status OK and the procedure's return value. */
  reply(ret: RetOf<P>): void;
  /** Answers with status ERROR and a remote_error. */
  fail(error: RemoteError): void;
}

type AnyCall = ReceivedCall<ProcedureName>;

/** How the daemon hands its bytes to the transport. */
export type WriteMode =
  /** One write per packet. */
  | 'whole'
  /** Each packet in pieces of 1 to 13 bytes, so the client must reassemble them. */
  | 'fragmented';

const PROCEDURE_BY_ID = new Map<number, ProcedureName>(
  (Object.keys(procedures) as ProcedureName[]).map((name) => [procedures[name].id, name]),
);

export class FakeDaemon {
  /** Every packet the client sent, in order (bodies copied). */
  readonly packets: Packet[] = [];
  /** Answer the client's keepalive PINGs with PONGs. */
  answerPings = true;
  /** Confirm the client's STREAM OK (finish) with a STREAM OK of our own, as libvirtd does. */
  ackStreamFinish = true;
  writeMode: WriteMode = 'whole';

  private readonly reader = new PacketReader();
  private readonly handlers = new Map<number, (call: AnyCall) => void>();
  private readonly queued: AnyCall[] = [];
  private readonly callWaiters: { name: ProcedureName; resolve: (call: AnyCall) => void }[] = [];
  private readonly packetWaiters: {
    predicate: (p: Packet) => boolean;
    resolve: (p: Packet) => void;
  }[] = [];
  private batching: Buffer[] | null = null;
  private fragmentSeed = 1;

  constructor(readonly socket: Duplex) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A test that closes the client end may make writes here fail; that is not the daemon's concern.
    socket.on('error', () => {});
  }

  /** Answers every call of `name` with `fn` (which calls reply() or fail(), or neither). */
  handle<P extends ProcedureName>(name: P, fn: (call: ReceivedCall<P>) => void): void {
    this.handlers.set(procedures[name].id, fn as unknown as (call: AnyCall) => void);
  }

  /** The next unhandled call of `name`, already received or still to come. */
  nextCall<P extends ProcedureName>(name: P): Promise<ReceivedCall<P>> {
    const index = this.queued.findIndex((c) => c.name === name);
    if (index >= 0) {
      const [call] = this.queued.splice(index, 1);
      return Promise.resolve(call as unknown as ReceivedCall<P>);
    }
    return new Promise((resolve) => {
      this.callWaiters.push({ name, resolve: resolve as unknown as (call: AnyCall) => void });
    });
  }

  /** The first packet (already received or still to come) that matches. */
  waitForPacket(predicate: (p: Packet) => boolean): Promise<Packet> {
    const found = this.packets.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.packetWaiters.push({ predicate, resolve }));
  }

  /** Procedure numbers of the CALL packets received so far. */
  get calledProcs(): number[] {
    return this.packets.filter((p) => p.header.type === MessageType.Call).map((p) => p.header.proc);
  }

  /** The STREAM packets the client sent for one stream. */
  streamPackets(serial: number): Packet[] {
    return this.packets.filter(
      (p) => p.header.type === MessageType.Stream && p.header.serial === serial,
    );
  }

  /** The data of the client's STREAM CONTINUE packets for one stream, joined. */
  streamData(serial: number): Buffer {
    return Buffer.concat(
      this.streamPackets(serial)
        .filter((p) => p.header.status === MessageStatus.Continue)
        .map((p) => p.body),
    );
  }

  /** Sends everything `fn` sends as one single write (e.g. a reply and stream data in one chunk). */
  batch(fn: () => void): void {
    const outer = this.batching;
    this.batching = [];
    try {
      fn();
    } finally {
      const joined = Buffer.concat(this.batching);
      this.batching = outer;
      this.writeRaw(joined);
    }
  }

  writeRaw(bytes: Buffer): void {
    if (this.batching) {
      this.batching.push(bytes);
      return;
    }
    if (this.socket.destroyed) return;
    if (this.writeMode === 'whole') {
      this.socket.write(bytes);
      return;
    }
    let offset = 0;
    while (offset < bytes.length) {
      this.fragmentSeed = (this.fragmentSeed * 1103515245 + 12345) & 0x7fffffff;
      const size = 1 + (this.fragmentSeed % 13);
      this.socket.write(bytes.subarray(offset, offset + size));
      offset += size;
    }
  }

  sendPacket(header: Partial<PacketHeader> & { proc: number; type: number }, body?: Buffer): void {
    this.writeRaw(
      encodePacket(
        {
          prog: REMOTE_PROGRAM,
          vers: REMOTE_PROTOCOL_VERSION,
          serial: 0,
          status: MessageStatus.Ok,
          ...header,
        },
        body,
      ),
    );
  }

  /** An event, as libvirtd sends it: a MESSAGE packet with the event's procedure number, serial 0. */
  sendEvent<E extends EventName>(name: E, msg: EventOf<E>): void {
    const codec = eventMessages[name].msg as unknown as Codec<EventOf<E>>;
    this.sendPacket(
      { proc: eventMessages[name].id, type: MessageType.Message },
      encodeXdr(codec, msg),
    );
  }

  sendStream(serial: number, proc: number, status: number, body?: Buffer): void {
    this.sendPacket({ proc, type: MessageType.Stream, serial, status }, body);
  }

  sendKeepalive(proc: number): void {
    this.writeRaw(
      encodePacket({
        prog: KEEPALIVE_PROGRAM,
        vers: 1,
        proc,
        type: MessageType.Message,
        serial: 0,
        status: MessageStatus.Ok,
      }),
    );
  }

  /** Drops the connection, as a dying daemon or a cut network would. */
  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    for (const packet of this.reader.push(chunk)) {
      const copy = { header: { ...packet.header }, body: Buffer.from(packet.body) };
      this.packets.push(copy);
      this.dispatch(copy);
      for (const waiter of [...this.packetWaiters]) {
        if (waiter.predicate(copy)) {
          this.packetWaiters.splice(this.packetWaiters.indexOf(waiter), 1);
          waiter.resolve(copy);
        }
      }
    }
  }

  private dispatch(packet: Packet): void {
    const { header } = packet;
    if (header.prog === KEEPALIVE_PROGRAM) {
      if (header.proc === KeepaliveProc.Ping && this.answerPings) {
        this.sendKeepalive(KeepaliveProc.Pong);
      }
      return;
    }
    if (header.prog !== REMOTE_PROGRAM)
      throw new Error(`fake daemon: unknown program ${header.prog}`);
    if (header.type === MessageType.Stream) {
      if (header.status === MessageStatus.Ok && this.ackStreamFinish) {
        this.sendStream(header.serial, header.proc, MessageStatus.Ok);
      }
      return;
    }
    if (header.type !== MessageType.Call) {
      throw new Error(`fake daemon: unexpected packet type ${header.type}`);
    }
    const name = PROCEDURE_BY_ID.get(header.proc);
    if (!name) {
      // What virNetServerProgramDispatchCall answers for a procedure it does not know.
      this.sendPacket(
        {
          proc: header.proc,
          type: MessageType.Reply,
          serial: header.serial,
          status: MessageStatus.Error,
        },
        encodeXdr(
          remote_error,
          remoteError({ code: 3, domain: 7, message: `unknown procedure: ${header.proc}` }),
        ),
      );
      return;
    }
    const call = this.makeCall(name, packet);
    const handler = this.handlers.get(header.proc);
    if (handler) {
      handler(call);
      return;
    }
    const waiter = this.callWaiters.find((w) => w.name === name);
    if (waiter) {
      this.callWaiters.splice(this.callWaiters.indexOf(waiter), 1);
      waiter.resolve(call);
    } else {
      this.queued.push(call);
    }
  }

  private makeCall(name: ProcedureName, { header, body }: Packet): AnyCall {
    const definition = procedures[name];
    // Strict decoding: the client must send exactly the argument, nothing more.
    const args = decodeXdr(definition.args as Codec<unknown>, body) as ArgsOf<ProcedureName>;
    const answer = (status: number, reply: Buffer) =>
      this.sendPacket(
        { proc: header.proc, type: MessageType.Reply, serial: header.serial, status },
        reply,
      );
    return {
      name,
      header,
      args,
      reply: (ret) =>
        answer(MessageStatus.Ok, encodeXdr(definition.ret as Codec<unknown>, ret as unknown)),
      fail: (error) => answer(MessageStatus.Error, encodeXdr(remote_error, error)),
    };
  }
}
