/**
 * The main window's size, position and maximised state, kept in userData/window-state.json and
 * put back at start on a display that still exists (a laptop undocked from its second screen
 * must not open its window off-screen).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent on first run: the window is then centred on the primary display. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_SIZE = { width: 800, height: 500 };
/** How much of the window must lie on a display to count as visible: enough to grab it. */
const MIN_VISIBLE = { width: 120, height: 48 };
const SAVE_DELAY_MS = 500;

/** The saved state, or the default when the file is missing, unreadable or not ours. */
export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { ...DEFAULT_STATE };
  }
}

export function parseWindowState(value: unknown): WindowState {
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_STATE };
  const v = value as Record<string, unknown>;
  const num = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  const state: WindowState = {
    width: num(v.width) && v.width > 0 ? Math.round(v.width) : DEFAULT_STATE.width,
    height: num(v.height) && v.height > 0 ? Math.round(v.height) : DEFAULT_STATE.height,
    maximized: v.maximized === true,
  };
  if (num(v.x) && num(v.y)) {
    state.x = Math.round(v.x);
    state.y = Math.round(v.y);
  }
  return state;
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename, so that a crash mid-write never leaves half a file behind.
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The state fitted to the displays there are now (their work areas, i.e. without panels and
 * docks): no larger than the display, and on one, else centred on `primary`.
 */
export function clampToDisplays(state: WindowState, workAreas: Rect[], primary: Rect): WindowState {
  const fit = (area: Rect): { width: number; height: number } => ({
    width: Math.min(Math.max(state.width, MIN_SIZE.width), area.width),
    height: Math.min(Math.max(state.height, MIN_SIZE.height), area.height),
  });
  if (state.x !== undefined && state.y !== undefined) {
    const rect = { x: state.x, y: state.y, width: state.width, height: state.height };
    const home = workAreas.find((area) => {
      const o = overlap(rect, area);
      return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
    });
    if (home) {
      const size = fit(home);
      // Keep the title bar below the display's top edge and the window within its right/bottom.
      const x = Math.min(Math.max(state.x, home.x), home.x + home.width - size.width);
      const y = Math.min(Math.max(state.y, home.y), home.y + home.height - size.height);
      return { x, y, ...size, maximized: state.maximized };
    }
  }
  const size = fit(primary);
  return {
    x: primary.x + Math.round((primary.width - size.width) / 2),
    y: primary.y + Math.round((primary.height - size.height) / 2),
    ...size,
    maximized: state.maximized,
  };
}

/** What trackWindowState needs of a BrowserWindow. */
export interface TrackedWindow {
  on(event: 'move' | 'resize' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

/** Saves the state shortly after each move or resize, and at once on maximise and close. */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: WindowState) => void,
  delayMs = SAVE_DELAY_MS,
): void {
  let timer: NodeJS.Timeout | undefined;
  const saveNow = (): void => {
    clearTimeout(timer);
    timer = undefined;
    // The normal bounds, so that a maximised window restores to the size it had before.
    const bounds = window.getNormalBounds();
    try {
      save({ ...bounds, maximized: window.isMaximized() });
    } catch (error) {
      console.warn('Could not save the window state:', error);
    }
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(saveNow, delayMs);
  };
  window.on('move', saveSoon);
  window.on('resize', saveSoon);
  window.on('maximize', saveNow);
  window.on('unmaximize', saveNow);
  window.on('close', saveNow);
}
