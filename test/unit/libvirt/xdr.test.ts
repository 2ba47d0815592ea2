import { describe, expect, it } from 'vitest';
import { VirtdeckError } from '../../../src/shared/errors';
import { eventMessages, procedures } from '../../../src/main/libvirt/rpc/generated/remoteProtocol';
import {
  XdrReader,
  XdrWriter,
  decodeXdr,
  encodeXdr,
  xdrArray,
  xdrBool,
  xdrDouble,
  xdrFixedArray,
  xdrFixedOpaque,
  xdrFloat,
  xdrHyper,
  xdrInt,
  xdrOpaque,
  xdrOptional,
  xdrString,
  xdrStruct,
  xdrUhyper,
  xdrUint,
  xdrUnion,
  xdrVoid,
  type Codec,
  type XdrType,
} from '../../../src/main/libvirt/rpc/xdr';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** Runs `fn` and returns the VirtdeckError it throws (failing the test if it throws anything else). */
function thrown(fn: () => unknown): VirtdeckError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(VirtdeckError);
    return err as VirtdeckError;
  }
  throw new Error('expected a VirtdeckError, but nothing was thrown');
}

function expectProtocolError(fn: () => unknown, message?: RegExp): void {
  const err = thrown(fn);
  expect(err.code).toBe('protocol');
  if (message) expect(err.message).toMatch(message);
}

/** Encodes, compares with the expected bytes, and decodes them back to `value`. */
function roundTrip<T>(codec: Codec<T>, value: T, bytes: Buffer): void {
  expect(encodeXdr(codec, value).toString('hex')).toBe(bytes.toString('hex'));
  expect(decodeXdr(codec, bytes)).toEqual(value);
}

