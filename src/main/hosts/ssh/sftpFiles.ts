import { posix } from 'node:path';
import type { Attributes, FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import type { HostFileEntry, HostFiles } from '../host';
import { OpenStreams } from '../openStreams';
import type { SshSession } from './sshSession';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

export function entryFromAttributes(name: string, attrs: Attributes): HostFileEntry {
  const format = attrs.mode & S_IFMT;
  const type =
    format === S_IFREG
      ? 'file'
      : format === S_IFDIR
        ? 'directory'
        : format === S_IFLNK
          ? 'symlink'
          : 'other';
  return { name, type, size: attrs.size, mtimeMs: attrs.mtime * 1000 };
}

/** SFTP status codes as the errno names node:fs uses, so callers handle both hosts alike. */
const STATUS_TO_ERRNO: Record<number, string> = { 2: 'ENOENT', 3: 'EACCES', 4: 'EIO' };

function fsError(err: Error & { code?: unknown }, op: string, path: string): Error {
  const code = typeof err.code === 'number' ? (STATUS_TO_ERRNO[err.code] ?? 'EIO') : 'EIO';
  return Object.assign(new Error(`${op} ${path}: ${err.message}`, { cause: err }), { code });
}

/** HostFiles over one SFTP session; close() ends the session. */
export function sftpFiles(session: SshSession, sftp: SFTPWrapper): HostFiles {
  const streams = new OpenStreams();
  const untrack = session.track({
    abort: (err, alive) => {
      streams.destroyAll(err);
      if (alive) sftp.end();
    },
  });
  let ended = false;
  sftp.once('close', () => {
    ended = true;
    untrack();
  });

  const call = <T>(
    op: string,
    path: string,
    run: (cb: (err: Error | null | undefined, value: T) => void) => void,
  ) =>
    new Promise<T>((resolve, reject) => {
      // ssh2 never answers a request made on a session that has already ended.
      if (session.dropped || ended) {
        reject(session.dropped ?? fsError(new Error('the SFTP session is closed'), op, path));
        return;
      }
      run((err, value) =>
        err ? reject(session.dropped ?? fsError(err, op, path)) : resolve(value),
      );
    });
  return {
    async list(dir) {
      const entries = await call<FileEntryWithStats[]>('list', dir, (cb) => sftp.readdir(dir, cb));
      return entries
        .filter((e) => e.filename !== '.' && e.filename !== '..')
        .map((e) => entryFromAttributes(e.filename, e.attrs));
    },
    async stat(path) {
      const attrs = await call<Stats>('stat', path, (cb) => sftp.stat(path, cb));
      return entryFromAttributes(posix.basename(path), attrs);
    },
    createReadStream: (path, range) => streams.keep(sftp.createReadStream(path, range)),
    createWriteStream: (path) => streams.keep(sftp.createWriteStream(path)),
    unlink: (path) =>
      call<void>('unlink', path, (cb) => sftp.unlink(path, (err) => cb(err, undefined))),
    close() {
      streams.destroyAll();
      sftp.end();
    },
  };
}
