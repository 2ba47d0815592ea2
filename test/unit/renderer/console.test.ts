import { describe, expect, it } from 'vitest';
import type { ConsoleTarget } from '../../../src/shared/api/types';
import { parseHash, consoleHash, vmHash } from '../../../src/renderer/routes';
import { screenshotName } from '../../../src/renderer/views/console/download';
import {
  charStrokes,
  comboStrokes,
  SEND_KEY_COMBOS,
  textStrokes,
} from '../../../src/renderer/views/console/keysyms';
import { spiceKeyCode } from '../../../src/renderer/views/console/spiceKeys';
import {
  defaultTarget,
  keepOrDefault,
  reconnectDelayMs,
} from '../../../src/renderer/views/console/reconnect';

const target = (id: string, kind: ConsoleTarget['kind'], supported = true): ConsoleTarget => ({
  id,
  kind,
  label: id,
  supported,
  ...(supported ? {} : { why: 'no' }),
});

describe('send key', () => {
  it('offers virt-manager’s combos, Ctrl+Alt+F1..F12 included', () => {
    const labels = SEND_KEY_COMBOS.map((c) => c.label);
    expect(labels[0]).toBe('Ctrl+Alt+Del');
    expect(labels).toContain('Ctrl+Alt+Backspace');
    expect(labels).toContain('Ctrl+Alt+F1');
    expect(labels).toContain('Ctrl+Alt+F12');
    expect(labels).toContain('PrintScreen');
    expect(labels).toHaveLength(15);
  });

  it('presses in order and releases in reverse, with X keysyms', () => {
    const del = SEND_KEY_COMBOS[0];
    const strokes = comboStrokes(del?.keys ?? []);
    expect(strokes.map((s) => [s.keysym.toString(16), s.down])).toEqual([
      ['ffe3', true],
      ['ffe9', true],
      ['ffff', true],
      ['ffff', false],
      ['ffe9', false],
      ['ffe3', false],
    ]);
    const f12 = SEND_KEY_COMBOS.find((c) => c.label === 'Ctrl+Alt+F12');
    expect(f12?.keys[2]).toEqual({ keysym: 0xffc9, code: 'F12' });
  });
});

describe('paste as keys (US layout)', () => {
  it('types lower case, digits and plain symbols without Shift', () => {
    expect(charStrokes('a')).toEqual([
      { keysym: 0x61, code: 'KeyA', down: true },
      { keysym: 0x61, code: 'KeyA', down: false },
    ]);
    expect(charStrokes('7')?.[0]).toEqual({ keysym: 0x37, code: 'Digit7', down: true });
    expect(charStrokes('/')?.[0]?.code).toBe('Slash');
  });

  it('holds Shift for upper case and shifted symbols, on the physical key', () => {
    const strokes = charStrokes('A') ?? [];
    expect(strokes.map((s) => [s.code, s.down])).toEqual([
      ['ShiftLeft', true],
      ['KeyA', true],
      ['KeyA', false],
      ['ShiftLeft', false],
    ]);
    expect(strokes[1]?.keysym).toBe(0x41);
    expect(charStrokes('?')?.[1]).toEqual({ keysym: 0x3f, code: 'Slash', down: true });
    expect(charStrokes('"')?.[1]?.code).toBe('Quote');
  });

  it('turns line ends into one Enter and counts what no key can type', () => {
    const { chars, skipped } = textStrokes('hi\r\nü€x');
    expect(chars).toHaveLength(4);
    expect(chars[2]?.[0]).toEqual({ keysym: 0xff0d, code: 'Enter', down: true });
    expect(skipped).toBe(2);
  });
});

describe('console choice and reconnect', () => {
  it('backs off 1, 2, 4, 8 s, then every 10 s', () => {
    expect([0, 1, 2, 3, 4, 9].map(reconnectDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('defaults to the first supported graphics console, else the first serial one', () => {
    const vncOff = target('graphics:0', 'vnc', false);
    const spice = target('graphics:1', 'spice');
    const serial = target('serial:0', 'serial');
    expect(defaultTarget([vncOff, serial, spice])?.id).toBe('graphics:1');
    expect(defaultTarget([vncOff, serial])?.id).toBe('serial:0');
    expect(defaultTarget([vncOff])?.id).toBe('graphics:0');
    expect(defaultTarget([])).toBeUndefined();
    expect(keepOrDefault([spice, serial], 'serial:0')?.id).toBe('serial:0');
    expect(keepOrDefault([spice, serial], 'console:3')?.id).toBe('graphics:1');
  });
});

describe('console route and files', () => {
  it('round-trips the console page hash', () => {
    expect(parseHash(consoleHash('c/1', 'u 2'))).toEqual({
      page: 'console',
      connectionId: 'c/1',
      uuid: 'u 2',
    });
    expect(parseHash(vmHash('c', 'u')).page).toBe('vm');
  });

  it('names screenshots after the VM and the time, safe for any file system', () => {
    expect(screenshotName('web: 1', new Date('2025-01-31T12:34:56.789Z'))).toBe(
      'web_1-2025-01-31T12-34-56.png',
    );
  });
});

describe('SPICE key codes (scan code set 1, bytes lowest first)', () => {
  const codes = (id: string) => {
    const combo = SEND_KEY_COMBOS.find((c) => c.id === id);
    return comboStrokes(combo?.keys ?? []).map(spiceKeyCode);
  };

  it('Ctrl+Alt+Del: Ctrl, Alt, then the 0xE0-prefixed Delete; releases with the top bit', () => {
    expect(codes('ctrl-alt-del')).toEqual([0x1d, 0x38, 0x53e0, 0xd3e0, 0xb8, 0x9d]);
  });

  it('has a code for every key of the Send key menu', () => {
    for (const combo of SEND_KEY_COMBOS) {
      expect(codes(combo.id), combo.id).not.toContain(undefined);
    }
    expect(codes('ctrl-alt-f10')[2]).toBe(0x44);
    expect(codes('ctrl-alt-f11')[2]).toBe(0x57);
    expect(codes('print-screen')).toEqual([0x37e0, 0xb7e0]);
  });

  it('knows no code for a key outside its table', () => {
    expect(spiceKeyCode({ code: 'KeyA', down: true })).toBeUndefined();
  });
});
