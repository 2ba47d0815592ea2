/**
 * The floor of a libvirt call over a byte stream: packets encoded once, before timing, written as
 * they are, and each reply read up to its length, with no decoding and no call table. What the
 * RPC client adds on top of this is its own per-call cost.
 */
import type { Duplex } from 'node:stream';

const REMOTE_PROGRAM = 0x20008086;
const CALL = 0;

/** A libvirt call packet: the 28-byte header and an already encoded XDR body. */
export function rawCallPacket(procedure: number, serial: number, body: Buffer): Buffer {
  const header = Buffer.alloc(28);
  [28 + body.length, REMOTE_PROGRAM, 1, procedure, CALL, serial, 0].forEach((value, i) =>
    header.writeUInt32BE(value, i * 4),
  );
  return Buffer.concat([header, body]);
}

/** An XDR string: length, bytes, padding to 4. */
export function xdrString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(4 + Math.ceil(bytes.length / 4) * 4);
  out.writeUInt32BE(bytes.length, 0);
  bytes.copy(out, 4);
  return out;
}

/** Writes pre-encoded packets one at a time and resolves when each whole reply has arrived. */
export class RawSender {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private waiter: ((reply: Buffer) => void) | undefined;

  constructor(private readonly stream: Duplex) {
    stream.on('data', (chunk: Buffer) => {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      this.deliver();
    });
  }

  send(packet: Buffer): Promise<Buffer> {
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.stream.write(packet);
    });
  }

  private deliver(): void {
    if (!this.waiter || this.pendingBytes < 4) return;
    const first = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const length = first.readUInt32BE(0);
    if (this.pendingBytes < length) {
      this.pending = [first];
      return;
    }
    const rest = first.subarray(length);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter(first.subarray(0, length));
  }
}

/** The reply's status word: 0 OK, 1 error. */
export function replyStatus(reply: Buffer): number {
  return reply.readUInt32BE(24);
}
