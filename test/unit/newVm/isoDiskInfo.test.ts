/**
 * OS detection from the media's own `.disk/info` (when the host has no osinfo-detect): the lines
 * Debian, Ubuntu and Mint media carry, mapped to osinfo ids the catalogue knows; and the ISO 9660
 * directory records the reader walks to find the file (Rock Ridge names, plain ISO names).
 */
import { describe, expect, it } from 'vitest';
import type { OsEntry } from '../../../src/shared/api/newVmTypes';
import { osFromDiskInfo } from '../../../src/main/services/newVm/isoMedia';
import { parseDirectory } from '../../../src/main/services/newVm/iso9660';

const known: OsEntry[] = [
  'debian12',
  'debian11',
  'ubuntu24.04',
  'ubuntu22.04',
  'linuxmint21.3',
].map((shortId) => ({ shortId, name: shortId, source: 'osinfo-db' }));

describe('osFromDiskInfo', () => {
  it.each([
    ['Debian GNU/Linux 12.5.0 "Bookworm" - Official amd64 DVD Binary-1 20240210-11:28', 'debian12'],
    ['Debian GNU/Linux 11.9.0 "Bullseye" - Official amd64 NETINST 20240210-11:27\n', 'debian11'],
    ['Ubuntu 24.04 LTS "Noble Numbat" - Release amd64 (20240424)', 'ubuntu24.04'],
    ['Ubuntu-Server 22.04.4 LTS "Jammy Jellyfish" - Release amd64 (20240220)', 'ubuntu22.04'],
    ['Linux Mint 21.3 "Virginia" - Release amd64 20240118', 'linuxmint21.3'],
  ])('%s -> %s', (line, id) => {
    expect(osFromDiskInfo(line, known)).toBe(id);
  });

  it('an OS the catalogue lacks, or a line of no known family, detects nothing', () => {
    expect(osFromDiskInfo('Debian GNU/Linux 13.0.0 "Trixie" - Official amd64', known)).toBe(
      undefined,
    );
    expect(osFromDiskInfo('Kali GNU/Linux Rolling "kali-rolling" - Official amd64', known)).toBe(
      undefined,
    );
  });
});

/** One directory record: identifier, extent, size, flags and an optional Rock Ridge NM entry. */
function record(isoName: string, lba: number, size: number, dir: boolean, rrName?: string) {
  const id =
    isoName === '\0' || isoName === '\u0001'
      ? Buffer.from(isoName, 'latin1')
      : Buffer.from(isoName);
  const pad = id.length % 2 === 0 ? 1 : 0;
  const nm = rrName
    ? Buffer.concat([
        Buffer.from([0x4e, 0x4d, 5 + Buffer.byteLength(rrName), 1, 0]),
        Buffer.from(rrName),
      ])
    : Buffer.alloc(0);
  let len = 33 + id.length + pad + nm.length;
  len += len % 2;
  const r = Buffer.alloc(len);
  r[0] = len;
  r.writeUInt32LE(lba, 2);
  r.writeUInt32BE(lba, 6);
  r.writeUInt32LE(size, 10);
  r.writeUInt32BE(size, 14);
  r[25] = dir ? 2 : 0;
  r[32] = id.length;
  id.copy(r, 33);
  nm.copy(r, 33 + id.length + pad);
  return r;
}

describe('parseDirectory', () => {
  it('reads Rock Ridge names, plain names, skips "." and "..", and steps over sector padding', () => {
    const first = Buffer.concat([
      record('\0', 20, 2048, true),
      record('\u0001', 20, 2048, true),
      record('_DISK', 30, 2048, true, '.disk'),
      record('README.TXT;1', 31, 42, false),
    ]);
    const extent = Buffer.alloc(4096);
    first.copy(extent, 0);
    record('ISOLINUX', 40, 2048, true, 'isolinux').copy(extent, 2048);
    expect(parseDirectory(extent)).toEqual([
      { name: '.disk', isoName: '_DISK', lba: 30, size: 2048, directory: true },
      { name: 'readme.txt', isoName: 'README.TXT;1', lba: 31, size: 42, directory: false },
      { name: 'isolinux', isoName: 'ISOLINUX', lba: 40, size: 2048, directory: true },
    ]);
  });
});
