/**
 * Starts remote-viewer on this machine with a .vv file: written 0600 in a directory of its own
 * (the file may hold the display's password), removed when remote-viewer exits or the forward
 * closes, whichever is first (remote-viewer removes it once read too: delete-this-file=1).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when remote-viewer started; false when it is not installed (not on PATH). */
export async function launchRemoteViewer(
  fileText: string,
  forwardClosed: Promise<void>,
): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), 'virtdeck-vv-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const file = join(dir, 'console.vv');
  await writeFile(file, fileText, { mode: 0o600 });
  const child = spawn('remote-viewer', [file], { stdio: 'ignore', detached: true });
  const started = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!started) {
    await remove();
    return false;
  }
  // The viewer outlives nothing of ours: it is its own process group, and not waited for.
  child.unref();
  void Promise.race([new Promise((resolve) => child.once('exit', resolve)), forwardClosed]).then(
    remove,
  );
  return true;
}
