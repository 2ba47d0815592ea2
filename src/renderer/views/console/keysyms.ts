/**
 * X keysyms and physical key codes for what the console sends on the user's behalf: the Send key
 * menu and "Paste as keys". noVNC sends the QEMU extended key event when it can, where QEMU uses
 * the physical key (from `code`) and ignores the keysym, so a shifted character must be sent with
 * an explicit Shift press, as a US keyboard would: the guest sees real key presses.
 */
export interface KeyStroke {
  keysym: number;
  code: string;
  down: boolean;
}

const XK = {
  BackSpace: 0xff08,
  Tab: 0xff09,
  Return: 0xff0d,
  Print: 0xff61,
  F1: 0xffbe,
  Shift_L: 0xffe1,
  Control_L: 0xffe3,
  Alt_L: 0xffe9,
  Delete: 0xffff,
} as const;

interface Key {
  keysym: number;
  code: string;
}

const CTRL: Key = { keysym: XK.Control_L, code: 'ControlLeft' };
const ALT: Key = { keysym: XK.Alt_L, code: 'AltLeft' };
const SHIFT: Key = { keysym: XK.Shift_L, code: 'ShiftLeft' };

export interface SendKeyCombo {
  id: string;
  /** Key names as printed on keyboards; the same in every language. */
  label: string;
  keys: readonly Key[];
}

const functionKeys: SendKeyCombo[] = Array.from({ length: 12 }, (_, i) => ({
  id: `ctrl-alt-f${i + 1}`,
  label: `Ctrl+Alt+F${i + 1}`,
  keys: [CTRL, ALT, { keysym: XK.F1 + i, code: `F${i + 1}` }],
}));

export const SEND_KEY_COMBOS: readonly SendKeyCombo[] = [
  {
    id: 'ctrl-alt-del',
    label: 'Ctrl+Alt+Del',
    keys: [CTRL, ALT, { keysym: XK.Delete, code: 'Delete' }],
  },
  {
    id: 'ctrl-alt-backspace',
    label: 'Ctrl+Alt+Backspace',
    keys: [CTRL, ALT, { keysym: XK.BackSpace, code: 'Backspace' }],
  },
  ...functionKeys,
  { id: 'print-screen', label: 'PrintScreen', keys: [{ keysym: XK.Print, code: 'PrintScreen' }] },
];

/** Presses the keys in order and releases them in reverse, as fingers do. */
export function comboStrokes(keys: readonly Key[]): KeyStroke[] {
  return [
    ...keys.map((k) => ({ ...k, down: true })),
    ...[...keys].reverse().map((k) => ({ ...k, down: false })),
  ];
}

// US layout: the physical key of each printable ASCII character, and its shifted twin.
const PLAIN_SYMBOLS: Record<string, string> = {
  '`': 'Backquote',
  '-': 'Minus',
  '=': 'Equal',
  '[': 'BracketLeft',
  ']': 'BracketRight',
  '\\': 'Backslash',
  ';': 'Semicolon',
  "'": 'Quote',
  ',': 'Comma',
  '.': 'Period',
  '/': 'Slash',
  ' ': 'Space',
};
const SHIFTED_SYMBOLS: Record<string, string> = {
  '~': 'Backquote',
  '!': 'Digit1',
  '@': 'Digit2',
  '#': 'Digit3',
  $: 'Digit4',
  '%': 'Digit5',
  '^': 'Digit6',
  '&': 'Digit7',
  '*': 'Digit8',
  '(': 'Digit9',
  ')': 'Digit0',
  _: 'Minus',
  '+': 'Equal',
  '{': 'BracketLeft',
  '}': 'BracketRight',
  '|': 'Backslash',
  ':': 'Semicolon',
  '"': 'Quote',
  '<': 'Comma',
  '>': 'Period',
  '?': 'Slash',
};

/** The key presses that type one character on a US keyboard, or undefined when none can. */
export function charStrokes(ch: string): KeyStroke[] | undefined {
  if (ch === '\n') return comboStrokes([{ keysym: XK.Return, code: 'Enter' }]);
  if (ch === '\t') return comboStrokes([{ keysym: XK.Tab, code: 'Tab' }]);
  // Latin-1 keysyms equal the character's code point.
  const keysym = ch.codePointAt(0) ?? 0;
  let code: string | undefined;
  let shift = false;
  if (/^[a-z]$/.test(ch)) code = `Key${ch.toUpperCase()}`;
  else if (/^[A-Z]$/.test(ch)) [code, shift] = [`Key${ch}`, true];
  else if (/^[0-9]$/.test(ch)) code = `Digit${ch}`;
  else if (ch in PLAIN_SYMBOLS) code = PLAIN_SYMBOLS[ch];
  else if (ch in SHIFTED_SYMBOLS) [code, shift] = [SHIFTED_SYMBOLS[ch], true];
  if (!code) return undefined;
  const key = { keysym, code };
  return comboStrokes(shift ? [SHIFT, key] : [key]);
}

/** Text as key presses, one list per character; characters no US key types are counted. */
export function textStrokes(text: string): { chars: KeyStroke[][]; skipped: number } {
  const chars: KeyStroke[][] = [];
  let skipped = 0;
  // Windows line ends would press Enter twice.
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const strokes = charStrokes(ch);
    if (strokes) chars.push(strokes);
    else skipped++;
  }
  return { chars, skipped };
}
