/**
 * Reads a tar archive (an OVA, a Vagrant box) as it streams in, entry by entry, without keeping
 * it: each entry's body is handed over as chunks, so a disk goes straight into a volume upload.
 * Understands ustar, GNU long names ('L') and pax headers ('x'); a gzip-compressed archive (most
 * .box files) is inflated on the way.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';

export interface TarEntry {
  /** The path inside the archive, as written ("./box.img" keeps its "./"). */
  name: string;
  size: number;
  type: 'file' | 'directory' | 'other';
}

const BLOCK = 512;

const notTar = (why: Message) => new VirtdeckError('invalid-input', why);

/** Pulls exact byte counts out of a chunk stream. */
class ByteReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    const next = await this.chunks.next();
    if (next.done) return false;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    return true;
  }

  /** Exactly `n` bytes, or undefined at the end of the stream (a partial read throws). */
  async exactly(n: number): Promise<Buffer | undefined> {
    while (this.pending.length < n) {
      if (!(await this.fill())) {
        if (this.pending.length === 0) return undefined;
        throw notTar(msg('appliances.tarHeaderCut'));
      }
    }
    const out = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(n);
    return out;
  }

  /** Up to `max` bytes of what is there (reading more only when nothing is). */
  async some(max: number): Promise<Buffer> {
    if (this.pending.length === 0 && !(await this.fill())) {
      throw new VirtdeckError('invalid-input', msg('appliances.tarFileCut'));
    }
    const out = this.pending.subarray(0, Math.min(max, this.pending.length));
    this.pending = this.pending.subarray(out.length);
    return out;
  }
}

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  // GNU base-256 for sizes of 8 GiB and more: the first byte's top bit set.
  if ((header[start] ?? 0) & 0x80) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (header[i] ?? 0);
    return value;
  }
  const digits = text(header, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw notTar(msg('appliances.tarFieldNotNumber'));
  return parseInt(digits, 8);
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return sum === octal(header, 148, 8);
}

/** pax "len key=value\n" records: the ones that matter here are path and size. */
function paxRecords(body: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space === -1) break;
    const len = parseInt(body.subarray(at, space).toString('ascii'), 10);
    if (!(len > 0)) break;
    const record = body.subarray(space + 1, at + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += len;
  }
  return out;
}

/**
 * The archive's entries in order. The body of each must be read (or left) before asking for
 * the next entry: what is left unread is skipped.
 */
export async function* tarEntries(
  input: AsyncIterable<Buffer>,
): AsyncGenerator<{ entry: TarEntry; body: AsyncIterable<Buffer> }> {
  const reader = new ByteReader(input[Symbol.asyncIterator]());
  let longName: string | undefined;
  let pax = new Map<string, string>();
  let first = true;
  const collect = async (size: number) => {
    const parts: Buffer[] = [];
    for (let left = size; left > 0;) {
      const piece = await reader.some(left);
      parts.push(piece);
      left -= piece.length;
    }
    await reader.exactly((BLOCK - (size % BLOCK)) % BLOCK);
    return Buffer.concat(parts);
  };
  for (;;) {
    const header = await reader.exactly(BLOCK);
    if (!header || header.every((b) => b === 0)) {
      if (first) throw notTar(msg('appliances.tarEmpty'));
      return;
    }
    if (!checksumOk(header)) throw notTar(msg('appliances.tarChecksum'));
    first = false;
    const flag = String.fromCharCode(header[156] ?? 0);
    let size = octal(header, 124, 12);
    if (flag === 'L') {
      longName = (await collect(size)).toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (flag === 'x') {
      pax = paxRecords(await collect(size));
      continue;
    }
    if (flag === 'g') {
      await collect(size);
      continue;
    }
    const paxSize = pax.get('size');
    if (paxSize !== undefined) size = Number(paxSize);
    const prefix = text(header, 257, 6).startsWith('ustar') ? text(header, 345, 155) : '';
    const plain = text(header, 0, 100);
    const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${plain}` : plain);
    longName = undefined;
    pax = new Map();
    const type =
      flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '5' ? 'directory' : 'other';
    let left = size;
    const body = (async function* () {
      while (left > 0) {
        const piece = await reader.some(left);
        left -= piece.length;
        yield piece;
      }
    })();
    yield { entry: { name, size, type }, body };
    while (left > 0) left -= (await reader.some(left)).length;
    await reader.exactly((BLOCK - (size % BLOCK)) % BLOCK);
  }
}

/** The stream's bytes, inflated first when they are gzip's (a .box is usually a .tar.gz). */
export async function* gunzipIfNeeded(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const chunks = input[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done) return;
  const head: Buffer = first.value;
  const all = (async function* () {
    yield head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  if (head[0] === 0x1f && head[1] === 0x8b) {
    for await (const chunk of Readable.from(all).pipe(createGunzip())) yield chunk as Buffer;
  } else yield* all;
}

/** The name without a leading "./" (tar writes both). */
export function entryBaseName(name: string): string {
  return name.replace(/^(\.\/)+/, '');
}
