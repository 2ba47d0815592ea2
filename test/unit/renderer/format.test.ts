import { afterEach, describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatDateTime,
  formatKiB,
  formatNumber,
  formatPercent,
  setFormatLanguage,
} from '../../../src/renderer/format';

// 2 December 2026, 13:05:07 in this machine's time zone: the hour is compared as local time.
const MOMENT = new Date(2026, 11, 2, 13, 5, 7);

describe('format', () => {
  afterEach(() => setFormatLanguage('en'));

  it('writes sizes and numbers in English by default', () => {
    expect(formatKiB(1.5 * 1024 * 1024)).toBe('1.5 GiB');
    expect(formatKiB(512)).toBe('512 KiB');
    expect(formatBytes(100)).toBe('100 B');
    expect(formatBytes(650 * 1024 * 1024)).toBe('650.0 MiB');
    expect(formatPercent(42.4)).toBe('42%');
    expect(formatNumber(1234.5, 1)).toBe('1,234.5');
    expect(formatDateTime(MOMENT)).toBe('Dec 2, 2026, 1:05:07 PM');
  });

  it("follows the UI language: German's comma and day-first dates", () => {
    setFormatLanguage('de');
    expect(formatKiB(1.5 * 1024 * 1024)).toBe('1,5 GiB');
    expect(formatPercent(42)).toBe('42\u00a0%'); // Intl keeps the sign with its number
    expect(formatNumber(1234.5, 1)).toBe('1.234,5');
    expect(formatDateTime(MOMENT)).toBe('2. Dez. 2026, 13:05:07');
    expect(formatClock(MOMENT, false)).toBe('13:05');
    expect(formatClock(MOMENT, true)).toBe('13:05:07');
  });

  it('writes Russian units in Cyrillic, Estonian and Croatian with their own dates', () => {
    setFormatLanguage('ru');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3,0 МиБ');
    expect(formatDateTime(MOMENT)).toBe('2 дек. 2026 г., 13:05:07');
    setFormatLanguage('et');
    expect(formatKiB(2.25 * 1024 * 1024)).toBe('2,3 GiB');
    expect(formatDateTime(MOMENT)).toBe('2. dets 2026, 13:05:07');
    setFormatLanguage('hr');
    expect(formatKiB(1.5 * 1024 * 1024)).toBe('1,5 GiB');
    expect(formatDateTime(MOMENT)).toContain('2. pro 2026.');
  });
});
