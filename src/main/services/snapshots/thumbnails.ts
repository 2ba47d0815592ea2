/**
 * Snapshot thumbnails, kept on this machine in the app's config directory (`snapshot-thumbnails/`,
 * 0700, files 0600, as every file there). A snapshot is named by its domain's UUID and its name;
 * the name may hold anything (slashes, quotes, unicode), so the file is named by a hash of both.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class SnapshotThumbnails {
  private readonly dir: string;

  constructor(configDir: string) {
    this.dir = join(configDir, 'snapshot-thumbnails');
  }

  private file(uuid: string, name: string): string {
    const key = createHash('sha256').update(`${uuid.toLowerCase()}\0${name}`, 'utf8').digest('hex');
    return join(this.dir, `${key}.png`);
  }

  async save(uuid: string, name: string, png: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFile(this.file(uuid, name), png, { mode: 0o600 });
  }

  async has(uuid: string, name: string): Promise<boolean> {
    return stat(this.file(uuid, name)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** The PNG as a data URL, or null when none was kept. */
  async dataUrl(uuid: string, name: string): Promise<string | null> {
    try {
      const png = await readFile(this.file(uuid, name));
      return `data:image/png;base64,${png.toString('base64')}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async remove(uuid: string, name: string): Promise<void> {
    await rm(this.file(uuid, name), { force: true });
  }
}
