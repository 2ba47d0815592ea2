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
