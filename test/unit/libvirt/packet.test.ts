import { describe, expect, it } from 'vitest';
import { VirtdeckError } from '../../../src/shared/errors';
import {
  HEADER_BYTES,
  KEEPALIVE_PROGRAM,
  MAX_PACKET_BYTES,
  MessageStatus,
  MessageType,
  PacketReader,
  SSH_PACKET_BYTES,
  STREAM_CHUNK_BYTES,
  encodePacket,
  encodePacketPieces,
  type Packet,
  type PacketHeader,
} from '../../../src/main/libvirt/rpc/packet';

const header = (over: Partial<PacketHeader> = {}): PacketHeader => ({
  prog: 0x20008086,
  vers: 1,
  proc: 66,
  type: MessageType.Call,
  serial: 1,
  status: MessageStatus.Ok,
  ...over,
});

/** Packets as plain data, so that views into different buffers compare equal. */
const plain = (packets: Packet[]) =>
  packets.map((p) => ({ header: { ...p.header }, body: p.body.toString('hex') }));

function samplePackets(count: number): { packets: Packet[]; wire: Buffer } {
  const packets: Packet[] = [];
  for (let i = 0; i < count; i++) {
    const body = Buffer.alloc((i * 7) % 41, i & 0xff);
    packets.push({
      header: header({ serial: i + 1, proc: 100 + i, type: i % 4, status: i % 3 }),
      body,
    });
  }
  const wire = Buffer.concat(packets.map((p) => encodePacket(p.header, p.body)));
  return { packets, wire };
}

function expectProtocolError(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(VirtdeckError);
  expect((caught as VirtdeckError).code).toBe('protocol');
  expect((caught as VirtdeckError).message).toMatch(message);
}

describe('encodePacket', () => {
  it('lays out the length word and the six header fields big-endian, then the body', () => {
    const packet = encodePacket(
      {
        prog: 0x20008086,
        vers: 1,
        proc: 344,
        type: MessageType.Stream,
        serial: 0xdeadbeef,
        status: MessageStatus.Continue,
      },
      Buffer.from([0xaa, 0xbb, 0xcc]),
    );
    expect([...packet]).toEqual([
      // length: 28 + 3 = 31
      0x00, 0x00, 0x00, 0x1f,
      // program 0x20008086
      0x20, 0x00, 0x80, 0x86,
      // version 1
      0x00, 0x00, 0x00, 0x01,
      // procedure 344 = 0x158
      0x00, 0x00, 0x01, 0x58,
      // type STREAM = 3
      0x00, 0x00, 0x00, 0x03,
      // serial
      0xde, 0xad, 0xbe, 0xef,
      // status CONTINUE = 2
      0x00, 0x00, 0x00, 0x02,
      // body, unpadded (stream data is raw bytes)
      0xaa, 0xbb, 0xcc,
    ]);
  });

  it('a packet without a body is exactly the 28-byte header', () => {
    const packet = encodePacket({
      prog: KEEPALIVE_PROGRAM,
      vers: 1,
      proc: 2,
      type: MessageType.Message,
      serial: 0,
      status: MessageStatus.Ok,
    });
    expect(packet.toString('hex')).toBe(
      '0000001c' + '6b656570' + '00000001' + '00000002' + '00000002' + '00000000' + '00000000',
    );
    expect(HEADER_BYTES).toBe(28);
  });

  it('matches the constants of virnetprotocol.x', () => {
    expect(MessageType).toEqual({
      Call: 0,
      Reply: 1,
      Message: 2,
      Stream: 3,
      CallWithFds: 4,
      ReplyWithFds: 5,
      StreamHole: 6,
    });
    expect(MessageStatus).toEqual({ Ok: 0, Error: 1, Continue: 2 });
    // VIR_NET_MESSAGE_MAX + VIR_NET_MESSAGE_LEN_MAX; stream data within
    // VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX, a packet with its header exactly 8 SSH packets.
    expect(MAX_PACKET_BYTES).toBe(33554432 + 4);
    expect(STREAM_CHUNK_BYTES).toBeLessThanOrEqual(262120);
    expect((STREAM_CHUNK_BYTES + HEADER_BYTES) % SSH_PACKET_BYTES).toBe(0);
  });
});

describe('encodePacketPieces', () => {
  it('is the whole packet in one piece for a small body', () => {
    const body = Buffer.alloc(100, 3);
    const { head, tail } = encodePacketPieces(header(), body);
    expect(tail).toBeUndefined();
    expect(head.equals(encodePacket(header(), body))).toBe(true);
  });

  it('puts the header and one SSH packet of body first, the rest as a view of the body', () => {
    const body = Buffer.from(Array.from({ length: STREAM_CHUNK_BYTES }, (_, i) => i % 251));
    const { head, tail } = encodePacketPieces(header(), body);
    expect(head.length).toBe(SSH_PACKET_BYTES);
    expect(tail?.buffer).toBe(body.buffer);
    const joined = Buffer.concat([head, tail ?? Buffer.alloc(0)]);
    expect(joined.equals(encodePacket(header(), body))).toBe(true);
    expect(new PacketReader().push(joined)[0]?.body.equals(body)).toBe(true);
  });
});