describe('XDR primitives (RFC 4506, big-endian)', () => {
  it('int: 4-byte two-complement', () => {
    roundTrip(xdrInt, 0, hex('00000000'));
    roundTrip(xdrInt, 1, hex('00000001'));
    roundTrip(xdrInt, 0x12345678, hex('12345678'));
    roundTrip(xdrInt, -1, hex('ffffffff'));
    roundTrip(xdrInt, -2, hex('fffffffe'));
    roundTrip(xdrInt, 2147483647, hex('7fffffff'));
    roundTrip(xdrInt, -2147483648, hex('80000000'));
  });

  it('unsigned int', () => {
    roundTrip(xdrUint, 0, hex('00000000'));
    roundTrip(xdrUint, 258, hex('00000102'));
    roundTrip(xdrUint, 0xffffffff, hex('ffffffff'));
    roundTrip(xdrUint, 0x80000000, hex('80000000'));
  });

  it('hyper: 8-byte signed, including the extremes and negatives', () => {
    roundTrip(xdrHyper, 0n, hex('0000000000000000'));
    roundTrip(xdrHyper, 1n, hex('0000000000000001'));
    roundTrip(xdrHyper, 1n << 32n, hex('0000000100000000'));
    roundTrip(xdrHyper, 2n ** 63n - 1n, hex('7fffffffffffffff'));
    roundTrip(xdrHyper, -1n, hex('ffffffffffffffff'));
    roundTrip(xdrHyper, -2n, hex('fffffffffffffffe'));
    roundTrip(xdrHyper, -(2n ** 63n), hex('8000000000000000'));
    roundTrip(xdrHyper, -4294967296n, hex('ffffffff00000000'));
  });

  it('unsigned hyper, up to 2^64-1', () => {
    roundTrip(xdrUhyper, 0n, hex('0000000000000000'));
    roundTrip(xdrUhyper, 0x0102030405060708n, hex('0102030405060708'));
    roundTrip(xdrUhyper, 2n ** 63n, hex('8000000000000000'));
    roundTrip(xdrUhyper, 2n ** 64n - 1n, hex('ffffffffffffffff'));
  });

  it('double and float: IEEE 754 big-endian', () => {
    roundTrip(xdrDouble, 0, hex('0000000000000000'));
    roundTrip(xdrDouble, 1, hex('3ff0000000000000'));
    roundTrip(xdrDouble, 1.5, hex('3ff8000000000000'));
    roundTrip(xdrDouble, -2, hex('c000000000000000'));
    roundTrip(xdrDouble, 0.1, hex('3fb999999999999a'));
    roundTrip(xdrDouble, Infinity, hex('7ff0000000000000'));
    expect(decodeXdr(xdrDouble, hex('7ff8000000000000'))).toBeNaN();
    roundTrip(xdrFloat, 1.5, hex('3fc00000'));
    roundTrip(xdrFloat, -0.25, hex('be800000'));
  });

  it('bool is an int 0 / 1; void is nothing', () => {
    roundTrip(xdrBool, false, hex('00000000'));
    roundTrip(xdrBool, true, hex('00000001'));
    expect(encodeXdr(xdrVoid, null).length).toBe(0);
    expect(decodeXdr(xdrVoid, Buffer.alloc(0))).toBeNull();
  });

  it('string: length, bytes, zero padding to a multiple of 4', () => {
    const s = xdrString();
    roundTrip(s, '', hex('00000000'));
    roundTrip(s, 'a', hex('00000001 61000000'));
    roundTrip(s, 'ab', hex('00000002 61620000'));
    roundTrip(s, 'abc', hex('00000003 61626300'));
    roundTrip(s, 'abcd', hex('00000004 61626364'));
    roundTrip(s, 'abcde', hex('00000005 61626364 65000000'));
  });

  it('string: UTF-8 with shell metacharacters and non-ASCII text, length in bytes', () => {
    const text = `a b'c"$(touch pwned);d ü`;
    // 23 ASCII bytes, then ü as C3 BC: 25 bytes (0x19), padded with 3 zero bytes to 28.
    const expected = Buffer.concat([
      hex('00000019'),
      Buffer.from(`a b'c"$(touch pwned);d `, 'latin1'),
      hex('c3bc 000000'),
    ]);
    expect(expected.length).toBe(32);
    roundTrip(xdrString(), text, expected);
    // Characters outside the BMP (a surrogate pair in JS) are 4 bytes of UTF-8.
    roundTrip(xdrString(), '日😀', hex('00000007 e697a5 f09f9880 00'));
  });

  it('opaque: length, bytes, zero padding; decoded bytes do not share the message', () => {
    const o = xdrOpaque();
    roundTrip(o, Buffer.alloc(0), hex('00000000'));
    roundTrip(o, hex('0102030405'), hex('00000005 01020304 05000000'));
    roundTrip(o, hex('ffffffff'), hex('00000004 ffffffff'));
    const message = hex('00000003 aabbcc00');
    const value = decodeXdr(o, message);
    message.fill(0);
    expect(value.toString('hex')).toBe('aabbcc');
  });

  it('padding is zero even when the writer reuses dirty memory', () => {
    const w = new XdrWriter(8);
    for (let i = 0; i < 50; i++) {
      w.uint(0xffffffff);
      xdrOpaque().encode(w, hex('ee'));
      xdrString().encode(w, 'xyz');
    }
    const out = w.result();
    expect(out.length).toBe(50 * (4 + 8 + 8));
    for (let i = 0; i < 50; i++) {
      expect(out.subarray(i * 20, i * 20 + 20).toString('hex')).toBe(
        'ffffffff' + '00000001ee000000' + '0000000378797a00',
      );
    }
  });

  it('the writer grows past its initial size', () => {
    const big = Buffer.alloc(100_003, 7);
    const bytes = encodeXdr(xdrOpaque(), big);
    expect(bytes.length).toBe(4 + 100_004);
    expect(bytes.readUInt32BE(0)).toBe(100_003);
    expect(bytes[bytes.length - 1]).toBe(0);
    expect(decodeXdr(xdrOpaque(), bytes).equals(big)).toBe(true);
  });

  it('fixed opaque: no length word, padded; wrong size refused', () => {
    const f = xdrFixedOpaque(3);
    roundTrip(f, hex('616263'), hex('61626300'));
    roundTrip(xdrFixedOpaque(16), Buffer.alloc(16, 9), Buffer.alloc(16, 9));
    expectProtocolError(() => encodeXdr(f, hex('6162')), /fixed opaque/);
  });

  it('optional: int 0 for null, int 1 then the value', () => {
    const o = xdrOptional(xdrInt);
    roundTrip(o, null, hex('00000000'));
    roundTrip(o, 7, hex('00000001 00000007'));
    roundTrip(xdrOptional(xdrString()), 'hi', hex('00000001 00000002 68690000'));
  });

  it('arrays: variable with a count, fixed without', () => {
    roundTrip(xdrArray(xdrInt), [], hex('00000000'));
    roundTrip(xdrArray(xdrInt), [1, -1], hex('00000002 00000001 ffffffff'));
    roundTrip(
      xdrArray(xdrString()),
      ['a', 'bcde'],
      hex('00000002 00000001 61000000 00000004 62636465'),
    );
    roundTrip(xdrFixedArray(xdrInt, 2), [3, 4], hex('00000003 00000004'));
    expectProtocolError(() => encodeXdr(xdrFixedArray(xdrInt, 2), [1]), /fixed array/);
  });

  it('struct: fields in declaration order', () => {
    const s = xdrStruct({ b: xdrInt, a: xdrString(), c: xdrUhyper });
    roundTrip(s, { b: 2, a: 'z', c: 3n }, hex('00000002 00000001 7a000000 0000000000000003'));
  });

  it('union: discriminant then the arm; unknown arms refused both ways', () => {
    const u = xdrUnion('type', { 1: ['i', xdrInt], 7: ['s', xdrString()] } as const);
    roundTrip(u, { type: 1, i: -3 }, hex('00000001 fffffffd'));
    roundTrip(u, { type: 7, s: 'ok' }, hex('00000007 00000002 6f6b0000'));
    const bogus = { type: 3, i: 1 } as unknown as { type: 1; i: number };
    expectProtocolError(() => encodeXdr(u, bogus), /no arm 3/);
    expectProtocolError(() => decodeXdr(u, hex('00000003 00000001')), /no arm 3/);
  });
});

