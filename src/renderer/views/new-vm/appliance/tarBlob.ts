/**
 * An .ovf and its disk files chosen on this computer, sent as one tar (descriptor first, as in an
 * OVA), so the backend reads a single stream whatever the user picked. The tar is a Blob of the
 * headers and the File objects themselves: nothing is read or copied into memory here.
 * Names that do not fit ustar's 100 ASCII bytes, and files of 8 GiB and more, get a pax header.
 */
const BLOCK = 512;
const encoder = new TextEncoder();

function writeText(header: Uint8Array, offset: number, length: number, text: string): void {
  header.set(encoder.encode(text).subarray(0, length), offset);
}

function octal(value: number, digits: number): string {
  return `${value.toString(8).padStart(digits, '0')}\0`;
}

function ustarHeader(name: string, size: number, type: '0' | 'x'): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(BLOCK);
  writeText(header, 0, 100, name);
  writeText(header, 100, 8, octal(0o644, 7));
  writeText(header, 108, 8, octal(0, 7));
  writeText(header, 116, 8, octal(0, 7));
  // Sizes that do not fit 11 octal digits travel in the pax header; the field says 0 then.
  writeText(header, 124, 12, octal(size < 8 * 1024 ** 3 ? size : 0, 11));
  writeText(header, 136, 12, octal(Math.floor(Date.now() / 1000), 11));
  writeText(header, 148, 8, '        ');
  writeText(header, 156, 1, type);
  writeText(header, 257, 6, 'ustar\0');
  writeText(header, 263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  writeText(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/** One pax record: "<length> <key>=<value>\n", the length counting itself. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  const restBytes = encoder.encode(rest).length;
  let length = restBytes + 1;
  while (String(length).length + restBytes !== length) length = String(length).length + restBytes;
  return `${length}${rest}`;
}

const padding = (size: number) => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

function plainName(name: string): boolean {
  return /^[\x20-\x7e]*$/.test(name) && name.length < 100;
}

/** The files as one tar, `first` leading (the descriptor). */
export function tarOf(files: readonly File[]): Blob {
  const parts: BlobPart[] = [];
  for (const file of files) {
    const records = [
      plainName(file.name) ? '' : paxRecord('path', file.name),
      file.size < 8 * 1024 ** 3 ? '' : paxRecord('size', String(file.size)),
    ].join('');
    if (records) {
      const body = new Uint8Array(encoder.encode(records));
      parts.push(ustarHeader('PaxHeader', body.length, 'x'), body, padding(body.length));
    }
    const shortName = plainName(file.name) ? file.name : file.name.replace(/[^\x20-\x7e]/g, '_');
    parts.push(ustarHeader(shortName.slice(0, 99), file.size, '0'), file, padding(file.size));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return new Blob(parts);
}

/**
 * What to send for the chosen files: a single .ova / .box as it is; an .ovf with the files it
 * came with as a tar, descriptor first and manifest next. Undefined when several files hold no
 * .ovf (nothing to read them by).
 */
export function applianceUpload(files: readonly File[]): { name: string; blob: Blob } | undefined {
  const descriptor = files.find((f) => /\.ovf$/i.test(f.name));
  if (files.length === 1 && !descriptor) return { name: files[0]!.name, blob: files[0]! };
  if (!descriptor) return undefined;
  const rank = (f: File) => (f === descriptor ? 0 : /\.mf$/i.test(f.name) ? 1 : 2);
  const ordered = [...files].sort((a, b) => rank(a) - rank(b));
  return { name: descriptor.name, blob: tarOf(ordered) };
}
