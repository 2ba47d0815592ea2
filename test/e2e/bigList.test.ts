/**
 * A test-driver host with 2000 VMs: the list holds them all (virtualised: only what is on screen
 * is in the DOM), and filtering to one name leaves only that row; a focused row the filter hides
 * hands focus on.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { testDriverHostFile } from '../support/testDriverHost';
import { launchChromium, openPage, screenshot } from './support/browser';
import { addCustomUriConnection, vmList, vmRow } from './support/ui';
import { makeUserHome, type UserHome } from './support/userHome';
import { startWebApp, type WebApp } from './support/webApp';

/** Page-side JavaScript (this file is type-checked without DOM types): types into the box
 * without focusing it, as React sees a user's typing. */
const SET_FILTER_UNFOCUSED = `(input) => {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, 'vm-1234');
  input.dispatchEvent(new Event('input', { bubbles: true }));
}`;

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

  it('shows the right VMs, selection and values in rows reused across filter keystrokes', async () => {
    const { page, errors } = await openPage(browser, app.url);
    // The connection the first test added is still saved in this app.
    await vmRow(page, 'vm-0000').waitFor({ timeout: 60_000 });
    const grid = vmList(page);
    const names = () =>
      grid
        .getByRole('row')
        .filter({ hasText: /^vm-\d{4}/ })
        .evaluateAll((rows) =>
          rows.map((r) => (r as unknown as { ariaLabel: string | null }).ariaLabel),
        );
    await vmRow(page, 'vm-0003').click();
    await expect.poll(() => vmRow(page, 'vm-0003').getAttribute('aria-selected')).toBe('true');
    const box = page.getByRole('textbox', { name: 'Filter virtual machines' });
    // A mark React does not own: it survives only on an element that is reused, not remounted.
    await vmRow(page, 'vm-0001').evaluate((el) => {
      (el as unknown as { dataset: Record<string, string> }).dataset.probe = 'kept';
    });
    await box.fill('vm-120');
    await expect.poll(names).toEqual(Array.from({ length: 10 }, (_, i) => `vm-120${i}`));
    // The rows on screen were reused for the new VMs, not mounted anew.
    expect(await grid.locator('[data-probe="kept"]').getAttribute('aria-label')).toMatch(
      /^vm-120\d$/,
    );
    // No row shows the selection of the VM it showed before the keystroke.
    expect(await grid.locator('[role="row"][aria-selected="true"]').count()).toBe(0);
    // The filter keeps only the selection it shows (the list prunes it): select in the filtered list.
    await vmRow(page, 'vm-1202').click();
    await box.fill('vm-12');
    await expect.poll(() => vmRow(page, 'vm-1202').getAttribute('aria-selected')).toBe('true');
    expect(await grid.locator('[role="row"][aria-selected="true"]').count()).toBe(1);
    await expect
      .poll(async () => (await names()).slice(0, 3))
      .toEqual(['vm-1200', 'vm-1201', 'vm-1202']);
    await box.fill('');
    await expect
      .poll(async () => (await names()).slice(0, 4))
      .toEqual(['vm-0000', 'vm-0001', 'vm-0002', 'vm-0003']);
    // vm-1202 stays selected but off screen: no row on screen keeps the selection it showed.
    expect(await grid.locator('[role="row"][aria-selected="true"]').count()).toBe(0);
    // Each row's cells belong to its own VM: the autostart switch is named after the row.
    const first = vmRow(page, 'vm-0001');
    await expect
      .poll(() => first.getByRole('switch').getAttribute('aria-label'))
      .toBe('Autostart vm-0001');

    // A focused row that the list no longer needs (pooled rows are hidden, not removed) hands
    // focus on to the current row. The filter changes as another window's would: focus stays.
    await vmRow(page, 'vm-0005').click();
    const focused = () => page.evaluate('document.activeElement?.getAttribute("aria-label")');
    await expect.poll(focused).toBe('vm-0005');
    await box.evaluate(
      (input, source: string) => ((0, eval)(source) as (el: unknown) => unknown)(input),
      SET_FILTER_UNFOCUSED,
    );
    await expect.poll(names).toEqual(['vm-1234']);
    await expect.poll(focused).toBe('vm-1234');
    expect(errors).toEqual([]);
  });
});
