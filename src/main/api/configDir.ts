import { chmod, mkdir, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Virtdeck keeps its files (connections, settings, its own known_hosts): the platform's
 * per-user config directory, or VIRTDECK_CONFIG_DIR (tests, portable setups).
 */
export function defaultConfigDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.VIRTDECK_CONFIG_DIR) return env.VIRTDECK_CONFIG_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Virtdeck');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Virtdeck');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'virtdeck');
}

/**
 * Makes the config directory the user's alone: 0700 for it (and folders in it), 0600 for its
 * files. New files are created so (jsonFile.ts, knownHosts.ts); this also fixes ones an older
 * version, a copy or a umask of 022 left readable by others. Symbolic links are left alone: chmod
 * would change whatever they point to. A mode that cannot be changed is reported, not fatal.
 */
export async function makeConfigDirPrivate(
  dir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  // Windows has no such modes; the profile folder's ACL already keeps other users out.
  if (platform === 'win32') return;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tighten = (path: string, mode: number): Promise<void> =>
    chmod(path, mode).catch((err: unknown) => {
      console.warn(`Virtdeck: could not make ${path} private (mode ${mode.toString(8)}):`, err);
    });
  await tighten(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile()) await tighten(path, 0o600);
    else if (entry.isDirectory()) await tighten(path, 0o700);
  }
}
