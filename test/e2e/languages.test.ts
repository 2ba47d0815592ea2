/**
 * Every language Virtdeck speaks, as a user meets it: a first start in a German system comes up in
 * German and keeps it; then, over SSH with a real QEMU guest, each of Arabic, Russian, German,
 * Estonian and Croatian chosen in Settings shows the VM list and the New VM wizard's first page
 * with no English left where the language has a translation, sizes written the language's way,
 * and Arabic right to left. A screenshot per language and page goes to test-results/e2e/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Language } from '../../src/shared/api/types';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { defineShutOffVm, type DefinedVm } from './support/qemuVm';
import { vmList } from './support/ui';
import { makeUserHome, type UserHome } from './support/userHome';
import { startWebApp, type WebApp } from './support/webApp';

const SRC = join(import.meta.dirname, '../../src');
const CATALOGS = [join(SRC, 'renderer/i18n/locales'), join(SRC, 'shared/messages/locales')];
const VIEWPORT = { width: 1400, height: 900 };

type Texts = Map<string, string>;

function flatten(value: unknown, prefix: string, into: Texts): void {
  if (typeof value === 'string') into.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, `${prefix}.${key}`, into);
  }
}

/** Every text of `language`, keyed `<namespace>.<key>` (the backend's areas alike). */
function texts(language: Language): Texts {
  const out: Texts = new Map();
  for (const root of CATALOGS) {
    for (const file of readdirSync(join(root, language))) {
      const json: unknown = JSON.parse(readFileSync(join(root, language, file), 'utf8'));
      flatten(json, `${root}:${file.replace(/\.json$/, '')}`, out);
    }
  }
  return out;
}

function text(all: Texts, namespace: string, key: string): string {
  const found = all.get(`${CATALOGS[0]}:${namespace}.${key}`);
  if (found === undefined) throw new Error(`no text ${namespace}.${key}`);
  return found;
}

/**
 * The pieces of English that must not be on a page in `language`: of every text the language
 * translates differently, the parts between its {{placeholders}} with more than three letters.
 * English that the language keeps as it is somewhere (Virtdeck, "Autostart" in German) is allowed.
 */
function englishLeftovers(en: Texts, other: Texts): string[] {
  const kept = new Set(
    [...en].filter(([key, value]) => other.get(key) === value).map(([, v]) => v),
  );
  const pieces = new Set<string>();
  for (const [key, value] of en) {
    const translated = other.get(key);
    if (translated === undefined || translated === value) continue;
    for (const piece of value.split(/\{\{[^}]*\}\}/)) {
      const trimmed = piece.trim();
      if ((trimmed.match(/\p{L}/gu) ?? []).length > 3 && !kept.has(trimmed)) pieces.add(trimmed);
    }
  }
  // A word the language itself writes (German "PXE-Start") proves nothing on its page.
  const own = [...other.values()].join('\n');
  return [...pieces].filter((piece) => englishOn(own, [piece]).length === 0);
}

/** The leftovers that stand on the page as words of their own (not inside a longer word). */
function englishOn(page: string, leftovers: readonly string[]): string[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return leftovers.filter((piece) =>
    new RegExp(`(?<![\\p{L}])${escape(piece)}(?![\\p{L}])`, 'u').test(page),
  );
}

/** What the page shows, as document.body.innerText has it (no hidden parts). */
function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** What a 64 MiB guest's memory column says in `language` (Chromium's own Intl for Arabic). */
async function memoryOf64MiB(page: Page, language: Language): Promise<string> {
  const literal: Partial<Record<Language, string>> = {
    ru: '64,0 МиБ',
    de: '64,0 MiB',
    et: '64,0 MiB',
    hr: '64,0 MiB',
  };
  return (
    literal[language] ??
    `${await page.evaluate(() => new Intl.NumberFormat('ar', { minimumFractionDigits: 1 }).format(64))} MiB`
  );
}

