import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkParams } from '../../../src/main/api/checkParams';
import { toApiError } from '../../../src/main/api/toApiError';
import { LibvirtError } from '../../../src/main/libvirt/rpc/errors';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import { englishText, msg, type Message } from '../../../src/shared/messages/message';

const LOCALES = join(import.meta.dirname, '../../../src/shared/messages/locales');
const LANGUAGES = ['en', 'ar', 'ru', 'de', 'et', 'hr'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Texts = Record<string, string>;
const load = (lang: string, area: string) =>
  JSON.parse(readFileSync(join(LOCALES, lang, area), 'utf8')) as Texts;
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('englishText', () => {
  it('fills the parameters, quotes and unicode as they are', () => {
    expect(englishText(msg('common.vmNameTaken', { name: 'web "$(x)"; ü' }))).toBe(
      'A VM named "web "$(x)"; ü" already exists',
    );
  });

  it('picks the plural form by count', () => {
    const left = (count: number) =>
      englishText(msg('common.cancelledLeft', { count, left: 'vol a' }));
    expect(left(1)).toBe('Cancelled (could not remove 1 thing: vol a)');
    expect(left(3)).toBe('Cancelled (could not remove 3 things: vol a)');
  });

  it('says the key for a key the catalog lacks, and leaves a missing parameter visible', () => {
    expect(englishText({ key: 'nowhere.nothing' })).toBe('nowhere.nothing');
    expect(englishText({ key: 'common.vmNameTaken' })).toBe('A VM named "{{name}}" already exists');
  });
});

describe('backend message catalogs', () => {
  const areas = readdirSync(join(LOCALES, 'en')).sort();

  it.each(LANGUAGES)('%s has every area', (lang) => {
    expect(readdirSync(join(LOCALES, lang)).sort()).toEqual(areas);
  });

  it.each(areas)(
    '%s: every language has each key, each CLDR plural form, the same placeholders',
    (area) => {
      const en = load('en', area);
      for (const lang of LANGUAGES) {
        const texts = load(lang, area);
        const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        const bases = (t: Texts) =>
          [...new Set(Object.keys(t).map((k) => k.replace(PLURAL, '')))].sort();
        expect(bases(texts), `${lang}/${area}`).toEqual(bases(en));
        for (const key of Object.keys(en)) {
          const base = key.replace(PLURAL, '');
          const variants = PLURAL.test(key) ? forms.map((f) => `${base}_${f}`) : [key];
          for (const variant of variants) {
            const text = texts[variant];
            expect(text, `${lang}/${area}: ${variant}`).toBeTypeOf('string');
            // A plural form may leave out {{count}} ("one VM"), nothing else.
            const want = placeholders(en[key] ?? '').filter(
              (p) => !(PLURAL.test(key) && p === 'count'),
            );
            const got = placeholders(text ?? '').filter((p) => p !== 'count');
            expect(got, `${lang}/${area}: ${variant}`).toEqual(want);
          }
        }
      }
    },
  );

  it.each(areas)('%s is translated, not copied', (area) => {
    const en = load('en', area);
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      const texts = load(lang, area);
      const same = Object.keys(en).filter(
        (k) => texts[k] === en[k] && !/^\W*\{\{\w+\}\}\W*$/.test(en[k] ?? ''),
      );
      // Product and tool names alone ("NVRAM", "Details" in German) may stay as they are.
      expect(same.length, `${lang}/${area}: ${same.join(', ')}`).toBeLessThanOrEqual(
        Math.floor(Object.keys(en).length * 0.1) + 1,
      );
    }
  });
});

describe('toApiError', () => {
  it('carries the key, the fields as keys and the detail beside the English', () => {
    const taken = msg('common.vmNameTaken', { name: 'a b' });
    const data = toApiError(InvalidInputError.ofFields({ name: taken, other: undefined }));
    expect(data).toMatchObject({
      code: 'invalid-input',
      message: 'A VM named "a b" already exists',
      fields: { name: 'A VM named "a b" already exists' },
      fieldTexts: { name: taken },
    });
    const why = msg('clone.resetFailed', {
      tool: 'virt-sysprep',
      paths: '/a b',
      host: 'h',
      why: 'no OS',
    });
    const failed = toApiError(new VirtdeckError('host-tool', why, { detail: 'libguestfs: error' }));
    expect(failed).toEqual({
      code: 'host-tool',
      message: 'virt-sysprep could not reset the identity in /a b: no OS',
      text: why,
      detail: 'libguestfs: error',
    });
  });

  it("keeps libvirt's code when a keyed error wraps a LibvirtError", () => {
    const remote = {
      code: 42,
      domain: 10,
      message: 'Domain not found: no domain with matching name',
      level: 2,
      dom: null,
      str1: null,
      str2: null,
      str3: null,
      int1: 0,
      int2: 0,
      net: null,
    };
    const cause = new LibvirtError(remote, 'REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME');
    const err = new VirtdeckError('not-found', msg('common.vmNameTaken', { name: 'x' }), {
      cause,
      detail: cause.message,
    });
    const data = toApiError(err);
    expect(data.text).toEqual(msg('common.vmNameTaken', { name: 'x' }));
    expect(data.libvirt).toEqual({ code: 42, domain: 10 });
    expect(data.detail).toBe(cause.message);
  });

  it('says an unexpected error as common.internal with its words as the detail parameter', () => {
    const data = toApiError(new TypeError('x is undefined'));
    expect(data.text).toEqual<Message>({
      key: 'common.internal',
      params: { detail: 'x is undefined' },
    });
  });
});

describe('checkParams', () => {
  it("says the schema's refusal as a key naming the parameter", () => {
    try {
      checkParams('vms.setAutostart', { connectionId: 'c1', autostart: true });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInputError);
      const refusal = err as InvalidInputError;
      expect(refusal.text).toEqual(msg('common.missingParam', { name: 'uuid' }));
      expect(refusal.fieldTexts.uuid).toEqual(msg('common.missingParam', { name: 'uuid' }));
      expect(refusal.message).toBe('Missing or invalid "uuid"');
    }
  });
});
