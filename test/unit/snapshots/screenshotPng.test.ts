import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  parsePpm,
  parseScreenshot,
  screenshotThumbnail,
} from '../../../src/main/services/snapshots/screenshotPng';

/** A P6 image whose left half is red and right half blue, as QEMU's screendump writes it. */
function ppm(width: number, height: number): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rgb.set(x < width / 2 ? [255, 0, 0] : [0, 0, 255], (y * width + x) * 3);
    }
  }
  return Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`), rgb]);
}

/** Reads a PNG by the spec, independently of the encoder: chunks, CRCs, IHDR, pixels. */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const chunks: { type: string; body: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const body = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, body });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0]!.body;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect([ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([8, 2, 0, 0, 0]);
  const raw = inflateSync(chunks[1]!.body);
  expect(raw.length).toBe((width * 3 + 1) * height);
  const pixel = (x: number, y: number) => {
    expect(raw[y * (width * 3 + 1)]).toBe(0);
    const i = y * (width * 3 + 1) + 1 + x * 3;
    return [raw[i], raw[i + 1], raw[i + 2]];
  };
  return { width, height, pixel };
}

describe('screenshot thumbnails', () => {
  it('turns a 720x400 PPM into a 160 px wide PNG with the same picture', () => {
    const png = readPng(screenshotThumbnail(ppm(720, 400)));
    expect([png.width, png.height]).toEqual([160, 89]);
    expect(png.pixel(10, 40)).toEqual([255, 0, 0]);
    expect(png.pixel(150, 80)).toEqual([0, 0, 255]);
  });

  it('keeps a small screen at its size, and reads comments in the header', () => {
    const withComment = Buffer.concat([
      Buffer.from('P6\n# qemu\n4 2\n255\n'),
      ppm(4, 2).subarray(11),
    ]);
    const png = readPng(screenshotThumbnail(withComment));
    expect([png.width, png.height]).toEqual([4, 2]);
    expect(png.pixel(3, 1)).toEqual([0, 0, 255]);
  });

  it('refuses what is not a binary 8-bit PPM', () => {
    expect(() => parsePpm(Buffer.from('\x89PNG....'))).toThrow(/PPM/);
    expect(() => parsePpm(Buffer.from('P6\n4 2\n255\n\x00\x00'))).toThrow(/cut short/);
  });
});

/** A PNG as QEMU may write it: each row under another of the five filters, by the spec. */
function filteredPng(width: number, height: number, rgb: Buffer, channels: 3 | 4): Buffer {
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let p = 0; p < width * height; p++) {
    rgb.copy(pixels, p * channels, p * 3, p * 3 + 3);
    if (channels === 4) pixels[p * 4 + 3] = 255;
  }
  const at = (y: number, i: number) => (y >= 0 && i >= 0 ? pixels[y * stride + i]! : 0);
  const paeth = (a: number, b: number, c: number) => {
    const p = a + b - c;
    const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  };
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const [a, b, c] = [at(y, i - channels), at(y - 1, i), at(y - 1, i - channels)];
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!;
      raw[y * (stride + 1) + 1 + i] = (pixels[y * stride + i]! - predicted) & 0xff;
    }
  }
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, channels === 3 ? 2 : 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('PNG screenshots (libvirt 9+ with QEMU 7.1+)', () => {
  it('reads every row filter, RGB and RGBA, back to the same pixels', () => {
    const [width, height] = [7, 10];
    const rgb = Buffer.alloc(width * height * 3);
    for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 37 + ((i / 5) | 0) * 11) & 0xff;
    for (const channels of [3, 4] as const) {
      expect(parseScreenshot(filteredPng(width, height, rgb, channels))).toEqual({
        width,
        height,
        rgb,
      });
    }
  });
});
