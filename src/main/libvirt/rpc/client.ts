/**
 * A client of libvirt's remote protocol over any duplex byte stream (a unix socket, an SSH exec
 * channel running virt-ssh-helper, a forwarded socket). Many calls may be in flight at once;
 * replies are matched by serial, and no more are sent at a time than the daemon serves (see
 * callQueue.ts). Events and stream data arrive interleaved on the same stream; the transport is
 * never paused for one stream's reader (see STREAM_BUFFER_LIMIT_BYTES in stream.ts).
 */
import type { Duplex } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { CallQueue } from './callQueue';
import { LibvirtError, isUnknownProcedure, notSupportedError } from './errors';
import {
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  eventMessages,
  procedures,
  remote_error,
} from './generated/remoteProtocol';
import { Keepalive } from './keepalive';
import {
  KEEPALIVE_PROGRAM,
  KeepaliveProc,
  MessageStatus,
  MessageType,
  PacketReader,
  encodePacket,
  encodePacketPieces,
  type Packet,
} from './packet';
import { RpcStream, type StreamSink } from './stream';
import { XdrReader, XdrWriter, type Codec, type XdrType } from './xdr';

export { DEFAULT_MAX_OUTSTANDING_CALLS } from './callQueue';

type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type ArgsOf<P extends ProcedureName> = XdrType<Procedures[P]['args']>;
export type RetOf<P extends ProcedureName> = XdrType<Procedures[P]['ret']>;
type Events = typeof eventMessages;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = XdrType<Events[E]['msg']>;

const EVENT_NAME_BY_ID = new Map<number, EventName>(
  (Object.keys(eventMessages) as EventName[]).map((name) => [eventMessages[name].id, name]),
);

/** A procedure as the client needs it; the generated table provides these. */
export interface ProcedureDefinition<A, R> {
  id: number;
  args: Codec<A>;
  ret: Codec<R>;
}

export interface RpcClientOptions {
  /** Names the host in error messages, e.g. "root@kvm1". */
  label: string;
  keepaliveIntervalMs?: number;
  keepaliveCount?: number;
  /** Calls sent before their replies, at most (DEFAULT_MAX_OUTSTANDING_CALLS unless given). */
  maxOutstandingCalls?: number;
}

