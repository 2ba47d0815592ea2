import { spawnSync } from 'node:child_process';

/** `ssh -G` prints the options ssh itself would use; where it is installed it is the reference. */
export const hasSsh = spawnSync('ssh', ['-V']).status === 0;

/** What `ssh -G -F configFile ...extra alias` says, keyword (lowercase) -> first value. */
export function sshDashG(
  configFile: string,
  alias: string,
  extra: string[] = [],
): { options: Map<string, string>; stderr: string } {
  const out = spawnSync('ssh', ['-G', '-F', configFile, ...extra, alias], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (out.status !== 0) throw new Error(`ssh -G ${alias} failed: ${out.stderr}`);
  const options = new Map<string, string>();
  for (const line of out.stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && !options.has(line.slice(0, space)))
      options.set(line.slice(0, space), line.slice(space + 1));
  }
  return { options, stderr: out.stderr };
}
