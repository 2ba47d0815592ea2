import { createReadStream, createWriteStream, type Stats } from 'node:fs';
import { lstat, readdir, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { HostFileEntry, HostFiles } from './host';
import { OpenStreams } from './openStreams';

function entryFromStats(name: string, stats: Stats): HostFileEntry {
  const type = stats.isFile()
    ? 'file'
    : stats.isDirectory()
      ? 'directory'
      : stats.isSymbolicLink()
        ? 'symlink'
        : 'other';
  return { name, type, size: stats.size, mtimeMs: stats.mtimeMs };
}

/**
 * HostFiles on this machine's file system. Like SFTP, list() describes symlinks themselves and
 * stat() follows them. close() ends the streams still open.
 */
export function localFiles(): HostFiles {
  const streams = new OpenStreams();
  return {
    async list(dir) {
      const names = await readdir(dir);
      const entries = await Promise.all(
        names.map(async (name) => {
          try {
            return entryFromStats(name, await lstat(join(dir, name)));
          } catch {
            // Deleted between readdir and lstat: it is simply no longer there.
            return undefined;
          }
        }),
      );
      return entries.filter((e): e is HostFileEntry => e !== undefined);
    },
    async stat(path) {
      return entryFromStats(basename(path), await stat(path));
    },
    createReadStream: (path, range) => streams.keep(createReadStream(path, range)),
    createWriteStream: (path) => streams.keep(createWriteStream(path)),
    unlink: (path) => unlink(path),
    close() {
      streams.destroyAll();
    },
  };
}
