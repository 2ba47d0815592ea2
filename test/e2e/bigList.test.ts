/**
 * A test-driver host with 2000 VMs: the list holds them all (virtualised: only what is on screen
 * is in the DOM), and filtering to one name leaves only that row.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { testDriverHostFile } from '../support/testDriverHost';
import { launchChromium, openPage, screenshot } from './support/browser';
import { addCustomUriConnection, vmList, vmRow } from './support/ui';
import { makeUserHome, type UserHome } from './support/userHome';
import { startWebApp, type WebApp } from './support/webApp';

describe('2000 VMs', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let app: WebApp;
  let home: UserHome;

  beforeAll(async () => {
    env = loadTestHost();
    browser = await launchChromium();
    home = makeUserHome(env);
    app = await startWebApp(home.dir);
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    home?.remove();
  });

  it('lists them all and filters to one name', async () => {
    const { page, errors } = await openPage(browser, app.url);
    await addCustomUriConnection(page, `test://${testDriverHostFile(env, 2000)}`);
    await vmRow(page, 'vm-0000').waitFor({ timeout: 60_000 });
    const grid = vmList(page);
    // aria-rowcount counts every row of the list, rendered or not: 2000 VMs, a host header, the column header.
    await expect
      .poll(async () => Number(await grid.getAttribute('aria-rowcount')))
      .toBeGreaterThanOrEqual(2000);
    const rendered = await grid.getByRole('row').count();
    expect(rendered).toBeLessThan(200);
    // The last VM is reachable by scrolling.
    await vmRow(page, 'vm-0000').click();
    await page.keyboard.press('End');
    await vmRow(page, 'vm-1999').waitFor();
    await screenshot(page, 'vm-list-2000');

    await page.getByRole('textbox', { name: 'Filter virtual machines' }).fill('vm-1234');
    await expect
      .poll(() =>
        grid
          .getByRole('row')
          .filter({ hasText: /^vm-\d{4}/ })
          .count(),
      )
      .toBe(1);
    await expect.poll(() => vmRow(page, 'vm-1234').count()).toBe(1);
    expect(await vmRow(page, 'vm-1235').count()).toBe(0);
    await screenshot(page, 'vm-list-2000-filtered');
    expect(errors).toEqual([]);
  });
});
