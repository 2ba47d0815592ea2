/**
 * A cloud-init NoCloud seed: a small ISO 9660 image labelled "cidata" holding `user-data` and
 * `meta-data` (what `genisoimage -V cidata -J -r` makes). Written here, in memory, so that no
 * tool is needed on the host. Rock Ridge (the names Linux mounts, in lower case with their dash)
 * and Joliet (the names Windows reads, for cloudbase-init) both name the same file data; the
 * plain ISO 9660 names are the 8.3 upper-case forms ("USER_DAT.;1").
 *
 * Layout, one 2048-byte sector each unless said: 0-15 system area, 16 primary volume descriptor,
 * 17 Joliet supplementary descriptor, 18 terminator, 19-22 the two trees' path tables (little and
 * big endian), 23 the primary root directory, 24 the Joliet root, 25 the Rock Ridge continuation
 * area (its ER entry does not fit in the root's record), then each file's data.
 */

const SECTOR = 2048;

export interface SeedFile {
  /** The name cloud-init reads ("user-data"). */
  name: string;
  data: Buffer;
}

const LBA = {
  pvd: 16,
  joliet: 17,
  terminator: 18,
  pathL: 19,
  pathM: 20,
  jolietPathL: 21,
  jolietPathM: 22,
  root: 23,
  jolietRoot: 24,
  continuation: 25,
  firstFile: 26,
} as const;

function both16(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt16LE(n, 0);
  b.writeUInt16BE(n, 2);
  return b;
}

function both32(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(n, 0);
  b.writeUInt32BE(n, 4);
  return b;
}

/** A directory record's 7-byte date (years since 1900, ..., GMT offset 0). */
function recordDate(d: Date): Buffer {
  return Buffer.from([
    d.getUTCFullYear() - 1900,
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    0,
  ]);
}

/** A volume descriptor's 17-byte date ("YYYYMMDDHHMMSScc" and the GMT offset). */
function descriptorDate(d: Date | undefined): Buffer {
  const b = Buffer.alloc(17, 0);
  const digits = d ? d.toISOString().replace(/\D/g, '').slice(0, 14) + '00' : '0'.repeat(16);
  b.write(digits, 0, 'latin1');
  return b;
}

/** A System Use Sharing Protocol entry: signature, length, version 1, then its data. */
function susp(signature: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(signature, 'latin1'), Buffer.from([4 + data.length, 1]), data]);
}

/** Rock Ridge POSIX attributes (RRIP 1.10: mode, links, uid, gid). */
function px(mode: number, links: number): Buffer {
  return susp('PX', Buffer.concat([both32(mode), both32(links), both32(0), both32(0)]));
}

interface RecordSpec {
  /** The identifier's bytes: 0x00 for ".", 0x01 for "..", else the name. */
  id: Buffer;
  lba: number;
  size: number;
  directory: boolean;
  systemUse?: Buffer;
}

function directoryRecord(spec: RecordSpec, date: Date): Buffer {
  const idPad = spec.id.length % 2 === 0 ? 1 : 0;
  const systemUse = spec.systemUse ?? Buffer.alloc(0);
  let length = 33 + spec.id.length + idPad + systemUse.length;
  length += length % 2;
  if (length > 255) throw new Error('directory record too long');
  const r = Buffer.alloc(length);
  r[0] = length;
  both32(spec.lba).copy(r, 2);
  both32(spec.size).copy(r, 10);
  recordDate(date).copy(r, 18);
  r[25] = spec.directory ? 2 : 0;
  both16(1).copy(r, 28);
  r[32] = spec.id.length;
  spec.id.copy(r, 33);
  systemUse.copy(r, 33 + spec.id.length + idPad);
  return r;
}

/** "user-data" as an ISO 9660 level 1 file identifier: "USER_DAT.;1". */
function isoIdentifier(name: string): string {
  const [base = '', ext = ''] = name
    .toUpperCase()
    .replace(/[^A-Z0-9.]/g, '_')
    .split('.');
  return `${base.slice(0, 8)}.${ext.slice(0, 3)};1`;
}

function ucs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** A text field padded with spaces (ASCII or UCS-2 big endian). */
function padded(text: string, length: number, joliet: boolean): Buffer {
  const b = joliet ? Buffer.alloc(length) : Buffer.alloc(length, 0x20);
  if (joliet) for (let i = 0; i + 1 < length; i += 2) b.writeUInt16BE(0x20, i);
  (joliet ? ucs2(text) : Buffer.from(text, 'latin1')).subarray(0, length).copy(b);
  return b;
}

function volumeDescriptor(
  kind: 'primary' | 'joliet',
  label: string,
  totalSectors: number,
  rootRecord: Buffer,
  paths: { l: number; m: number },
  date: Date,
): Buffer {
  const joliet = kind === 'joliet';
  const d = Buffer.alloc(SECTOR);
  d[0] = joliet ? 2 : 1;
  d.write('CD001', 1, 'latin1');
  d[6] = 1;
  padded('LINUX', 32, joliet).copy(d, 8);
  padded(label, 32, joliet).copy(d, 40);
  both32(totalSectors).copy(d, 80);
  // UCS-2 level 3: Joliet's escape sequence.
  if (joliet) d.write('%/E', 88, 'latin1');
  both16(1).copy(d, 120);
  both16(1).copy(d, 124);
  both16(SECTOR).copy(d, 128);
  both32(PATH_TABLE_BYTES).copy(d, 132);
  d.writeUInt32LE(paths.l, 140);
  d.writeUInt32BE(paths.m, 148);
  rootRecord.copy(d, 156);
  padded('', 128, joliet).copy(d, 190);
  padded('', 128, joliet).copy(d, 318);
  padded('', 128, joliet).copy(d, 446);
  padded('VIRTDECK', 128, joliet).copy(d, 574);
  padded('', 37, joliet).copy(d, 702);
  padded('', 37, joliet).copy(d, 739);
  padded('', 37, joliet).copy(d, 776);
  descriptorDate(date).copy(d, 813);
  descriptorDate(date).copy(d, 830);
  descriptorDate(undefined).copy(d, 847);
  descriptorDate(date).copy(d, 864);
  d[881] = 1;
  return d;
}

