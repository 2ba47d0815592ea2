/**
 * Where an appliance read's bytes come from, as the archive entries the format readers take: the
 * page's upload (an .ova or .box as is, or a tar the page made of an .ovf and its disks), a tar
 * on the host, or an .ovf on the host with the files it names beside it. Every byte read is
 * counted for the read job's progress.
 */
import { posix } from 'node:path';
import { invalidInput } from '../../../shared/inputChecks';
import { msg } from '../../../shared/messages/message';
import type { HostFiles } from '../../hosts/host';
import { hostFileEntry, readAtMost } from '../hostFile';
import { APPLIANCE_FIELD, type ArchiveEntries } from './applianceTypes';
import { ovfReferencedFiles } from './ovf';
import { gunzipIfNeeded, tarEntries } from './tarReader';

/** The most an .ovf descriptor may weigh (read whole): real ones are a few KiB. */
const MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024;

/** Yields `input`'s chunks, reporting the running byte count. */
export async function* counted(
  input: AsyncIterable<Buffer>,
  onBytes: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** The entries of a tar stream (gzip-compressed or not). */
export function archiveEntries(bytes: AsyncIterable<Buffer>): ArchiveEntries {
  return tarEntries(gunzipIfNeeded(bytes));
}

export interface HostOrigin {
  entries: ArchiveEntries;
  /** The bytes the read goes through (its progress's 100 %). */
  total: number;
}

/** A file on the host: a tar (.ova, .box), or an .ovf whose files are read from its folder. */
export async function hostOrigin(
  files: HostFiles,
  path: string,
  onBytes: (bytes: number) => void,
): Promise<HostOrigin> {
  const stat = await hostFileEntry(files, path, {
    field: APPLIANCE_FIELD,
    unreadable: (why) => msg('appliances.unreadable', { path, why }),
    notAFile: msg('appliances.notAFile', { path }),
  });
  if (!/\.ovf$/i.test(path)) {
    const stream = files.createReadStream(path) as AsyncIterable<Buffer>;
    return { entries: archiveEntries(counted(stream, onBytes)), total: stat.size };
  }
  const read = await readAtMost(files.createReadStream(path), MAX_DESCRIPTOR_BYTES);
  if (!read) {
    throw invalidInput(msg('appliances.descriptorTooLarge', { file: path }), APPLIANCE_FIELD);
  }
  const descriptor = read; // a Buffer from here on, also in the generator below
  const dir = posix.dirname(path);
  const base = posix.basename(path);
  // The manifest is <name>.mf beside the descriptor; the disks are what the OVF references.
  const names = [
    base.replace(/\.ovf$/i, '.mf'),
    ...ovfReferencedFiles(descriptor.toString('utf8')),
  ];
  const present: { name: string; size: number }[] = [];
  for (const name of new Set(names)) {
    // A name that climbs out of the folder is not the appliance's: treated as missing.
    if (name.includes('/') || name === '..') continue;
    const entry = await files.stat(posix.join(dir, name)).catch(() => undefined);
    if (entry && entry.type !== 'directory') present.push({ name, size: entry.size });
  }
  const total = descriptor.length + present.reduce((sum, f) => sum + f.size, 0);
  async function* entries(): ArchiveEntries {
    onBytes(descriptor.length);
    yield {
      entry: { name: base, size: descriptor.length, type: 'file' },
      body: (async function* () {
        yield descriptor;
      })(),
    };
    for (const file of present) {
      const stream = files.createReadStream(posix.join(dir, file.name));
      yield {
        entry: { name: file.name, size: file.size, type: 'file' },
        body: counted(stream as AsyncIterable<Buffer>, onBytes),
      };
      // A file the reader did not want (or left half read) is closed before the next.
      stream.destroy();
    }
  }
  return { entries: entries(), total };
}