interface PendingCall {
  procedure: string;
  decode(body: Buffer): unknown;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class RpcClient {
  private nextSerial = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly streams = new Map<number, RpcStream>();
  private readonly eventHandlers = new Map<number, Set<(msg: unknown) => void>>();
  private readonly closeListeners = new Set<(err: VirtdeckError) => void>();
  private readonly reader = new PacketReader();
  private readonly keepalive: Keepalive;
  private readonly queue: CallQueue;
  private closeError: VirtdeckError | null = null;
  private readonly streamSink: StreamSink;

  constructor(
    private readonly transport: Duplex,
    private readonly options: RpcClientOptions,
  ) {
    this.queue = new CallQueue(options.maxOutstandingCalls);
    this.keepalive = new Keepalive({
      intervalMs: options.keepaliveIntervalMs ?? 5000,
      count: options.keepaliveCount ?? 3,
      sendPing: () => this.sendKeepalive(KeepaliveProc.Ping),
      onDead: (silentMs) =>
        this.shutdown(
          new VirtdeckError(
            'disconnected',
            msg('rpc.stoppedAnswering', {
              host: options.label,
              seconds: Math.round(silentMs / 1000),
            }),
          ),
        ),
    });
    this.streamSink = this.makeStreamSink();
    transport.on('data', (chunk: Buffer) => this.receive(chunk));
    transport.on('error', (err: Error) =>
      this.shutdown(
        toDisconnected(err, (reason) => msg('rpc.lostConnection', { host: options.label, reason })),
      ),
    );
    transport.on('close', () =>
      this.shutdown(
        new VirtdeckError('disconnected', msg('rpc.connectionClosed', { host: options.label })),
      ),
    );
    this.keepalive.start();
  }

  get closed(): boolean {
    return this.closeError !== null;
  }

  /** Calls a procedure of the generated table by name. */
  call<P extends ProcedureName>(name: P, args: ArgsOf<P>): Promise<RetOf<P>> {
    const definition = procedures[name] as unknown as ProcedureDefinition<ArgsOf<P>, RetOf<P>>;
    return this.callProcedure(name, definition, args);
  }

  /** Calls any procedure; `name` is used in error messages. */
  callProcedure<A, R>(name: string, definition: ProcedureDefinition<A, R>, args: A): Promise<R> {
    return this.invoke(name, definition, args);
  }

  /**
   * Calls a procedure that opens a data stream (console, volume upload / download) and returns
   * the stream once libvirt has accepted the call.
   */
  async openStream<P extends ProcedureName>(name: P, args: ArgsOf<P>): Promise<RpcStream> {
    const definition = procedures[name] as unknown as ProcedureDefinition<ArgsOf<P>, RetOf<P>>;
    let stream: RpcStream | undefined;
    // Until the caller has the stream, nobody listens to it: a connection lost meanwhile destroys
    // it with an error that would otherwise end the process ("Unhandled 'error' event"). The
    // call itself rejects with that error, which is what the caller sees.
    const untilReturned = () => {};
    try {
      // Registered before the call is sent: data may follow the reply in the same chunk.
      await this.invoke(name, definition, args, (serial) => {
        stream = new RpcStream(this.streamSink, serial, definition.id, name);
        stream.on('error', untilReturned);
        this.streams.set(serial, stream);
      });
    } catch (err) {
      if (stream) this.streams.delete(stream.serial);
      throw err;
    }
    stream!.off('error', untilReturned);
    return stream!;
  }

  /**
   * Sends one call, as soon as the call queue has room, and settles with its decoded reply. The
   * arguments are encoded before anything is registered or queued, so arguments that cannot be
   * encoded leave no pending call behind.
   */
  private invoke<A, R>(
    name: string,
    definition: ProcedureDefinition<A, R>,
    args: A,
    beforeSend?: (serial: number) => void,
  ): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.closeError) {
        reject(this.closeError);
        return;
      }
      let body: Buffer;
      try {
        body = encodeBody(definition.args, args);
      } catch (err) {
        reject(err);
        return;
      }
      const serial = this.allocateSerial();
      this.pending.set(serial, {
        procedure: name,
        decode: (reply) => decodeBody(definition.ret, reply),
        resolve: resolve,
        reject,
      });
      this.queue.enqueue(() => {
        beforeSend?.(serial);
        this.send(MessageType.Call, definition.id, serial, MessageStatus.Ok, body);
      });
    });
  }

  /** Subscribes to an event message; returns the unsubscribe function. */
  onEvent<E extends EventName>(name: E, handler: (msg: EventOf<E>) => void): () => void {
    const id = eventMessages[name].id;
    let handlers = this.eventHandlers.get(id);
    if (!handlers) {
      handlers = new Set();
      this.eventHandlers.set(id, handlers);
    }
    const h = handler as (msg: unknown) => void;
    handlers.add(h);
    return () => handlers.delete(h);
  }

  /** Called once when the connection ends, with the reason. */
  onClose(listener: (err: VirtdeckError) => void): () => void {
    if (this.closeError) {
      listener(this.closeError);
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Closes the connection on purpose (CONNECT_CLOSE first, so the daemon cleans up at once). */
  async close(): Promise<void> {
    if (this.closeError) return;
    try {
      await withTimeout(this.call('CONNECT_CLOSE', null), 2000);
    } catch {
      // The daemon may already be gone; closing the transport is what matters.
    }
    this.shutdown(
      new VirtdeckError('disconnected', msg('rpc.disconnected', { host: this.options.label })),
    );
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Calls sent to the daemon and not yet answered (the rest of inFlight wait in the queue). */
  get outstanding(): number {
    return this.queue.outstanding;
  }

  get openStreams(): number {
    return this.streams.size;
  }

  private allocateSerial(): number {
    const serial = this.nextSerial;
    this.nextSerial = this.nextSerial >= 0xfffffff0 ? 1 : this.nextSerial + 1;
    return serial;
  }

  private send(type: number, proc: number, serial: number, status: number, body?: Uint8Array) {
    const header = {
      prog: REMOTE_PROGRAM,
      vers: REMOTE_PROTOCOL_VERSION,
      proc,
      type,
      serial,
      status,
    };
    const { head, tail } = encodePacketPieces(header, body);
    if (!tail) return this.transport.write(head);
    // One write for a socket (writev); a channel takes the pieces in order, nothing between them.
    this.transport.cork();
    this.transport.write(head);
    const room = this.transport.write(tail);
    this.transport.uncork();
    return room;
  }

  private sendKeepalive(proc: number): void {
    if (this.closeError) return;
    const header = {
      prog: KEEPALIVE_PROGRAM,
      vers: 1,
      proc,
      type: MessageType.Message,
      serial: 0,
      status: MessageStatus.Ok,
    };
    this.transport.write(encodePacket(header));
  }

  private receive(chunk: Buffer): void {
    this.keepalive.heard();
    let packets: Packet[];
    try {
      packets = this.reader.push(chunk);
    } catch (err) {
      this.shutdown(
        toDisconnected(err, (reason) => msg('rpc.garbage', { host: this.options.label, reason })),
      );
      return;
    }
    for (const packet of packets) this.dispatch(packet);
  }

  private dispatch({ header, body }: Packet): void {
    if (header.prog === KEEPALIVE_PROGRAM) {
      if (header.proc === KeepaliveProc.Ping) this.sendKeepalive(KeepaliveProc.Pong);
      return;
    }
    if (header.prog !== REMOTE_PROGRAM) return;
    switch (header.type) {
      case MessageType.Reply:
      case MessageType.ReplyWithFds:
        this.settle(header.serial, header.status, body);
        return;
      case MessageType.Message:
        this.emitEvent(header.proc, body);
        return;
      case MessageType.Stream:
        this.streams.get(header.serial)?.handlePacket(header.status, body);
        return;
    }
  }

  private settle(serial: number, status: number, body: Buffer): void {
    const call = this.pending.get(serial);
    if (!call) return;
    this.pending.delete(serial);
    this.queue.release();
    try {
      if (status === MessageStatus.Ok) {
        call.resolve(call.decode(body));
        return;
      }
      const remote = decodeBody(remote_error, body);
      call.reject(
        isUnknownProcedure(remote)
          ? notSupportedError(call.procedure, this.options.label)
          : new LibvirtError(remote, call.procedure),
      );
    } catch (err) {
      call.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private emitEvent(proc: number, body: Buffer): void {
    const handlers = this.eventHandlers.get(proc);
    if (!handlers || handlers.size === 0) return;
    const name = EVENT_NAME_BY_ID.get(proc);
    if (!name) return;
    let msg: unknown;
    try {
      msg = decodeBody(eventMessages[name].msg as Codec<unknown>, body);
    } catch (err) {
      console.error(`Ignoring a malformed ${name} event from ${this.options.label}:`, err);
      return;
    }
    for (const handler of handlers) {
      try {
        handler(msg);
      } catch (err) {
        console.error(`A ${name} event handler failed:`, err);
      }
    }
  }

  private makeStreamSink(): StreamSink {
    return {
      label: this.options.label,
      sendStreamPacket: (serial, proc, status, body) => {
        if (this.closeError) return true;
        return this.send(MessageType.Stream, proc, serial, status, body);
      },
      waitForDrain: () =>
        new Promise<void>((resolve) => {
          if (this.closeError || !this.transport.writableNeedDrain) resolve();
          else {
            const done = () => {
              this.transport.off('drain', done);
              this.transport.off('close', done);
              resolve();
            };
            this.transport.on('drain', done);
            this.transport.on('close', done);
          }
        }),
      forgetStream: (serial) => this.streams.delete(serial),
    };
  }

  private shutdown(err: VirtdeckError): void {
    if (this.closeError) return;
    this.closeError = err;
    this.keepalive.stop();
    this.queue.clear();
    for (const call of this.pending.values()) call.reject(err);
    this.pending.clear();
    for (const stream of this.streams.values()) stream.destroy(err);
    this.streams.clear();
    this.transport.destroy();
    for (const listener of this.closeListeners) listener(err);
    this.closeListeners.clear();
  }
}

function encodeBody<T>(codec: Codec<T>, value: T): Buffer {
  const w = new XdrWriter();
  codec.encode(w, value);
  return w.result();
}

function decodeBody<T>(codec: Codec<T>, body: Buffer): T {
  return codec.decode(new XdrReader(body));
}

function toDisconnected(err: unknown, said: (reason: string) => Message): VirtdeckError {
  if (err instanceof VirtdeckError && err.code === 'disconnected') return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new VirtdeckError('disconnected', said(reason), { cause: err });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VirtdeckError('timeout', msg('rpc.timedOut'))), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
