import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clampToDisplays,
  DEFAULT_STATE,
  loadWindowState,
  saveWindowState,
  trackWindowState,
  type WindowState,
} from '../../../src/main/electron/windowState';
import { FakeBrowserWindow } from './fakeElectron';

const FULL_HD = { x: 0, y: 0, width: 1920, height: 1080 };
const RIGHT_4K = { x: 1920, y: 0, width: 3840, height: 2160 };
const LAPTOP = { x: 0, y: 0, width: 1366, height: 740 };

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtdeck-window-'));
  dirs.push(dir);
  return join(dir, 'sub', 'window-state.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.useRealTimers();
});

describe('window state file', () => {
  it('round-trips through window-state.json, creating its directory', () => {
    const file = tempFile();
    const state: WindowState = { x: 10, y: 20, width: 1000, height: 700, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
  });

  it('falls back to the default when missing, corrupt or not ours', () => {
    const file = tempFile();
    expect(loadWindowState(file)).toEqual(DEFAULT_STATE);
    saveWindowState(file, DEFAULT_STATE);
    writeFileSync(file, '{not json');
    expect(loadWindowState(file)).toEqual(DEFAULT_STATE);
    writeFileSync(file, JSON.stringify({ width: 'wide', height: -3, x: 5, maximized: 'yes' }));
    // x without y is not a position.
    expect(loadWindowState(file)).toEqual(DEFAULT_STATE);
  });
});

describe('clampToDisplays', () => {
  it('keeps a window that is on a display where it is', () => {
    const state = { x: 100, y: 80, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(state, [FULL_HD], FULL_HD)).toEqual(state);
  });

  it('keeps a window on a second display, maximised state too', () => {
    const state = { x: 2500, y: 300, width: 1600, height: 1000, maximized: true };
    expect(clampToDisplays(state, [FULL_HD, RIGHT_4K], FULL_HD)).toEqual(state);
  });

  it('centres on the primary display a window whose display is gone', () => {
    const state = { x: 2500, y: 300, width: 1600, height: 1000, maximized: true };
    expect(clampToDisplays(state, [FULL_HD], FULL_HD)).toEqual({
      x: 160,
      y: 40,
      width: 1600,
      height: 1000,
      maximized: true,
    });
  });

  it('shrinks a window larger than its display and pulls it fully onto it', () => {
    const state = { x: 300, y: -50, width: 1800, height: 1000, maximized: false };
    expect(clampToDisplays(state, [LAPTOP], LAPTOP)).toEqual({
      x: 0,
      y: 0,
      width: 1366,
      height: 740,
      maximized: false,
    });
  });

  it('treats a window with only a sliver on screen as off-screen', () => {
    const state = { x: 1900, y: 100, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(state, [FULL_HD], FULL_HD)).toMatchObject({ x: 460, y: 190 });
  });

  it('centres a first-run window (no position saved)', () => {
    expect(clampToDisplays(DEFAULT_STATE, [FULL_HD], FULL_HD)).toEqual({
      x: 320,
      y: 140,
      width: 1280,
      height: 800,
      maximized: false,
    });
  });
});

describe('trackWindowState', () => {
  it('saves once after a burst of moves and resizes', () => {
    vi.useFakeTimers();
    const window = new FakeBrowserWindow({ x: 1, y: 2, width: 900, height: 600 });
    const save = vi.fn();
    trackWindowState(window, save, 500);
    window.emit('move');
    window.normalBounds = { x: 50, y: 60, width: 1000, height: 650 };
    window.emit('resize');
    window.emit('move');
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ x: 50, y: 60, width: 1000, height: 650, maximized: false });
  });

  it('saves the normal bounds and maximised flag at once on maximise and on close', () => {
    vi.useFakeTimers();
    const window = new FakeBrowserWindow({ x: 1, y: 2, width: 900, height: 600 });
    const save = vi.fn();
    trackWindowState(window, save, 500);
    window.maximized = true;
    window.emit('maximize');
    expect(save).toHaveBeenLastCalledWith({ x: 1, y: 2, width: 900, height: 600, maximized: true });
    window.emit('resize');
    window.emit('close');
    expect(save).toHaveBeenCalledTimes(2);
    // The pending debounced save was folded into the close-time save.
    vi.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('writes the file on close through saveWindowState', () => {
    const file = tempFile();
    const window = new FakeBrowserWindow({ x: 5, y: 6, width: 900, height: 600 });
    trackWindowState(window, (state) => saveWindowState(file, state));
    window.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      x: 5,
      y: 6,
      width: 900,
      height: 600,
      maximized: false,
    });
  });
});