describe('XDR limits and malformed input', () => {
  it('a string longer than its maximum is refused when encoding and decoding', () => {
    const s = xdrString(4);
    expect(decodeXdr(s, encodeXdr(s, 'abcd'))).toBe('abcd');
    expectProtocolError(() => encodeXdr(s, 'abcde'), /exceeds the protocol limit 4/);
    expectProtocolError(() => decodeXdr(s, hex('00000005 6162636465000000')), /limit 4/);
    // The limit counts UTF-8 bytes, not JS characters: "üüü" is 3 characters but 6 bytes.
    expectProtocolError(() => encodeXdr(s, 'üüü'), /length 6/);
    expect(decodeXdr(s, encodeXdr(s, 'üü'))).toBe('üü');
  });

  it('an opaque longer than its maximum is refused', () => {
    const o = xdrOpaque(2);
    expectProtocolError(() => encodeXdr(o, hex('010203')));
    expectProtocolError(() => decodeXdr(o, hex('00000003 01020300')));
  });

  it('an array longer than its maximum is refused', () => {
    const a = xdrArray(xdrInt, 2);
    expect(decodeXdr(a, encodeXdr(a, [1, 2]))).toEqual([1, 2]);
    expectProtocolError(() => encodeXdr(a, [1, 2, 3]), /array of length 3/);
    expectProtocolError(() => decodeXdr(a, hex('00000003 00000001 00000002 00000003')));
  });

  it('the generated limits apply (remote_auth_list_ret.types is at most 20)', () => {
    const ret = procedures.AUTH_LIST.ret;
    expect(
      decodeXdr(ret, encodeXdr(ret, { types: Array.from({ length: 20 }, () => 0) })).types,
    ).toHaveLength(20);
    expectProtocolError(() => encodeXdr(ret, { types: Array.from({ length: 21 }, () => 0) }));
  });

  it('an array count the message cannot hold is refused before allocating', () => {
    // 0x7fffffff items announced, 4 bytes present.
    expectProtocolError(() => decodeXdr(xdrArray(xdrInt), hex('7fffffff 00000001')), /array of/);
  });

  it('truncated input is refused', () => {
    expectProtocolError(() => decodeXdr(xdrInt, hex('000000')), /ends early/);
    expectProtocolError(() => decodeXdr(xdrHyper, hex('00000000000000')), /ends early/);
    expectProtocolError(() => decodeXdr(xdrDouble, hex('3ff0')), /ends early/);
    // Five bytes of string data without their padding.
    expectProtocolError(() => decodeXdr(xdrString(), hex('00000005 6162636465')), /ends early/);
    expectProtocolError(() => decodeXdr(xdrOptional(xdrInt), hex('00000001')), /ends early/);
    expectProtocolError(() => decodeXdr(xdrFixedOpaque(16), Buffer.alloc(15)), /ends early/);
    expectProtocolError(() => decodeXdr(xdrStruct({ a: xdrInt, b: xdrInt }), hex('00000001')));
    expectProtocolError(() => decodeXdr(xdrInt, Buffer.alloc(0)));
  });

  it('decodeXdr refuses bytes after the value', () => {
    expectProtocolError(() => decodeXdr(xdrInt, hex('00000001 00000000')), /4 unexpected bytes/);
    expectProtocolError(() => decodeXdr(xdrVoid, hex('00')), /1 unexpected bytes/);
    // A reader on its own leaves the rest for the caller.
    const r = new XdrReader(hex('00000001 00000002'));
    expect(xdrInt.decode(r)).toBe(1);
    expect(r.remaining).toBe(4);
  });
});

