import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { matchPattern } from './sshPattern';

/** Where ssh_config's Include finds its files; the real file system unless a test says otherwise. */
export interface ConfigFiles {
  /** Relative Include paths start here: ~/.ssh for the user's config, as OpenSSH does. */
  includeDir: string;
  /** The file's text, or null when it cannot be read. */
  read(path: string): string | null;
  /** The names in a directory (not . and ..), [] when it cannot be listed. */
  list(dir: string): string[];
}

export function realConfigFiles(home: string): ConfigFiles {
  return {
    includeDir: join(home, '.ssh'),
    read: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
    list: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
  };
}

/**
 * The files one Include argument names, as OpenSSH's glob(3) call finds them: ~ expanded, a
 * relative path taken from `includeDir`, `*` and `?` in any path segment (never matching a leading
 * dot), sorted. A pattern that matches nothing is no error (ssh only logs it).
 */
export function includedPaths(argument: string, home: string, files: ConfigFiles): string[] {
  let path = argument;
  if (path === '~' || path.startsWith('~/')) path = home + path.slice(1);
  else if (!isAbsolute(path)) path = join(files.includeDir, path);
  const segments = path.split('/').filter((s) => s !== '');
  let found = ['/'];
  for (const segment of segments) {
    const next: string[] = [];
    for (const dir of found) {
      if (!/[*?]/.test(segment)) {
        next.push(join(dir, segment));
        continue;
      }
      const names = files
        .list(dir)
        .filter((name) => !name.startsWith('.') && matchPattern(name, segment))
        .sort();
      next.push(...names.map((name) => join(dir, name)));
    }
    found = next;
  }
  return found.filter((p) => files.read(p) !== null);
}
