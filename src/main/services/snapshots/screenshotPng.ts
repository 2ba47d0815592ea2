/**
 * libvirt's QEMU screenshot to a small PNG, in plain TypeScript over node:zlib: a thumbnail needs
 * no image library, and no native dependency ships with the app. QEMU writes binary PPM ("P6");
 * libvirt 9 and later ask QEMU 7.1 and later for PNG instead, so both are read.
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export interface RgbImage {
  width: number;
  height: number;
  /** 3 bytes per pixel, rows top to bottom. */
  rgb: Buffer;
}

/** Reads a binary PPM (P6, maxval up to 255, as QEMU writes it). */
export function parsePpm(data: Buffer): RgbImage {
  // The header is four whitespace-separated tokens (comments allowed), then one whitespace byte.
  const tokens: string[] = [];
  let at = 0;
  while (tokens.length < 4 && at < data.length) {
    const c = data[at]!;
    if (c === 0x23 /* # */) {
      while (at < data.length && data[at] !== 0x0a) at++;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      at++;
    } else {
      const start = at;
      while (at < data.length && ![0x20, 0x0a, 0x0d, 0x09].includes(data[at]!)) at++;
      tokens.push(data.subarray(start, at).toString('latin1'));
    }
  }
  const [magic, w, h, max] = tokens;
  const width = Number(w);
  const height = Number(h);
  if (magic !== 'P6' || !(width > 0) || !(height > 0) || Number(max) !== 255) {
    throw new Error('not a binary PPM screenshot with 8-bit samples');
  }
  const rgb = data.subarray(at + 1, at + 1 + width * height * 3);
  if (rgb.length !== width * height * 3) throw new Error('PPM screenshot is cut short');
  return { width, height, rgb };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG filter's predictor (Paeth), from the left, up and upper-left bytes. */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reads an 8-bit RGB or RGBA, non-interlaced PNG (what QEMU's screendump writes). */
export function parsePng(data: Buffer): RgbImage {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= data.length;) {
    const length = data.readUInt32BE(at);
    const type = data.subarray(at + 4, at + 8).toString('latin1');
    const body = data.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      channels = colour === 2 ? 3 : colour === 6 ? 4 : 0;
      if (depth !== 8 || !channels || interlace !== 0) {
        throw new Error('PNG screenshot of an unsupported kind');
      }
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (!width || raw.length < (stride + 1) * height) throw new Error('PNG screenshot is cut short');
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? 0];
      if (predicted === undefined) throw new Error('PNG screenshot with an unknown filter');
      pixels[y * stride + i] = (line[i]! + predicted) & 0xff;
    }
  }
  if (channels === 3) return { width, height, rgb: pixels };
  const rgb = Buffer.alloc(width * height * 3);
  for (let p = 0; p < width * height; p++) pixels.copy(rgb, p * 3, p * 4, p * 4 + 3);
  return { width, height, rgb };
}

/** A screenshot as libvirt gives it, PPM or PNG. */
export function parseScreenshot(data: Buffer): RgbImage {
  return data.subarray(0, 8).equals(PNG_SIGNATURE) ? parsePng(data) : parsePpm(data);
}

/** Scales down to `width` pixels wide (never up), each output pixel the mean of its source box. */
export function scaleDown(image: RgbImage, width: number): RgbImage {
  if (image.width <= width) return image;
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * image.width) / width));
      const sum = [0, 0, 0];
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * image.width + sx) * 3;
          for (let c = 0; c < 3; c++) sum[c]! += image.rgb[i + c]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = Math.round(sum[c]! / n);
    }
  }
  return { width, height, rgb: out };
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/** An 8-bit RGB PNG of the image (no filtering: a thumbnail is small). */
export function encodePng(image: RgbImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  const stride = image.width * 3;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) {
    // Each row starts with its filter type, 0 (none).
    image.rgb.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A screenshot as the thumbnail kept with a snapshot: PNG, `width` pixels wide at most. */
export function screenshotThumbnail(screenshot: Buffer, width = 160): Buffer {
  return encodePng(scaleDown(parseScreenshot(screenshot), width));
}
