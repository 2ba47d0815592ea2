/**
 * Dark mode as a user sees it: 'system' follows the system's colour scheme live, Settings can
 * force light or dark, and the usage graph's axis labels stay readable on either (their pixels'
 * contrast against the graph's background).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import type { PageGlobals } from './support/pageGlobals';
import { pixelFacts } from './support/pixels';
import { defineShutOffVm, type DefinedVm } from './support/qemuVm';
import { toolbarButton } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

describe('appearance: light and dark', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    env = loadTestHost();
    vm = await defineShutOffVm(`ux theme 'ø' $(x);`);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, vm.name));
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await vm?.remove();
    home?.remove();
  });

  const isDark = () =>
    page.evaluate(() =>
      (globalThis as unknown as PageGlobals).document.documentElement.classList.contains(
        'pf-v6-theme-dark',
      ),
    );
  const pageLuminance = async () =>
    (await pixelFacts(browser, await page.screenshot())).medianLuminance;

  async function chooseTheme(label: string) {
    await toolbarButton(page, 'Settings').click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Appearance').selectOption({ label });
    await dialog.getByRole('button', { name: 'Close' }).click();
  }

  it("follows the system's colour scheme while the setting is 'system', live", async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(isDark).toBe(false);
    expect(await pageLuminance()).toBeGreaterThan(0.6);
    await screenshot(page, 'appearance-system-light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(isDark).toBe(true);
    expect(await pageLuminance()).toBeLessThan(0.2);
    await screenshot(page, 'appearance-system-dark');
  });

  it('forces light or dark from Settings, whatever the system says', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await chooseTheme('Light');
    await expect.poll(isDark).toBe(false);
    expect(await pageLuminance()).toBeGreaterThan(0.6);

    await page.emulateMedia({ colorScheme: 'light' });
    await chooseTheme('Dark');
    await expect.poll(isDark).toBe(true);
    expect(await pageLuminance()).toBeLessThan(0.2);
    await screenshot(page, 'appearance-forced-dark');
  });

  it("draws the usage graph's axis readable in both themes", async () => {
    const graph = page.getByRole('img', { name: 'CPU and memory usage over the last 5 minutes' });
    for (const theme of ['Dark', 'Light'] as const) {
      // Settings is on the list; the VM's page through the palette (a VM's first command).
      await page.evaluate(() => {
        (globalThis as unknown as PageGlobals).location.hash = '#/';
      });
      await chooseTheme(theme);
      await page.keyboard.press('Control+K');
      await page.getByRole('combobox').fill(vm.name);
      await page.keyboard.press('Enter');
      await graph.waitFor();
      await expect.poll(() => graph.getAttribute('data-theme')).toBe(theme.toLowerCase());
      // The left axis (its labels: 0 % .. 100 %) against the graph's own background.
      const axis = await pixelFacts(browser, await graph.screenshot(), 60);
      expect(axis.strongestContrast).toBeGreaterThan(4.5);
      await screenshot(page, `appearance-graph-${theme.toLowerCase()}`);
    }
    expect(errors).toEqual([]);
  });
});
