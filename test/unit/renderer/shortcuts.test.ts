import { describe, expect, it } from 'vitest';
import { fuzzyScore, rankByQuery } from '../../../src/renderer/shortcuts/fuzzy';
import {
  keyLabel,
  matches,
  shortcutById,
  SHORTCUTS,
} from '../../../src/renderer/shortcuts/registry';

const key = (over: Partial<Parameters<typeof matches>[1]>) => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...over,
});

describe('shortcut registry', () => {
  it('takes Ctrl on Linux and Windows, Cmd on macOS, and only that', () => {
    const palette = shortcutById('palette');
    expect(matches(palette, key({ key: 'k', code: 'KeyK', ctrlKey: true }), false)).toBe(true);
    expect(matches(palette, key({ key: 'k', code: 'KeyK', metaKey: true }), false)).toBe(false);
    expect(matches(palette, key({ key: 'k', code: 'KeyK', metaKey: true }), true)).toBe(true);
    expect(matches(palette, key({ key: 'k', code: 'KeyK', ctrlKey: true }), true)).toBe(false);
    expect(
      matches(palette, key({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }), false),
    ).toBe(false);
  });

  it('finds a letter with Option held on macOS by its key (Option+F types ƒ)', () => {
    const forceOff = shortcutById('forceOff');
    expect(
      matches(forceOff, key({ key: 'ƒ', code: 'KeyF', metaKey: true, altKey: true }), true),
    ).toBe(true);
  });

  it('writes each combination as the platform does', () => {
    expect(keyLabel(shortcutById('forceOff'), false)).toBe('Ctrl+Alt+F');
    expect(keyLabel(shortcutById('forceOff'), true)).toBe('⌘⌥F');
    expect(keyLabel(shortcutById('delete'), true)).toBe('⌘⌫');
  });

  it('gives no two shortcuts the same keys on either platform', () => {
    for (const mac of [false, true]) {
      const labels = SHORTCUTS.map((s) => keyLabel(s, mac));
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe('palette matching', () => {
  it('finds words in order, letters apart, in any case', () => {
    expect(fuzzyScore('wb rn', 'web-1 Run VM')).not.toBeNull();
    expect(fuzzyScore('WEB', 'my web server')).toBe(0);
    expect(fuzzyScore('xyz', 'web-1 Run')).toBeNull();
    expect(fuzzyScore(`'ü' $(x);`, `ux keys 'ü' $(x); Run VM`)).not.toBeNull();
  });

  it('puts the closer match first, keeping the order of ties', () => {
    const items = ['db backup Run', 'web-1 Run', 'web-1 Open details', 'w e b'];
    expect(rankByQuery(items, 'web', (s) => s, 10)).toEqual([
      'web-1 Run',
      'web-1 Open details',
      'w e b',
    ]);
    expect(rankByQuery(items, '', (s) => s, 2)).toEqual(['db backup Run', 'web-1 Run']);
  });
});
