import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = join(import.meta.dirname, '../../../src/renderer/i18n/locales');
// Languages have different plural forms (Arabic has six); a key counts once whatever its forms.
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix.replace(PLURAL, '')];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function load(lang: string, file: string): unknown {
  return JSON.parse(readFileSync(join(LOCALES, lang, file), 'utf8'));
}

describe('locales', () => {
  const en = readdirSync(join(LOCALES, 'en')).sort();

  it('have the same namespaces', () => {
    expect(readdirSync(join(LOCALES, 'ar')).sort()).toEqual(en);
  });

  it.each(en)('%s has the same keys in en and ar', (file) => {
    const enKeys = [...new Set(keys(load('en', file)))].sort();
    const arKeys = [...new Set(keys(load('ar', file)))].sort();
    expect(arKeys).toEqual(enKeys);
  });

  it.each(en)('%s is translated, not copied', (file) => {
    const strings = (lang: string) => {
      const out: string[] = [];
      const walk = (v: unknown) => {
        if (typeof v === 'string') out.push(v);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(load(lang, file));
      return out;
    };
    const arabic = strings('ar').filter((s) => /[\u0600-\u06FF]/.test(s));
    // Product names (Virtdeck, QEMU/KVM, Xen) stay as they are; everything else is Arabic.
    expect(arabic.length).toBeGreaterThanOrEqual(Math.ceil(0.7 * strings('ar').length));
  });
});