// ---------------------------------------------------------------------------------------------
// Every generated type: build sample values from the codec shapes and round-trip them.

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a',
  'Z',
  '0',
  ' ',
  "'",
  '"',
  '$(',
  ';',
  '\\',
  'ü',
  '€',
  '日本',
  '😀',
  '\n',
  '<x/>',
];

class SampleBuilder {
  readonly armsUsed = new Map<Codec<unknown>, Set<number>>();
  readonly optionalStates = new Map<Codec<unknown>, Set<'null' | 'value'>>();
  readonly visits = new Map<Codec<unknown>, number>();

  constructor(private readonly random: () => number) {}

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  private bigint(bits: 63 | 64): bigint {
    const hi = BigInt(this.int(0, 0xffffffff));
    const lo = BigInt(this.int(0, 0xffffffff));
    const u = (hi << 32n) | lo;
    return bits === 64 ? u : BigInt.asIntN(64, u);
  }

  private text(maxBytes: number): string {
    let s = '';
    const n = this.int(0, 8);
    for (let i = 0; i < n; i++) {
      const next = s + this.pick(PIECES);
      if (Buffer.byteLength(next) > maxBytes) break;
      s = next;
    }
    return s;
  }

  /** A value for `codec`; successive calls on the same codec cycle through union arms and null/non-null. */
  sample(codec: Codec<unknown>, depth = 0): unknown {
    const visit = this.visits.get(codec) ?? 0;
    this.visits.set(codec, visit + 1);
    const shape = codec.shape;
    switch (shape.kind) {
      case 'int':
        return this.pick([0, 1, -1, 2147483647, -2147483648, this.int(-2147483648, 2147483647)]);
      case 'uint':
        return this.pick([0, 1, 0xffffffff, this.int(0, 0xffffffff)]);
      case 'hyper':
        return this.pick([0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), this.bigint(63)]);
      case 'uhyper':
        return this.pick([0n, 2n ** 64n - 1n, this.bigint(64)]);
      case 'double':
        return this.pick([0, 1.5, -1e300, Number.MAX_SAFE_INTEGER, (this.random() - 0.5) * 1e9]);
      case 'float':
        return Math.fround((this.random() - 0.5) * 1000);
      case 'bool':
        return this.random() < 0.5;
      case 'void':
        return null;
      case 'string':
        return this.text(shape.max);
      case 'opaque': {
        const n = Math.min(this.int(0, 9), shape.max);
        return Buffer.from(Array.from({ length: n }, () => this.int(0, 255)));
      }
      case 'fixedOpaque':
        return Buffer.from(Array.from({ length: shape.size }, () => this.int(0, 255)));
      case 'array': {
        const n = Math.min(depth > 4 ? 0 : this.int(0, 3), shape.max);
        return Array.from({ length: n }, () => this.sample(shape.item, depth + 1));
      }
      case 'fixedArray':
        return Array.from({ length: shape.size }, () => this.sample(shape.item, depth + 1));
      case 'optional': {
        const present = visit % 2 === 1 && depth <= 4;
        const states = this.optionalStates.get(codec) ?? new Set();
        states.add(present ? 'value' : 'null');
        this.optionalStates.set(codec, states);
        return present ? this.sample(shape.item, depth + 1) : null;
      }
      case 'struct': {
        const out: Record<string, unknown> = {};
        for (const [name, field] of Object.entries(shape.fields)) {
          out[name] = this.sample(field, depth + 1);
        }
        return out;
      }
      case 'union': {
        const tags = Object.keys(shape.arms).map(Number);
        const tag = tags[visit % tags.length];
        const arm = tag === undefined ? undefined : shape.arms[tag];
        if (tag === undefined || !arm) throw new Error('union without arms');
        const used = this.armsUsed.get(codec) ?? new Set();
        used.add(tag);
        this.armsUsed.set(codec, used);
        return { [shape.discriminant]: tag, [arm[0]]: this.sample(arm[1], depth + 1) };
      }
    }
  }
}

