import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shellQuote } from '../../../src/main/hosts/shellQuote';
import { VirtdeckError } from '../../../src/shared/errors';

const cwd = mkdtempSync(join(tmpdir(), 'virtdeck-quote-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** Runs the quoted words through a real sh and returns what the program received. */
function roundTrip(args: string[]): string[] {
  const out = execFileSync('sh', ['-c', "printf '%s\\0' " + shellQuote(args)], { cwd });
  const parts = out.toString('utf8').split('\0');
  expect(parts.pop()).toBe('');
  return parts;
}

describe('shellQuote', () => {
  const nasty = [
    `a b'c"$(touch pwned);d ü`,
    '`touch pwned`',
    'line one\nline two',
    '',
    '-n',
    '--flag=value',
    '*',
    '~',
    '~/x',
    'ünïcødé 日本語 🚀',
    "'",
    "''",
    '\\',
    '$HOME',
    '${HOME}',
    'a;touch pwned',
    'a&&touch pwned',
    'a|touch pwned',
    '> pwned',
    '#comment',
    '!',
    '\t',
    ' ',
    'x=1',
    'plain_word-1.2/3:4,5@6%7+8',
  ];

  it('delivers every argument to the program unchanged through sh -c', () => {
    expect(roundTrip(nasty)).toEqual(nasty);
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(join(cwd, 'pwned'))).toBe(false);
  });

  it('delivers each nasty argument on its own too', () => {
    for (const arg of nasty) {
      expect(roundTrip([arg, 'end'])).toEqual([arg, 'end']);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('leaves simple words readable and quotes the rest', () => {
    expect(shellQuote(['virsh', '-c', 'qemu:///system', 'list', '--all'])).toBe(
      'virsh -c qemu:///system list --all',
    );
    expect(shellQuote(['', "it's", 'a b'])).toBe(`'' 'it'\\''s' 'a b'`);
    expect(shellQuote([])).toBe('');
  });

  it('rejects NUL bytes', () => {
    expect(() => shellQuote(['ok', 'a\0b'])).toThrow(VirtdeckError);
    expect(() => shellQuote(['a\0'])).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});
