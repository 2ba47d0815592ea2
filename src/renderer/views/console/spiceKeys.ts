/**
 * Keys for SPICE, which carries PC (scan code set 1) codes, not X keysyms: one 32-bit code per
 * press or release whose bytes, lowest first, are the scan code bytes (0xE0 prefix included).
 */
import type { KeyStroke } from './keysyms';

// Physical keys (KeyboardEvent.code) the Send key menu presses; above 0xff: 0xE0-prefixed.
const SCAN_CODES: Record<string, number> = {
  ControlLeft: 0x1d,
  AltLeft: 0x38,
  ShiftLeft: 0x2a,
  Backspace: 0x0e,
  Delete: 0xe053,
  PrintScreen: 0xe037,
  F11: 0x57,
  F12: 0x58,
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`F${i + 1}`, 0x3b + i])),
};

/** The SPICE key code of one press or release, or undefined for a key this table lacks. */
export function spiceKeyCode(stroke: Pick<KeyStroke, 'code' | 'down'>): number | undefined {
  const scan = SCAN_CODES[stroke.code];
  if (scan === undefined) return undefined;
  // A release is the same code with the top bit set (on the byte after 0xE0 when extended).
  const key = (scan & 0xff) | (stroke.down ? 0 : 0x80);
  return scan > 0xff ? 0xe0 | (key << 8) : key;
}
