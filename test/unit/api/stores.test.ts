import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionStore } from '../../../src/main/api/connectionStore';
import { SettingsStore } from '../../../src/main/api/settingsStore';

describe('connection and settings stores', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'virtdeck-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves connections to a private JSON file and reads them back', async () => {
    const store = new ConnectionStore(dir);
    await store.load();
    expect(store.existed).toBe(false);
    const saved = await store.add({
      uri: 'qemu+ssh://root@h/system',
      autoconnect: true,
      label: 'Lab ü',
    });
    await store.update(saved.id, { autoconnect: false });
    const file = join(dir, 'connections.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = new ConnectionStore(dir);
    await again.load();
    expect(again.existed).toBe(true);
    expect(again.list()).toEqual([{ ...saved, autoconnect: false }]);
    await again.remove(saved.id);
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as { connections: unknown };
    expect(onDisk.connections).toEqual([]);
    expect(() => again.get(saved.id)).toThrow(/No saved connection/);
  });

  it('never saves a URI holding a password', async () => {
    const store = new ConnectionStore(dir);
    await store.load();
    await expect(
      store.add({ uri: 'qemu+ssh://root:secret@h/system', autoconnect: false }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/password/) });
    expect(store.list()).toEqual([]);
    expect(existsSync(join(dir, 'connections.json'))).toBe(false);
  });

  it('drops a password an older version saved in a URI, from memory and from the file', async () => {
    const file = join(dir, 'connections.json');
    const old = { id: 'c1', uri: 'qemu+ssh://root:secret@h:2222/system', autoconnect: true };
    const kept = { id: 'c2', uri: 'qemu:///system', autoconnect: false };
    writeFileSync(file, JSON.stringify({ version: 1, connections: [old, kept] }));
    const store = new ConnectionStore(dir);
    await store.load();
    expect(store.list()).toEqual([{ ...old, uri: 'qemu+ssh://root@h:2222/system' }, kept]);
    expect(readFileSync(file, 'utf8')).not.toContain('secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps settings within bounds and refuses unknown values', async () => {
    const store = new SettingsStore(dir);
    await store.load();
    expect(store.get()).toEqual({
      language: 'en',
      statsIntervalMs: 1000,
      theme: 'system',
      languageChosen: false,
    });
    expect(await store.update({ language: 'ar', theme: 'dark' })).toEqual({
      language: 'ar',
      statsIntervalMs: 1000,
      theme: 'dark',
      languageChosen: true,
    });
    await expect(store.update({ theme: 'sepia' as 'dark' })).rejects.toThrow(/Unknown theme/);
    await expect(store.update({ language: 'xx' as 'en' })).rejects.toThrow(/Unknown language/);
    await expect(store.update({ statsIntervalMs: 5 })).rejects.toThrow(/250 ms/);
    const again = new SettingsStore(dir);
    await again.load();
    expect(again.get()).toMatchObject({ language: 'ar', languageChosen: true });
  });

  it('answers "no language chosen yet" until one is saved, whatever else is saved before', async () => {
    const store = new SettingsStore(dir);
    await store.load();
    await store.update({ theme: 'dark' });
    const file = join(dir, 'settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      statsIntervalMs: 1000,
      theme: 'dark',
    });
    const restarted = new SettingsStore(dir);
    await restarted.load();
    expect(restarted.get()).toMatchObject({ language: 'en', theme: 'dark', languageChosen: false });
    await restarted.update({ language: 'de' });
    const third = new SettingsStore(dir);
    await third.load();
    expect(third.get()).toMatchObject({ language: 'de', theme: 'dark', languageChosen: true });
  });
});
