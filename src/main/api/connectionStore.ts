/**
 * The saved connections: connections.json in the config directory. It holds URIs, labels and the
 * autoconnect flag only; passwords and passphrases are asked for each time and never written.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ConnectionConfig } from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import { msg } from '../../shared/messages/message';
import { PASSWORD_IN_URI, uriHasPassword } from '../../shared/libvirtUri';
import { readJsonFile, writeJsonFile } from './jsonFile';

interface StoredFile {
  version: 1;
  connections: ConnectionConfig[];
}

function withoutPassword(uri: string): string {
  if (!uriHasPassword(uri)) return uri;
  const url = new URL(uri.trim());
  url.password = '';
  return url.toString();
}

export class ConnectionStore {
  private connections: ConnectionConfig[] = [];
  private readonly path: string;
  /** Whether connections.json existed at load: first run is "no file yet". */
  existed = false;

  constructor(configDir: string) {
    this.path = join(configDir, 'connections.json');
  }

  async load(): Promise<void> {
    const file = await readJsonFile<StoredFile | null>(this.path, null);
    this.existed = file !== null;
    this.connections = (file?.connections ?? []).filter(
      (c) => typeof c.id === 'string' && typeof c.uri === 'string',
    );
    // A version before passwords were refused saved URIs as typed: drop the password at once,
    // so the file stops holding it (the user is asked for it when connecting, as for any other).
    if (this.connections.some((c) => uriHasPassword(c.uri))) {
      this.connections = this.connections.map((c) => ({ ...c, uri: withoutPassword(c.uri) }));
      await this.save();
    }
  }

  list(): ConnectionConfig[] {
    return this.connections.map((c) => ({ ...c }));
  }

  get(id: string): ConnectionConfig {
    const found = this.connections.find((c) => c.id === id);
    if (!found) throw new VirtdeckError('invalid-input', msg('api.noSavedConnection', { id }));
    return { ...found };
  }

  findByUri(uri: string): ConnectionConfig | undefined {
    return this.connections.find((c) => c.uri === uri);
  }

  async add(entry: Omit<ConnectionConfig, 'id'>): Promise<ConnectionConfig> {
    // The last stop before the disk: whatever the caller checked, no password is written here.
    if (uriHasPassword(entry.uri)) throw new VirtdeckError('invalid-input', PASSWORD_IN_URI);
    const saved: ConnectionConfig = { id: randomUUID(), ...entry };
    this.connections.push(saved);
    await this.save();
    return { ...saved };
  }

  async update(
    id: string,
    patch: Partial<Pick<ConnectionConfig, 'autoconnect' | 'label'>>,
  ): Promise<ConnectionConfig> {
    const index = this.connections.findIndex((c) => c.id === id);
    const current = this.connections[index];
    if (!current) throw new VirtdeckError('invalid-input', msg('api.noSavedConnection', { id }));
    const next: ConnectionConfig = { ...current, ...patch };
    this.connections[index] = next;
    await this.save();
    return { ...next };
  }

  async remove(id: string): Promise<void> {
    this.connections = this.connections.filter((c) => c.id !== id);
    await this.save();
  }

  private save(): Promise<void> {
    const file: StoredFile = { version: 1, connections: this.connections };
    this.existed = true;
    return writeJsonFile(this.path, file);
  }
}
