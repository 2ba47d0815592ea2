/**
 * XDR (RFC 4506) as libvirt's remote protocol uses it, written as typed combinators: each codec
 * both encodes and decodes one type, and the TypeScript type of a value is inferred from its
 * codec (`XdrType<typeof codec>`), so the generated protocol table needs no separate interfaces.
 */
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';

export class XdrReader {
  offset = 0;
  constructor(readonly buf: Buffer) {}

  private need(n: number): void {
    if (this.offset + n > this.buf.length) {
      throw new VirtdeckError(
        'protocol',
        msg('rpc.xdrEndsEarly', { bytes: n, offset: this.offset }),
      );
    }
  }
  int(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  uint(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  hyper(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.offset);
    this.offset += 8;
    return v;
  }
  uhyper(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64BE(this.offset);
    this.offset += 8;
    return v;
  }
  double(): number {
    this.need(8);
    const v = this.buf.readDoubleBE(this.offset);
    this.offset += 8;
    return v;
  }
  float(): number {
    this.need(4);
    const v = this.buf.readFloatBE(this.offset);
    this.offset += 4;
    return v;
  }
  /** `n` bytes followed by padding to a multiple of 4. The result shares memory with the message. */
  bytes(n: number): Buffer {
    const padded = (n + 3) & ~3;
    this.need(padded);
    const v = this.buf.subarray(this.offset, this.offset + n);
    this.offset += padded;
    return v;
  }
  get remaining(): number {
    return this.buf.length - this.offset;
  }
}

export class XdrWriter {
  private buf: Buffer;
  length = 0;
  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  int(v: number): void {
    this.reserve(4);
    this.buf.writeInt32BE(v, this.length);
    this.length += 4;
  }
  uint(v: number): void {
    this.reserve(4);
    this.buf.writeUInt32BE(v, this.length);
    this.length += 4;
  }
  hyper(v: bigint): void {
    this.reserve(8);
    this.buf.writeBigInt64BE(v, this.length);
    this.length += 8;
  }
  uhyper(v: bigint): void {
    this.reserve(8);
    this.buf.writeBigUInt64BE(v, this.length);
    this.length += 8;
  }
  double(v: number): void {
    this.reserve(8);
    this.buf.writeDoubleBE(v, this.length);
    this.length += 8;
  }
  float(v: number): void {
    this.reserve(4);
    this.buf.writeFloatBE(v, this.length);
    this.length += 4;
  }
  bytes(v: Uint8Array): void {
    const padded = (v.length + 3) & ~3;
    this.reserve(padded);
    this.buf.set(v, this.length);
    this.buf.fill(0, this.length + v.length, this.length + padded);
    this.length += padded;
  }
  /** The bytes written so far (a view, valid until the next write). */
  result(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * What a codec encodes, so that tests (and tools) can walk any protocol type, e.g. to build a
 * sample value of every generated type and check that it round-trips.
 */
export type Shape =
  | { kind: 'int' | 'uint' | 'hyper' | 'uhyper' | 'double' | 'float' | 'bool' | 'void' }
  | { kind: 'string' | 'opaque'; max: number }
  | { kind: 'fixedOpaque'; size: number }
  | { kind: 'array'; item: Codec<unknown>; max: number }
  | { kind: 'fixedArray'; item: Codec<unknown>; size: number }
  | { kind: 'optional'; item: Codec<unknown> }
  | { kind: 'struct'; fields: Record<string, Codec<unknown>> }
  | { kind: 'union'; discriminant: string; arms: UnionArms };

export interface Codec<T> {
  readonly shape: Shape;
  encode(w: XdrWriter, v: T): void;
  decode(r: XdrReader): T;
}
export type XdrType<C> = C extends Codec<infer T> ? T : never;

const tooLong = (what: string, n: number, max: number): VirtdeckError =>
  new VirtdeckError('protocol', msg('rpc.xdrTooLong', { what, length: n, max }));

export const xdrInt: Codec<number> = {
  shape: { kind: 'int' },
  encode: (w, v) => w.int(v),
  decode: (r) => r.int(),
};
export const xdrUint: Codec<number> = {
  shape: { kind: 'uint' },
  encode: (w, v) => w.uint(v),
  decode: (r) => r.uint(),
};
export const xdrHyper: Codec<bigint> = {
  shape: { kind: 'hyper' },
  encode: (w, v) => w.hyper(v),
  decode: (r) => r.hyper(),
};
export const xdrUhyper: Codec<bigint> = {
  shape: { kind: 'uhyper' },
  encode: (w, v) => w.uhyper(v),
  decode: (r) => r.uhyper(),
};
export const xdrDouble: Codec<number> = {
  shape: { kind: 'double' },
  encode: (w, v) => w.double(v),
  decode: (r) => r.double(),
};
export const xdrFloat: Codec<number> = {
  shape: { kind: 'float' },
  encode: (w, v) => w.float(v),
  decode: (r) => r.float(),
};
export const xdrBool: Codec<boolean> = {
  shape: { kind: 'bool' },
  encode: (w, v) => w.int(v ? 1 : 0),
  decode: (r) => r.int() !== 0,
};
export const xdrVoid: Codec<null> = {
  shape: { kind: 'void' },
  encode: () => {},
  decode: () => null,
};

export function xdrString(max = 0xffffffff): Codec<string> {
  return {
    shape: { kind: 'string', max },
    encode(w, v) {
      const bytes = Buffer.from(v, 'utf8');
      if (bytes.length > max) throw tooLong('string', bytes.length, max);
      w.uint(bytes.length);
      w.bytes(bytes);
    },
    decode(r) {
      const n = r.uint();
      if (n > max) throw tooLong('string', n, max);
      return r.bytes(n).toString('utf8');
    },
  };
}

export function xdrOpaque(max = 0xffffffff): Codec<Buffer> {
  return {
    shape: { kind: 'opaque', max },
    encode(w, v) {
      if (v.length > max) throw tooLong('opaque', v.length, max);
      w.uint(v.length);
      w.bytes(v);
    },
    decode(r) {
      const n = r.uint();
      if (n > max) throw tooLong('opaque', n, max);
      return Buffer.from(r.bytes(n));
    },
  };
}

export function xdrFixedOpaque(size: number): Codec<Buffer> {
  return {
    shape: { kind: 'fixedOpaque', size },
    encode(w, v) {
      if (v.length !== size) {
        throw new VirtdeckError('protocol', msg('rpc.xdrFixedOpaque', { size, got: v.length }));
      }
      w.bytes(v);
    },
    decode: (r) => Buffer.from(r.bytes(size)),
  };
}

export function xdrArray<T>(item: Codec<T>, max = 0xffffffff): Codec<T[]> {
  return {
    shape: { kind: 'array', item: item, max },
    encode(w, v) {
      if (v.length > max) throw tooLong('array', v.length, max);
      w.uint(v.length);
      for (const x of v) item.encode(w, x);
    },
    decode(r) {
      const n = r.uint();
      if (n > max) throw tooLong('array', n, max);
      // Each item takes at least 4 bytes: refuse lengths the message cannot hold before allocating.
      if (n * 4 > r.remaining) tooShortForArray(n, r.remaining);
      const out = new Array<T>(n);
      for (let i = 0; i < n; i++) out[i] = item.decode(r);
      return out;
    },
  };
}

function tooShortForArray(n: number, remaining: number): never {
  throw new VirtdeckError('protocol', msg('rpc.xdrArrayTooShort', { items: n, remaining }));
}

export function xdrFixedArray<T>(item: Codec<T>, size: number): Codec<T[]> {
  return {
    shape: { kind: 'fixedArray', item: item, size },
    encode(w, v) {
      if (v.length !== size) {
        throw new VirtdeckError('protocol', msg('rpc.xdrFixedArray', { size, got: v.length }));
      }
      for (const x of v) item.encode(w, x);
    },
    decode(r) {
      const out = new Array<T>(size);
      for (let i = 0; i < size; i++) out[i] = item.decode(r);
      return out;
    },
  };
}

/** XDR optional data (`type *name`): a boolean then the value. */
export function xdrOptional<T>(item: Codec<T>): Codec<T | null> {
  return {
    shape: { kind: 'optional', item: item },
    encode(w, v) {
      w.int(v === null ? 0 : 1);
      if (v !== null) item.encode(w, v);
    },
    decode: (r) => (r.int() !== 0 ? item.decode(r) : null),
  };
}

type StructFields = Record<string, Codec<unknown>>;
export type StructOf<F extends StructFields> = { [K in keyof F]: XdrType<F[K]> };

export function xdrStruct<F extends StructFields>(fields: F): Codec<StructOf<F>> {
  const entries = Object.entries(fields);
  return {
    shape: { kind: 'struct', fields },
    encode(w, v) {
      for (const [name, codec] of entries) codec.encode(w, v[name]);
    },
    decode(r) {
      const out: Record<string, unknown> = {};
      for (const [name, codec] of entries) out[name] = codec.decode(r);
      return out as StructOf<F>;
    },
  };
}

/**
 * A discriminated union. `arms` maps each discriminant value to [field name, codec]; the decoded
 * value is `{ [discriminantName]: value, [field]: armValue }`.
 */
export type UnionArms = Record<number, readonly [string, Codec<unknown>]>;
export type UnionOf<D extends string, A extends UnionArms> = {
  [K in keyof A]: A[K] extends readonly [infer F extends string, Codec<infer T>]
    ? { [P in D]: K extends `${infer N extends number}` ? N : K } & { [P in F]: T }
    : never;
}[keyof A];

export function xdrUnion<D extends string, A extends UnionArms>(
  discriminant: D,
  arms: A,
): Codec<UnionOf<D, A>> {
  return {
    shape: { kind: 'union', discriminant, arms },
    encode(w, v) {
      const record = v as Record<string, unknown>;
      const tag = record[discriminant] as number;
      const arm = arms[tag];
      if (!arm) throw new VirtdeckError('protocol', msg('rpc.xdrNoArm', { tag }));
      w.int(tag);
      arm[1].encode(w, record[arm[0]]);
    },
    decode(r) {
      const tag = r.int();
      const arm = arms[tag];
      if (!arm) throw new VirtdeckError('protocol', msg('rpc.xdrNoArm', { tag }));
      return { [discriminant]: tag, [arm[0]]: arm[1].decode(r) } as UnionOf<D, A>;
    },
  };
}

/** Encodes one value into a fresh buffer (tests and callers that need standalone bytes). */
export function encodeXdr<T>(codec: Codec<T>, value: T): Buffer {
  const w = new XdrWriter();
  codec.encode(w, value);
  return Buffer.from(w.result());
}

/** Decodes one value and checks that nothing is left over. */
export function decodeXdr<T>(codec: Codec<T>, buf: Buffer): T {
  const r = new XdrReader(buf);
  const v = codec.decode(r);
  if (r.remaining !== 0) {
    throw new VirtdeckError('protocol', msg('rpc.xdrTrailing', { bytes: r.remaining }));
  }
  return v;
}