/** One root-only path table: a single 10-byte entry. */
const PATH_TABLE_BYTES = 10;

function pathTable(rootLba: number, bigEndian: boolean): Buffer {
  const t = Buffer.alloc(SECTOR);
  t[0] = 1;
  if (bigEndian) {
    t.writeUInt32BE(rootLba, 2);
    t.writeUInt16BE(1, 6);
  } else {
    t.writeUInt32LE(rootLba, 2);
    t.writeUInt16LE(1, 6);
  }
  return t;
}

const ER_ID = 'RRIP_1991A';
const ER_DESCRIPTION =
  'THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS';
const ER_SOURCE =
  'PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.';

/** The ER entry naming Rock Ridge, kept in the continuation area the root's CE points to. */
function erEntry(): Buffer {
  const head = Buffer.from([ER_ID.length, ER_DESCRIPTION.length, ER_SOURCE.length, 1]);
  return susp('ER', Buffer.concat([head, Buffer.from(ER_ID + ER_DESCRIPTION + ER_SOURCE)]));
}

function directoryExtent(records: Buffer[]): Buffer {
  const extent = Buffer.alloc(SECTOR);
  let at = 0;
  for (const r of records) {
    r.copy(extent, at);
    at += r.length;
  }
  if (at > SECTOR) throw new Error('seed directory larger than one sector');
  return extent;
}

/** The seed image's bytes: `files` in the root directory of a volume labelled `label`. */
export function buildSeedIso(files: SeedFile[], label = 'cidata', date = new Date()): Buffer {
  const sorted = [...files].sort((a, b) =>
    isoIdentifier(a.name).localeCompare(isoIdentifier(b.name)),
  );
  const placed: (SeedFile & { lba: number })[] = [];
  let next: number = LBA.firstFile;
  for (const file of sorted) {
    placed.push({ ...file, lba: next });
    next += Math.max(1, Math.ceil(file.data.length / SECTOR));
  }
  const totalSectors = next;
  const er = erEntry();
  const ce = susp('CE', Buffer.concat([both32(LBA.continuation), both32(0), both32(er.length)]));
  const sp = susp('SP', Buffer.from([0xbe, 0xef, 0]));
  const dirMode = 0o40555;
  const fileMode = 0o100444;
  const self = (lba: number, systemUse?: Buffer): RecordSpec => ({
    id: Buffer.from([0]),
    lba,
    size: SECTOR,
    directory: true,
    systemUse,
  });
  const parent = (lba: number, systemUse?: Buffer): RecordSpec => ({
    ...self(lba, systemUse),
    id: Buffer.from([1]),
  });

  const rootRecords = [
    directoryRecord(self(LBA.root, Buffer.concat([sp, px(dirMode, 2), ce])), date),
    directoryRecord(parent(LBA.root, px(dirMode, 2)), date),
    ...placed.map((f) =>
      directoryRecord(
        {
          id: Buffer.from(isoIdentifier(f.name), 'latin1'),
          lba: f.lba,
          size: f.data.length,
          directory: false,
          systemUse: Buffer.concat([
            px(fileMode, 1),
            susp('NM', Buffer.concat([Buffer.from([0]), Buffer.from(f.name, 'utf8')])),
          ]),
        },
        date,
      ),
    ),
  ];
  const jolietSorted = [...placed].sort((a, b) => ucs2(a.name).compare(ucs2(b.name)));
  const jolietRecords = [
    directoryRecord(self(LBA.jolietRoot), date),
    directoryRecord(parent(LBA.jolietRoot), date),
    ...jolietSorted.map((f) =>
      directoryRecord(
        { id: ucs2(f.name), lba: f.lba, size: f.data.length, directory: false },
        date,
      ),
    ),
  ];

  const image = Buffer.alloc(totalSectors * SECTOR);
  const put = (lba: number, bytes: Buffer) => bytes.copy(image, lba * SECTOR);
  // The descriptor's copy of the root record carries no system use area (34 bytes exactly).
  put(
    LBA.pvd,
    volumeDescriptor(
      'primary',
      label,
      totalSectors,
      directoryRecord(self(LBA.root), date),
      { l: LBA.pathL, m: LBA.pathM },
      date,
    ),
  );
  put(
    LBA.joliet,
    volumeDescriptor(
      'joliet',
      label,
      totalSectors,
      directoryRecord(self(LBA.jolietRoot), date),
      { l: LBA.jolietPathL, m: LBA.jolietPathM },
      date,
    ),
  );
  const terminator = Buffer.alloc(SECTOR);
  terminator[0] = 255;
  terminator.write('CD001', 1, 'latin1');
  terminator[6] = 1;
  put(LBA.terminator, terminator);
  put(LBA.pathL, pathTable(LBA.root, false));
  put(LBA.pathM, pathTable(LBA.root, true));
  put(LBA.jolietPathL, pathTable(LBA.jolietRoot, false));
  put(LBA.jolietPathM, pathTable(LBA.jolietRoot, true));
  put(LBA.root, directoryExtent(rootRecords));
  put(LBA.jolietRoot, directoryExtent(jolietRecords));
  put(LBA.continuation, er);
  for (const f of placed) put(f.lba, f.data);
  return image;
}
