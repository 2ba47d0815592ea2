/**
 * How numbers, sizes, shares and times are written everywhere in the app: in the UI language,
 * through Intl (de "1,5 GiB", ru "1,5 ГиБ", "2. Dez. 2026"). applyLanguage (i18n/i18n.ts) sets the
 * language before the UI re-renders in it.
 */
import type { Language } from '../shared/api/types';

let language: Language = 'en';

/** Called by applyLanguage only: every later call here writes for `next`. */
export function setFormatLanguage(next: Language): void {
  language = next;
}

// Binary units as each language's GNOME / KDE write them (Russian in Cyrillic, the rest IEC's).
const UNITS: Partial<Record<Language, readonly string[]>> = {
  ru: ['Б', 'КиБ', 'МиБ', 'ГиБ', 'ТиБ', 'ПиБ'],
};
const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${language}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!(format instanceof Intl.NumberFormat)) {
    format = new Intl.NumberFormat(language, options);
    cache.set(key, format);
  }
  return format;
}

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${language}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!(format instanceof Intl.DateTimeFormat)) {
    format = new Intl.DateTimeFormat(language, options);
    cache.set(key, format);
  }
  return format;
}

/** A number ("1.234,5" in German): exactly `fractionDigits` decimals, or up to 2 without. */
export function formatNumber(value: number, fractionDigits?: number): string {
  return numberFormat(
    fractionDigits === undefined
      ? { maximumFractionDigits: 2 }
      : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits },
  ).format(value);
}

/** "12 B", "512 KiB", "1.0 MiB" .. "1.0 PiB": the unit at `power` of 1024 (0 = bytes). */
function withUnit(value: number, power: number): string {
  const unit = (UNITS[language] ?? IEC)[power] ?? IEC[power];
  return `${formatNumber(value, power < 2 ? 0 : 1)} ${unit}`;
}

/** "1.0 GiB" from KiB, as virt-manager shows memory. */
export function formatKiB(kib: number): string {
  let value = kib;
  let power = 1;
  while (value >= 1024 && power < IEC.length - 1) {
    value /= 1024;
    power++;
  }
  return withUnit(value, power);
}

/** "1.5 GiB" from bytes (sizes, transfer speeds). */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? withUnit(bytes, 0) : formatKiB(bytes / 1024);
}

/** A share from 0 to 100, whole: "42 %" in German, "42%" in English. */
export function formatPercent(value: number): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

/** A moment with its date, to the second: "Dec 2, 2026, 1:05:07 PM", "2. Dez. 2026, 13:05:07". */
export function formatDateTime(time: Date | number): string {
  return dateFormat({
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  }).format(time);
}

/** A time of day for a graph's axis or legend, with seconds when they tell ticks apart. */
export function formatClock(time: Date | number, withSeconds: boolean): string {
  return dateFormat({
    hour: 'numeric',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  }).format(time);
}
