import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestHostEnv } from '../../support/testHost';

export interface UserHome {
  dir: string;
  remove(): void;
}

/**
 * A user's home for the app: optionally with the test client key as ~/.ssh/id_ed25519 (key auth)
 * and a ~/.ssh/known_hosts of the test's choosing.
 */
export function makeUserHome(
  env: TestHostEnv,
  options: { key?: boolean; knownHosts?: string } = {},
): UserHome {
  const dir = mkdtempSync(join(tmpdir(), 'virtdeck-e2e-home-'));
  const ssh = join(dir, '.ssh');
  mkdirSync(ssh, { mode: 0o700 });
  if (options.key) {
    copyFileSync(env.clientKey, join(ssh, 'id_ed25519'));
    copyFileSync(`${env.clientKey}.pub`, join(ssh, 'id_ed25519.pub'));
  }
  if (options.knownHosts !== undefined) writeFileSync(join(ssh, 'known_hosts'), options.knownHosts);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