describe('languages', () => {
  const en = texts('en');
  let env: TestHostEnv;
  let browser: Browser;

  beforeAll(async () => {
    env = loadTestHost();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe('first start', () => {
    let home: UserHome;
    let app: WebApp;

    beforeAll(async () => {
      home = makeUserHome(env);
      app = await startWebApp(home.dir);
    });

    afterAll(async () => {
      expect(await app?.stop()).toBe(0);
      home?.remove();
    });

    it('follows the system language, and keeps it once chosen', async () => {
      const de = texts('de');
      const austrian = await browser.newContext({ locale: 'de-AT', viewport: VIEWPORT });
      const page = await austrian.newPage();
      await page.goto(app.url);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de');
      await page.getByText(text(de, 'connections', 'firstRun.title'), { exact: true }).waitFor();
      // The suggestions' buttons ("QEMU/KVM ... hinzufügen (qemu:///system)") stay in their cards.
      const cards = page.locator('.vd-suggestions .pf-v6-c-card');
      await cards.first().waitFor();
      for (const card of await cards.all()) {
        const outer = await card.boundingBox();
        const button = await card.getByRole('button').boundingBox();
        expect(outer && button).toBeTruthy();
        if (!outer || !button) continue;
        expect(button.x).toBeGreaterThanOrEqual(outer.x);
        expect(button.x + button.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
        expect(button.y + button.height).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
      }
      await screenshot(page, 'languages-first-start-de-AT');
      // Saved: the settings file holds the language now.
      const settings = join(app.configDir, 'settings.json');
      await expect
        .poll(() => JSON.parse(readFileSync(settings, 'utf8')) as { language?: string })
        .toMatchObject({ language: 'de' });
      await austrian.close();
      // A browser in French (which Virtdeck does not speak) meets the saved German, not English.
      const french = await browser.newContext({ locale: 'fr-FR', viewport: VIEWPORT });
      const again = await french.newPage();
      await again.goto(app.url);
      await again.getByText(text(de, 'connections', 'firstRun.title'), { exact: true }).waitFor();
      expect(await again.locator('html').getAttribute('lang')).toBe('de');
      await french.close();
    });
  });

  describe('each language over SSH', () => {
    let vm: DefinedVm;
    let app: WebApp;
    let home: UserHome;
    let page: Page;
    let errors: string[];
    let current: Language = 'en';

    beforeAll(async () => {
      vm = await defineShutOffVm(`locales vm 'ü' "q" $(x);`);
      ({ app, home, page, errors } = await openAppOverSsh(browser, env, vm.name));
    });

    afterAll(async () => {
      expect(await app?.stop()).toBe(0);
      await vm?.remove();
      home?.remove();
    });

    /** Settings, in the words of the language the page speaks now. */
    async function switchTo(language: Language): Promise<void> {
      const now = texts(current);
      // A dialog a failed step left open would hide the toolbar.
      if (await page.getByRole('dialog').count()) {
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
      }
      await page.getByRole('button', { name: text(now, 'settings', 'title'), exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByRole('combobox', { name: text(now, 'settings', 'language') })
        .selectOption(language);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      current = language;
    }

    it('filters the list to this VM', async () => {
      // Other tests' VMs on the shared host have names of their own, English words among them.
      await page.getByRole('textbox', { name: text(en, 'vmList', 'filterLabel') }).fill(vm.name);
      // aria-rowcount: the column header, the host's header and this VM.
      await expect.poll(() => vmList(page).getAttribute('aria-rowcount')).toBe('3');
    });

    it.each(['ar', 'ru', 'de', 'et', 'hr'] as const)(
      '%s: the VM list and the New VM wizard, with no English left',
      async (language) => {
        onTestFailed(() => screenshot(page, `languages-${language}-failed`));
        const other = texts(language);
        const leftovers = englishLeftovers(en, other);
        await switchTo(language);

        // The VM list: its columns, states and this VM's memory written the language's way.
        const row = page
          .getByRole('grid', { name: text(other, 'vmList', 'gridLabel') })
          .getByRole('row', { name: vm.name, exact: true });
        await expect
          .poll(() => row.textContent())
          .toContain(text(other, 'vmList', 'state.shutoff'));
        expect(await row.textContent()).toContain(await memoryOf64MiB(page, language));
        await page.getByText(text(other, 'vmList', 'column.memorySize'), { exact: true }).waitFor();
        expect(englishOn(await visibleText(page), leftovers)).toEqual([]);
        await screenshot(page, `languages-${language}-vm-list`);

        // Right to left for Arabic only: the brand sits on the right half of the window then.
        expect(await page.locator('html').getAttribute('dir')).toBe(
          language === 'ar' ? 'rtl' : 'ltr',
        );
        const brand = await page.locator('.vd-brand').boundingBox();
        if (language === 'ar') expect(brand?.x).toBeGreaterThan(VIEWPORT.width / 2);
        else expect(brand?.x).toBeLessThan(VIEWPORT.width / 2);

        // The New VM wizard's first page.
        await page
          .getByRole('button', { name: text(other, 'newVm', 'createVm'), exact: true })
          .click();
        const wizard = page.getByRole('dialog', { name: text(other, 'newVm', 'title') });
        await wizard.getByText(text(other, 'newVm', 'source.label'), { exact: true }).waitFor();
        expect(englishOn(await visibleText(page), leftovers)).toEqual([]);
        await screenshot(page, `languages-${language}-new-vm`);
        await page.keyboard.press('Escape');
        await wizard.waitFor({ state: 'hidden' });
        expect(errors).toEqual([]);
      },
    );

    it('the leftover check finds English where it is', () => {
      // The check itself: English words on a German page are found, German ones are not.
      const leftovers = englishLeftovers(en, texts('de'));
      expect(englishOn('Zustand\nShut off\nArbeitsspeicher', leftovers)).toEqual(['Shut off']);
      expect(englishOn('Ausgeschaltet 64,0 MiB Autostart (PXE-Start)', leftovers)).toEqual([]);
    });
  });
});
