/**
 * Every translation against English: the renderer's namespaces (src/renderer/i18n/locales) and the
 * backend's message areas (src/shared/messages/locales). In every language each English key
 * exists, is not empty and carries the same {{placeholders}}; a plural key has exactly the forms
 * CLDR gives that language (what i18next asks Intl.PluralRules for); nothing is left over.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/shared/api/types';

const SRC = join(import.meta.dirname, '../../../src');
const CATALOGS = {
  renderer: join(SRC, 'renderer/i18n/locales'),
  backend: join(SRC, 'shared/messages/locales'),
};
const OTHERS = LANGUAGES.filter((language) => language !== 'en');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix = '', into: Flat = new Map()): Flat {
  if (typeof value === 'string') into.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    }
  }
  return into;
}

function placeholders(text: string): string {
  const names = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => match[1] ?? '');
  return [...new Set(names)].sort().join(', ');
}

function pluralForms(language: string): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories;
}

/** The keys of a catalog read the way English defines them: plain keys, and plural bases. */
function shape(en: Flat): { plain: string[]; plurals: string[] } {
  const plurals = [...en.keys()]
    .filter((key) => key.endsWith('_other'))
    .map((key) => key.replace(PLURAL_SUFFIX, ''));
  const isPluralForm = (key: string) => plurals.includes(key.replace(PLURAL_SUFFIX, ''));
  return { plain: [...en.keys()].filter((key) => !isPluralForm(key)), plurals };
}

/** What is wrong with `other` (in `language`) measured against English: one line per problem. */
function problems(en: Flat, other: Flat, language: string): string[] {
  const found: string[] = [];
  const expected = new Set<string>();
  const compare = (key: string, english: string, ignoreCount: boolean) => {
    expected.add(key);
    const text = other.get(key);
    if (text === undefined) return void found.push(`missing ${key}`);
    if (!text.trim()) return void found.push(`empty ${key}`);
    // A singular form may spell the number out ("one snapshot", Arabic's dual): count is free there.
    const strip = (list: string) =>
      ignoreCount ? list.replace(/(^|, )count(?=, |$)/, '').replace(/^, /, '') : list;
    const want = strip(placeholders(english));
    const got = strip(placeholders(text));
    if (want !== got) found.push(`placeholders of ${key}: {${got}} instead of {${want}}`);
  };
  const { plain, plurals } = shape(en);
  for (const key of plain) compare(key, en.get(key) ?? '', false);
  for (const base of plurals) {
    const english = en.get(`${base}_other`) ?? '';
    for (const form of pluralForms(language)) compare(`${base}_${form}`, english, true);
  }
  for (const key of other.keys()) if (!expected.has(key)) found.push(`extra ${key}`);
  return found;
}

function files(root: string, language: string): string[] {
  return readdirSync(join(root, language)).sort();
}

function load(root: string, language: string, file: string): Flat {
  return flatten(JSON.parse(readFileSync(join(root, language, file), 'utf8')));
}

describe('the parity check itself', () => {
  const en = flatten({
    hello: 'Hello {{name}}',
    vms_one: '{{count}} VM on {{host}}',
    vms_other: '{{count}} VMs on {{host}}',
  });
  const good = flatten({
    hello: 'Привет, {{name}}',
    vms_one: '{{count}} ВМ на {{host}}',
    vms_few: '{{count}} ВМ на {{host}}',
    vms_many: '{{count}} ВМ на {{host}}',
    vms_other: '{{count}} ВМ на {{host}}',
  });

  it('passes a complete catalog', () => {
    expect(problems(en, good, 'ru')).toEqual([]);
  });

  it('reports a missing key, a renamed placeholder, a missing plural form, an extra key', () => {
    const bad = flatten({
      hello: 'Привет, {{user}}',
      vms_one: '{{count}} ВМ на {{host}}',
      vms_many: '{{count}} ВМ на {{host}}',
      vms_other: '   ',
      goodbye: 'Пока',
    });
    expect(problems(en, bad, 'ru')).toEqual([
      'placeholders of hello: {user} instead of {name}',
      'missing vms_few',
      'empty vms_other',
      'extra goodbye',
    ]);
  });

  it("asks for each language's own plural forms", () => {
    // English forms in a Russian catalog: few and many are missing.
    const englishForms = flatten({
      hello: 'x {{name}}',
      vms_one: '{{host}}',
      vms_other: '{{host}}',
    });
    expect(problems(en, englishForms, 'ru')).toEqual(['missing vms_few', 'missing vms_many']);
    // Arabic has six forms, German two: Russian's few/many are extra there.
    expect(problems(en, good, 'de')).toEqual(['extra vms_few', 'extra vms_many']);
    expect(problems(en, good, 'ar')).toContain('missing vms_zero');
  });
});

describe.each(Object.entries(CATALOGS))('%s translations', (_name, root) => {
  const english = files(root, 'en');

  it('English itself has no empty text and English plural forms', () => {
    for (const file of english) {
      expect(problems(load(root, 'en', file), load(root, 'en', file), 'en'), file).toEqual([]);
    }
  });

  it.each(OTHERS)('%s has the same files as English', (language) => {
    expect(files(root, language)).toEqual(english);
  });

  it.each(OTHERS)('%s has every key, placeholder and plural form', (language) => {
    const found = english.flatMap((file) =>
      problems(load(root, 'en', file), load(root, language, file), language).map(
        (problem) => `${file}: ${problem}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it.each(OTHERS)('%s is translated, not copied from English', (language) => {
    // Product names, units and acronyms (Virtdeck, QEMU/KVM, UUID, XML) stay as they are; most
    // texts do not.
    const pairs = english.flatMap((file) => {
      const en = load(root, 'en', file);
      const other = load(root, language, file);
      return [...en].map(([key, text]) => [text, other.get(key)] as const);
    });
    const copied = pairs.filter(([en, other]) => en === other).length;
    expect(copied).toBeLessThanOrEqual(Math.floor(0.25 * pairs.length));
  });
});
