/**
 * Every keyboard shortcut, in one table read by the key handler (KeyboardProvider), the command
 * palette and the list in Settings. virt-manager itself binds only Ctrl+W and Ctrl+Q (its
 * ui/manager.ui); the rest follow its menu words (Open = the console) and avoid the keys a
 * browser keeps for itself (Ctrl+N, Ctrl+T, Ctrl+W cannot be taken by a page in Chromium).
 */
import type { LifecycleAction } from '../../shared/api/types';

export type ShortcutId =
  | 'palette'
  | 'newVm'
  | 'openConsole'
  | 'details'
  | 'run'
  | 'shutdown'
  | 'forceOff'
  | 'delete'
  | 'quit';

export interface Shortcut {
  id: ShortcutId;
  /** `Mod` is Cmd on macOS and Ctrl elsewhere; one combination, `+` between its parts. */
  keys: string;
  /** Where macOS wants another combination (its Delete key is Backspace). */
  macKeys?: string;
  /** The translation key of what it does (the buttons' own words for lifecycle actions). */
  label: string;
  /** A lifecycle action on the current VMs: enabled by the buttons' rule (shared/vmActions). */
  lifecycle?: LifecycleAction;
  /** Taken even while typing in a text field. */
  inTextFields?: boolean;
  /** Bound by the Electron shell's menu (src/main/electron/menu.ts), not by the page. */
  electronOnly?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'palette', keys: 'Mod+K', label: 'shortcuts:action.palette', inTextFields: true },
  { id: 'newVm', keys: 'Mod+Alt+N', label: 'shortcuts:action.newVm' },
  { id: 'openConsole', keys: 'Mod+O', label: 'shortcuts:action.openConsole' },
  { id: 'details', keys: 'Mod+I', label: 'shortcuts:action.details' },
  { id: 'run', keys: 'Mod+Alt+R', label: 'common:action.run', lifecycle: 'run' },
  { id: 'shutdown', keys: 'Mod+Alt+S', label: 'common:action.shutdown', lifecycle: 'shutdown' },
  { id: 'forceOff', keys: 'Mod+Alt+F', label: 'common:action.forceOff', lifecycle: 'forceOff' },
  { id: 'delete', keys: 'Delete', macKeys: 'Mod+Backspace', label: 'shortcuts:action.delete' },
  { id: 'quit', keys: 'Mod+Q', label: 'shortcuts:action.quit', electronOnly: true },
];

export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export function keysOf(shortcut: Shortcut, mac = isMac()): string {
  return (mac && shortcut.macKeys) || shortcut.keys;
}

interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Whether a key event is this shortcut: exactly its modifiers, and its key. */
export function matches(shortcut: Shortcut, event: KeyEventLike, mac = isMac()): boolean {
  const parts = keysOf(shortcut, mac).split('+');
  const key = parts[parts.length - 1] ?? '';
  const mod = parts.includes('Mod');
  const wanted = {
    ctrl: mac ? false : mod,
    meta: mac ? mod : false,
    alt: parts.includes('Alt'),
    shift: parts.includes('Shift'),
  };
  if (event.ctrlKey !== wanted.ctrl || event.metaKey !== wanted.meta) return false;
  if (event.altKey !== wanted.alt || event.shiftKey !== wanted.shift) return false;
  // A letter by its place on the keyboard too: with Alt (Option) the key gives another character.
  if (key.length === 1)
    return event.key.toLowerCase() === key.toLowerCase() || event.code === `Key${key}`;
  return event.key === key;
}

const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Alt: '⌥', Shift: '⇧', Backspace: '⌫' };

/** How the combination is written for the user: ⌘⌥R on macOS, Ctrl+Alt+R elsewhere. */
export function keyLabel(shortcut: Shortcut, mac = isMac()): string {
  const parts = keysOf(shortcut, mac).split('+');
  if (mac) return parts.map((p) => MAC_SYMBOLS[p] ?? p).join('');
  return parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)).join('+');
}

export function shortcutById(id: ShortcutId): Shortcut {
  const found = SHORTCUTS.find((s) => s.id === id);
  if (!found) throw new Error(`No shortcut ${id}`);
  return found;
}