/** Every codec reachable from `roots` through their shapes. */
function reachableCodecs(roots: Iterable<Codec<unknown>>): Set<Codec<unknown>> {
  const seen = new Set<Codec<unknown>>();
  const visit = (codec: Codec<unknown>): void => {
    if (seen.has(codec)) return;
    seen.add(codec);
    const shape = codec.shape;
    switch (shape.kind) {
      case 'array':
      case 'fixedArray':
      case 'optional':
        visit(shape.item);
        return;
      case 'struct':
        for (const field of Object.values(shape.fields)) visit(field);
        return;
      case 'union':
        for (const arm of Object.values(shape.arms)) visit(arm[1]);
        return;
      default:
        return;
    }
  };
  for (const root of roots) visit(root);
  return seen;
}

function tableCodecs(): Codec<unknown>[] {
  const roots: Codec<unknown>[] = [];
  for (const p of Object.values(procedures)) roots.push(p.args, p.ret);
  for (const e of Object.values(eventMessages)) roots.push(e.msg);
  return roots;
}

function checkRoundTrip(codec: Codec<unknown>, value: unknown, label: string): void {
  const bytes = encodeXdr(codec, value);
  expect(bytes.length % 4, `${label}: length ${bytes.length}`).toBe(0);
  const decoded = decodeXdr(codec, bytes);
  expect(decoded, label).toEqual(value);
  expect(encodeXdr(codec, decoded).equals(bytes), `${label}: re-encoding`).toBe(true);
}