describe('PacketReader', () => {
  it('reads one packet', () => {
    const reader = new PacketReader();
    const got = reader.push(encodePacket(header({ serial: 9 }), Buffer.from('abcd')));
    expect(plain(got)).toEqual([{ header: header({ serial: 9 }), body: '61626364' }]);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('reads several packets joined in one chunk, in order', () => {
    const { packets, wire } = samplePackets(10);
    const reader = new PacketReader();
    expect(plain(reader.push(wire))).toEqual(plain(packets));
    expect(reader.bufferedBytes).toBe(0);
  });

  it('reads a packet split at every byte position', () => {
    const wire = encodePacket(header({ serial: 77, proc: -5 }), Buffer.from('hello, world'));
    for (let cut = 0; cut <= wire.length; cut++) {
      const reader = new PacketReader();
      const first = reader.push(wire.subarray(0, cut));
      const second = reader.push(wire.subarray(cut));
      const all = [...first, ...second];
      expect(all, `cut at ${cut}`).toHaveLength(1);
      expect(cut === wire.length ? first : second).toHaveLength(1);
      expect(plain(all)[0]).toEqual({
        header: header({ serial: 77, proc: -5 }),
        body: Buffer.from('hello, world').toString('hex'),
      });
      expect(reader.bufferedBytes).toBe(0);
    }
  });

  it('reads two packets split at every byte position', () => {
    const { packets, wire } = samplePackets(2);
    for (let cut = 0; cut <= wire.length; cut++) {
      const reader = new PacketReader();
      const all = [...reader.push(wire.subarray(0, cut)), ...reader.push(wire.subarray(cut))];
      expect(plain(all), `cut at ${cut}`).toEqual(plain(packets));
    }
  });

  it('reads many packets fed one byte at a time', () => {
    const { packets, wire } = samplePackets(40);
    const reader = new PacketReader();
    const got: Packet[] = [];
    for (let i = 0; i < wire.length; i++) {
      // A fresh one-byte buffer each time, overwritten afterwards: the reader must keep its own copy.
      const byte = Buffer.from([wire[i] ?? 0]);
      got.push(...reader.push(byte));
      byte[0] = 0xff;
    }
    expect(plain(got)).toEqual(plain(packets));
    expect(reader.bufferedBytes).toBe(0);
  });

  it('keeps the partial tail across pushes and reports it', () => {
    const wire = encodePacket(header(), Buffer.alloc(100, 1));
    const reader = new PacketReader();
    expect(reader.push(wire.subarray(0, 3))).toEqual([]);
    expect(reader.bufferedBytes).toBe(3);
    expect(reader.push(wire.subarray(3, 60))).toEqual([]);
    expect(reader.bufferedBytes).toBe(60);
    expect(reader.push(wire.subarray(60))).toHaveLength(1);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('reads a 1 MB body, whole and in 64 KiB chunks', () => {
    const body = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = (i * 31 + (i >> 8)) & 0xff;
    const wire = encodePacket(header({ type: MessageType.Reply, serial: 5 }), body);
    expect(wire.readUInt32BE(0)).toBe(28 + 1024 * 1024);

    const whole = new PacketReader().push(wire);
    expect(whole).toHaveLength(1);
    expect(whole[0]?.body.equals(body)).toBe(true);

    const reader = new PacketReader();
    const got: Packet[] = [];
    for (let offset = 0; offset < wire.length; offset += 65536) {
      got.push(...reader.push(wire.subarray(offset, offset + 65536)));
    }
    expect(got).toHaveLength(1);
    expect(got[0]?.header.serial).toBe(5);
    expect(got[0]?.body.equals(body)).toBe(true);
  });

  it('accepts the largest legal packet length without data yet', () => {
    const reader = new PacketReader();
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(MAX_PACKET_BYTES);
    expect(reader.push(prefix)).toEqual([]);
    expect(reader.bufferedBytes).toBe(4);
  });

  it('refuses impossible lengths with a protocol error', () => {
    for (const length of [0, 4, 27, MAX_PACKET_BYTES + 1, 0xffffffff]) {
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(length);
      expectProtocolError(() => new PacketReader().push(prefix), new RegExp(`length ${length}`));
    }
  });

  it('refuses an impossible length that follows a good packet in the same chunk', () => {
    const good = encodePacket(header());
    const bad = Buffer.from([0, 0, 0, 5, 0, 0, 0, 0]);
    expectProtocolError(() => new PacketReader().push(Buffer.concat([good, bad])), /length 5/);
  });
});
