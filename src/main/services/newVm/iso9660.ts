/**
 * A small ISO 9660 reader: just enough to find one file by its path (e.g. `.disk/info`, which
 * Debian and Ubuntu media carry) when the host has no libosinfo to ask. It reads sectors through
 * `readAt` (a file on the host, or a pool's volume through libvirt), so only the primary volume
 * descriptor, the directories on the way and the file itself cross the link.
 *
 * Names: the Rock Ridge name (NM) when the image has one (mkisofs -R, xorriso, every distro
 * ISO), else the plain ISO 9660 identifier without its ";1" version (matched case-insensitively,
 * with the "_" that mkisofs puts for a leading dot, e.g. ".disk" stored as "_DISK").
 */

export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

const SECTOR = 2048;
const PVD_OFFSET = 16 * SECTOR;
/** The root directory record sits at byte 156 of the primary volume descriptor. */
const ROOT_RECORD = 156;
/** Directories and files bigger than this are not what we look for. */
const MAX_DIR_BYTES = 1024 * 1024;

export interface IsoDirEntry {
  name: string;
  /** The bare ISO 9660 identifier ("_DISK", "INFO.;1"), for images without Rock Ridge names. */
  isoName: string;
  lba: number;
  size: number;
  directory: boolean;
}

/** The Rock Ridge NM name in a record's system use area, if any (continued NM entries joined). */
function rockRidgeName(record: Buffer, start: number): string | undefined {
  let name: string | undefined;
  let at = start;
  while (at + 4 <= record.length) {
    const sig = record.toString('latin1', at, at + 2);
    const len = record[at + 2] ?? 0;
    if (len < 4 || at + len > record.length) break;
    if (sig === 'NM') {
      const flags = record[at + 4] ?? 0;
      // Flags 2 and 4 are "." and ".."; the name is the rest of the entry.
      if ((flags & 6) === 0) name = (name ?? '') + record.toString('utf8', at + 5, at + len);
    }
    at += len;
  }
  return name;
}

/** The entries of one directory extent ("." and ".." left out). */
export function parseDirectory(extent: Buffer): IsoDirEntry[] {
  const entries: IsoDirEntry[] = [];
  let at = 0;
  while (at < extent.length) {
    const len = extent[at] ?? 0;
    if (len === 0) {
      // Records never cross a sector: the rest of this sector is padding.
      at = (Math.floor(at / SECTOR) + 1) * SECTOR;
      continue;
    }
    const record = extent.subarray(at, at + len);
    at += len;
    if (record.length < 34) break;
    const nameLen = record[32] ?? 0;
    const idFirst = record[33] ?? 0;
    if (nameLen === 1 && (idFirst === 0 || idFirst === 1)) continue;
    const isoName = record.toString('latin1', 33, 33 + nameLen);
    // A padding byte follows an even-length identifier; the system use area comes next.
    const suStart = 33 + nameLen + (nameLen % 2 === 0 ? 1 : 0);
    entries.push({
      name: rockRidgeName(record, suStart) ?? plainName(isoName),
      isoName,
      lba: record.readUInt32LE(2),
      size: record.readUInt32LE(10),
      directory: ((record[25] ?? 0) & 2) !== 0,
    });
  }
  return entries;
}

function plainName(isoName: string): string {
  return isoName.replace(/;\d+$/, '').replace(/\.$/, '').toLowerCase();
}

function matches(entry: IsoDirEntry, wanted: string): boolean {
  if (entry.name === wanted) return true;
  const plain = plainName(entry.isoName);
  const w = wanted.toLowerCase();
  return plain === w || plain === w.replace(/^\./, '_');
}

/**
 * The bytes of the file at `path` ("/.disk/info") in the image, or undefined when the image is not
 * ISO 9660, the path is not there or the file is larger than `maxBytes`.
 */
export async function readIsoFile(
  readAt: ReadAt,
  path: string,
  maxBytes = 64 * 1024,
): Promise<Buffer | undefined> {
  const pvd = await readAt(PVD_OFFSET, SECTOR);
  if (pvd.length < SECTOR || pvd[0] !== 1 || pvd.toString('latin1', 1, 6) !== 'CD001') {
    return undefined;
  }
  const root = pvd.subarray(ROOT_RECORD, ROOT_RECORD + 34);
  let dir = { lba: root.readUInt32LE(2), size: root.readUInt32LE(10) };
  const parts = path.split('/').filter(Boolean);
  for (const [i, part] of parts.entries()) {
    if (dir.size > MAX_DIR_BYTES) return undefined;
    const entries = parseDirectory(await readAt(dir.lba * SECTOR, dir.size));
    const found = entries.find((e) => matches(e, part));
    if (!found) return undefined;
    const last = i === parts.length - 1;
    if (last) {
      if (found.directory || found.size > maxBytes) return undefined;
      return readAt(found.lba * SECTOR, found.size);
    }
    if (!found.directory) return undefined;
    dir = { lba: found.lba, size: found.size };
  }
  return undefined;
}