describe('every generated protocol type round-trips', () => {
  it('walks the procedure and event tables and finds the types they use', () => {
    const entries = Object.keys(procedures).length + Object.keys(eventMessages).length;
    const codecs = reachableCodecs(tableCodecs());
    expect(entries).toBeGreaterThan(90);
    expect(codecs.size).toBeGreaterThanOrEqual(entries);
    const kinds = new Set([...codecs].map((c) => c.shape.kind));
    // The generated table uses every shape kind except bool, float and variable opaque.
    for (const kind of ['int', 'uint', 'hyper', 'uhyper', 'double', 'void', 'string']) {
      expect(kinds, kind).toContain(kind);
    }
    for (const kind of ['fixedOpaque', 'array', 'fixedArray', 'optional', 'struct', 'union']) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it('each procedure argument / return and event payload, several samples each', () => {
    const builder = new SampleBuilder(prng(0x5eed));
    const tables: [string, Codec<unknown>][] = [];
    for (const [name, p] of Object.entries(procedures)) {
      tables.push([`${name}.args`, p.args], [`${name}.ret`, p.ret]);
    }
    for (const [name, e] of Object.entries(eventMessages)) tables.push([`${name}.msg`, e.msg]);
    for (const [label, codec] of tables) {
      for (let i = 0; i < 6; i++) checkRoundTrip(codec, builder.sample(codec), `${label} #${i}`);
    }
    // Distinct codecs a sample value was built for (and so encoded and decoded).
    const exercised = builder.visits.size;
    const entries = Object.keys(procedures).length + Object.keys(eventMessages).length;
    expect(exercised).toBeGreaterThanOrEqual(entries);
    // Almost all of what is reachable: an optional's or array's item can be missed by chance
    // here; the next test covers each codec on its own.
    expect(exercised).toBeGreaterThan(reachableCodecs(tableCodecs()).size * 0.9);
  });

  it('each reachable codec on its own, covering every union arm and both optional states', () => {
    const builder = new SampleBuilder(prng(42));
    const codecs = reachableCodecs(tableCodecs());
    let checked = 0;
    for (const codec of codecs) {
      const shape = codec.shape;
      const samples = shape.kind === 'union' ? Object.keys(shape.arms).length * 2 : 4;
      for (let i = 0; i < samples; i++) {
        checkRoundTrip(codec, builder.sample(codec), `${shape.kind} codec #${checked} sample ${i}`);
      }
      checked++;
    }
    expect(checked).toBe(codecs.size);
    for (const codec of codecs) expect(builder.visits.get(codec) ?? 0).toBeGreaterThan(0);
    expect(checked).toBeGreaterThanOrEqual(
      Object.keys(procedures).length + Object.keys(eventMessages).length,
    );

    const unions = [...codecs].filter((c) => c.shape.kind === 'union');
    expect(unions.length).toBeGreaterThan(0);
    for (const u of unions) {
      if (u.shape.kind !== 'union') continue;
      expect([...(builder.armsUsed.get(u) ?? [])].sort((a, b) => a - b)).toEqual(
        Object.keys(u.shape.arms)
          .map(Number)
          .sort((a, b) => a - b),
      );
    }
    const optionals = [...codecs].filter((c) => c.shape.kind === 'optional');
    expect(optionals.length).toBeGreaterThan(0);
    for (const o of optionals) {
      expect(builder.optionalStates.get(o)).toEqual(new Set(['null', 'value']));
    }
  });

  it('remote_typed_param_value: every arm has the documented wire form', () => {
    // The union used by CONNECT_GET_ALL_DOMAIN_STATS, checked by hand against remote_protocol.x.
    const ret = procedures.CONNECT_GET_ALL_DOMAIN_STATS.ret;
    const record = ret.shape.kind === 'struct' ? ret.shape.fields : {};
    expect(Object.keys(record)).toEqual(['retStats']);
    const value: XdrType<typeof ret> = {
      retStats: [
        {
          dom: { name: 'vm', uuid: Buffer.alloc(16, 0xab), id: 3 },
          params: [
            { field: 'state.state', value: { type: 1, i: 1 } },
            { field: 'u', value: { type: 2, ui: 0xfffffffe } },
            { field: 'cpu.time', value: { type: 3, l: -5n } },
            { field: 'balloon.current', value: { type: 4, ul: 2n ** 64n - 1n } },
            { field: 'x', value: { type: 5, d: 0.5 } },
            { field: 'b', value: { type: 6, b: 1 } },
            { field: 'y', value: { type: 7, s: 'ü' } },
          ],
        },
      ],
    };
    const bytes = encodeXdr(ret, value);
    const expected = hex(
      [
        '00000001', // one record
        '00000002 766d0000', // name "vm"
        'ab'.repeat(16), // uuid
        '00000003', // id
        '00000007', // seven params
        '0000000b 73746174652e7374617465 00', // "state.state"
        '00000001 00000001', // INT 1
        '00000001 75000000', // "u"
        '00000002 fffffffe', // UINT 0xfffffffe
        '00000008 6370752e74696d65', // "cpu.time"
        '00000003 fffffffffffffffb', // LLONG -5
        '0000000f 62616c6c6f6f6e2e63757272656e74 00', // "balloon.current"
        '00000004 ffffffffffffffff', // ULLONG 2^64-1
        '00000001 78000000', // "x"
        '00000005 3fe0000000000000', // DOUBLE 0.5
        '00000001 62000000', // "b"
        '00000006 00000001', // BOOLEAN 1
        '00000001 79000000', // "y"
        '00000007 00000002 c3bc0000', // STRING "ü"
      ].join(''),
    );
    expect(bytes.toString('hex')).toBe(expected.toString('hex'));
    expect(decodeXdr(ret, bytes)).toEqual(value);
  });
});
