/**
 * A libvirt data stream (console, volume upload / download) as a Node Duplex. Data travels as
 * STREAM packets carrying the serial of the call that opened the stream; a packet with status OK
 * and no payload ends a direction, and one with status ERROR carries a remote_error (or, from
 * the client, aborts the stream).
 */
import { Duplex } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { LibvirtError } from './errors';
import { remote_error } from './generated/remoteProtocol';
import { MessageStatus, STREAM_CHUNK_BYTES } from './packet';
import { decodeXdr } from './xdr';

/** What a stream needs from its client: send its packets and wait for the transport to drain. */
export interface StreamSink {
  /** Names the host in error messages, e.g. "root@kvm1". */
  readonly label: string;
  /** Sends one STREAM packet; returns false when the transport wants the caller to wait for drain. */
  sendStreamPacket(serial: number, proc: number, status: number, body?: Uint8Array): boolean;
  waitForDrain(): Promise<void>;
  forgetStream(serial: number): void;
}

/**
 * Received data a stream holds for a reader that has not taken it. libvirtd sends a stream's data
 * unasked, as fast as the socket takes it, and the protocol has no per-stream window: pausing the
 * shared socket for one slow reader would stall every call, stream and keepalive on the
 * connection (libvirtd then drops us as dead). So each stream buffers on its own, up to this, and
 * a stream whose reader falls further behind is failed alone.
 */
export const STREAM_BUFFER_LIMIT_BYTES = 8 * 1024 * 1024;

export class RpcStream extends Duplex {
  private sentFinish = false;
  private receivedEnd = false;
  private finishAck: (() => void) | null = null;

  constructor(
    private readonly sink: StreamSink,
    readonly serial: number,
    readonly proc: number,
    readonly procedure: string,
  ) {
    super({ allowHalfOpen: true });
  }

  /** Called by the client for each STREAM packet with this stream's serial. */
  handlePacket(status: number, body: Buffer): void {
    if (status === MessageStatus.Continue && body.length > 0) {
      if (this.destroyed) return;
      if (this.readableLength + body.length > STREAM_BUFFER_LIMIT_BYTES) {
        this.destroy(this.overflowError());
        return;
      }
      // Copy: the body is a view into the transport's chunk, which the next read may reuse. What
      // push() says about the buffer is ignored on purpose: see STREAM_BUFFER_LIMIT_BYTES.
      this.push(Buffer.from(body));
      return;
    }
    if (status === MessageStatus.Error) {
      const err =
        body.length > 0
          ? new LibvirtError(decodeXdr(remote_error, body), this.procedure)
          : new VirtdeckError('libvirt', msg('rpc.streamAborted', { procedure: this.procedure }));
      this.destroy(err);
      return;
    }
    // The host is done sending: libvirt marks that with an empty CONTINUE packet (a download at
    // its end, a console closed), or with OK when it confirms our own finish.
    if (!this.receivedEnd) {
      this.receivedEnd = true;
      this.push(null);
    }
    if (status === MessageStatus.Ok && this.sentFinish) {
      this.finishAck?.();
      this.sink.forgetStream(this.serial);
    } else {
      // Finish our side too, so the host releases the stream; its confirmation arrives as OK.
      this.sendFinish();
    }
  }

  private sendFinish(): void {
    if (this.sentFinish) return;
    this.sentFinish = true;
    this.sink.sendStreamPacket(this.serial, this.proc, MessageStatus.Ok);
  }

  override _read(): void {
    // Data is pushed as it arrives (see handlePacket); there is nothing to ask for.
  }

  private overflowError(): VirtdeckError {
    const mib = STREAM_BUFFER_LIMIT_BYTES / (1024 * 1024);
    return new VirtdeckError(
      'protocol',
      msg('rpc.streamNotRead', { procedure: this.procedure, host: this.sink.label, mib }),
    );
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error) => void): void {
    this.writeChunks(chunk).then(() => callback(), callback);
  }

  private async writeChunks(chunk: Buffer): Promise<void> {
    for (let offset = 0; offset < chunk.length; offset += STREAM_CHUNK_BYTES) {
      // Destroyed while waiting for drain: the stream is aborted, send nothing more.
      if (this.destroyed) return;
      const piece = chunk.subarray(offset, offset + STREAM_CHUNK_BYTES);
      if (!this.sink.sendStreamPacket(this.serial, this.proc, MessageStatus.Continue, piece)) {
        await this.sink.waitForDrain();
      }
    }
  }

  override _final(callback: (err?: Error) => void): void {
    if (this.sentFinish && this.receivedEnd) {
      callback();
      return;
    }
    this.finishAck = () => callback();
    this.sendFinish();
  }

  override _destroy(err: Error | null, callback: (err: Error | null) => void): void {
    // A stream closed before both sides finished is aborted, so the host frees its end at once.
    if (!(this.sentFinish && this.receivedEnd) && !(err instanceof LibvirtError)) {
      this.sink.sendStreamPacket(this.serial, this.proc, MessageStatus.Error);
    }
    this.sink.forgetStream(this.serial);
    callback(err);
  }
}
