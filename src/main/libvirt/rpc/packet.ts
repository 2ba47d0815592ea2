/**
 * libvirt RPC packet framing (virnetprotocol.x): a 4-byte total length, a 24-byte header, then
 * the XDR payload. The reader copes with packets split over chunks and several in one chunk.
 */
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';

export const MessageType = {
  Call: 0,
  Reply: 1,
  Message: 2,
  Stream: 3,
  CallWithFds: 4,
  ReplyWithFds: 5,
  StreamHole: 6,
} as const;

export const MessageStatus = { Ok: 0, Error: 1, Continue: 2 } as const;

export const KEEPALIVE_PROGRAM = 0x6b656570;
export const KeepaliveProc = { Ping: 1, Pong: 2 } as const;

export interface PacketHeader {
  prog: number;
  vers: number;
  proc: number;
  type: number;
  serial: number;
  status: number;
}

export interface Packet {
  header: PacketHeader;
  body: Buffer;
}

/** Length word plus header. */
export const HEADER_BYTES = 28;
/** VIR_NET_MESSAGE_MAX plus the length word. */
export const MAX_PACKET_BYTES = 33554432 + 4;
/**
 * SSH's channel data unit: OpenSSH's channels (stream-local, session) take at most 32 KiB per
 * packet, and ssh2 cuts each write into packets of that size.
 */
export const SSH_PACKET_BYTES = 32 * 1024;
/**
 * Stream data per packet: under libvirt's VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX (262120), which every
 * daemon accepts, and with its header exactly 8 SSH packets (libvirt's own maximum would make a
 * ninth of 4 bytes, encrypted and written on its own, for every 256 KiB).
 */
export const STREAM_CHUNK_BYTES = 8 * SSH_PACKET_BYTES - HEADER_BYTES;

/**
 * A packet as the pieces to write, in order. A large body is not copied behind its header as a
 * whole: the header goes out with the body's first bytes up to one SSH packet, the rest as a view
 * of the caller's buffer (which a Writable's caller may not change after writing). For a 256 KiB
 * upload chunk that is a 32 KiB copy instead of 256 KiB, and the same SSH packets.
 */
export function encodePacketPieces(
  header: PacketHeader,
  body?: Uint8Array,
): { head: Buffer; tail?: Uint8Array } {
  if (!body || body.length <= SSH_PACKET_BYTES) return { head: encodePacket(header, body) };
  const first = SSH_PACKET_BYTES - HEADER_BYTES;
  const head = encodePacket(header, body.subarray(0, first));
  head.writeUInt32BE(HEADER_BYTES + body.length, 0);
  return { head, tail: body.subarray(first) };
}

export function encodePacket(header: PacketHeader, body?: Uint8Array): Buffer {
  const bodyLength = body?.length ?? 0;
  const packet = Buffer.allocUnsafe(HEADER_BYTES + bodyLength);
  packet.writeUInt32BE(HEADER_BYTES + bodyLength, 0);
  packet.writeUInt32BE(header.prog, 4);
  packet.writeUInt32BE(header.vers, 8);
  packet.writeInt32BE(header.proc, 12);
  packet.writeInt32BE(header.type, 16);
  packet.writeUInt32BE(header.serial, 20);
  packet.writeInt32BE(header.status, 24);
  if (body) packet.set(body, HEADER_BYTES);
  return packet;
}

export class PacketReader {
  // Received bytes not yet returned as packets. Kept as a list so that a large packet arriving in
  // many small chunks is joined once, when complete, instead of being copied on every chunk.
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Feeds received bytes; returns every packet they complete, in order. */
  push(chunk: Buffer): Packet[] {
    if (chunk.length > 0) {
      // Copied once on arrival (linear in bytes received): the caller may reuse its buffer.
      this.chunks.push(Buffer.from(chunk));
      this.buffered += chunk.length;
    }
    const packets: Packet[] = [];
    while (this.buffered >= 4) {
      const length = this.peek(4).readUInt32BE(0);
      if (length < HEADER_BYTES || length > MAX_PACKET_BYTES) {
        throw new VirtdeckError('protocol', msg('rpc.packetLength', { length }));
      }
      if (this.buffered < length) break;
      const buf = this.take(length);
      packets.push({
        header: {
          prog: buf.readUInt32BE(4),
          vers: buf.readUInt32BE(8),
          proc: buf.readInt32BE(12),
          type: buf.readInt32BE(16),
          serial: buf.readUInt32BE(20),
          status: buf.readInt32BE(24),
        },
        body: buf.subarray(HEADER_BYTES, length),
      });
    }
    return packets;
  }

  get bufferedBytes(): number {
    return this.buffered;
  }

  /** The first `n` buffered bytes, joining chunks only when the first one is too short. */
  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    const joined = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [joined];
    return joined;
  }

  private take(n: number): Buffer {
    const buf = this.peek(n);
    const rest = buf.subarray(n);
    this.chunks[0] = rest;
    if (rest.length === 0) this.chunks.shift();
    this.buffered -= n;
    return buf.subarray(0, n);
  }
}
