import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parsePpm, screenshotThumbnail } from '../../../src/main/services/snapshots/screenshotPng';

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
