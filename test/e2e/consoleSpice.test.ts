/**
 * A SPICE guest's console over SSH, as a user sees it: spice-html5 connects through the gateway
 * and draws isolinux's screen, banner included (read back from the canvas, and a screenshot is
 * saved); Send key Ctrl+Alt+Del reaches the guest, which reboots and draws its banner again.
 */
import { spawn } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { BANNER_ROW, BOOTED_LINES, inkPerRow, linesOfText } from './support/canvas';
import { defineShutOffVm, virsh, type DefinedVm } from './support/qemuVm';
import { vmRow } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

describe('SPICE console over SSH', () => {
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];
  const consoleTab = () => page.getByRole('tabpanel', { name: 'Console' });
  const status = () => consoleTab().getByRole('status');
  // spice-html5 draws the guest's primary surface on the first canvas it adds.
  const spiceCanvas = () =>
    consoleTab().getByRole('region', { name: 'Console', exact: true }).locator('canvas').first();
  const lines = async () => linesOfText(await inkPerRow(spiceCanvas()));

  beforeAll(async () => {
    vm = await defineShutOffVm('virtdeck-test-console-spice', { graphics: 'spice' });
    virsh('start', vm.name);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, loadTestHost(), vm.name));
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await vm?.remove();
    home?.remove();
  });

  it('connects and draws the guest’s screen, banner included', async () => {
    await vmRow(page, vm.name).getByRole('gridcell').first().dblclick();
    await page.getByRole('tab', { name: 'Console' }).click();
    await expect.poll(() => status().textContent(), { timeout: 60_000 }).toBe('Connected');
    expect(await consoleTab().getByRole('combobox', { name: 'Console' }).inputValue()).toBe(
      'graphics:0',
    );
    await expect.poll(lines, { timeout: 60_000 }).toBeGreaterThanOrEqual(BOOTED_LINES);
    expect((await inkPerRow(spiceCanvas()))[BANNER_ROW]).toBeGreaterThan(20);
    await screenshot(page, 'console-spice-banner');
  });

  it('Send key Ctrl+Alt+Del reaches the guest: it reboots and draws its banner again', async () => {
    const before = await lines();
    const events = spawn('virsh', [
      ...['-c', 'qemu:///system', 'event', '--domain', vm.name],
      ...['--event', 'reboot', '--timeout', '60'],
    ]);
    let eventLog = '';
    events.stdout.on('data', (d: Buffer) => (eventLog += d.toString()));
    await new Promise((r) => setTimeout(r, 1000)); // virsh registers for the event
    await consoleTab().getByRole('button', { name: 'Send key' }).click();
    await page.getByRole('menuitem', { name: 'Ctrl+Alt+Del' }).click();
    // The screen empties as the guest resets (fewer lines of text), then fills up again.
    let fewest = before;
    await expect
      .poll(
        async () => {
          const now = await lines();
          fewest = Math.min(fewest, now);
          return fewest < before && now >= before;
        },
        { timeout: 60_000, interval: 20 },
      )
      .toBe(true);
    await expect.poll(() => eventLog, { timeout: 30_000 }).toContain("event 'reboot'");
    events.kill();
    expect(await status().textContent()).toBe('Connected');
    await screenshot(page, 'console-spice-after-reboot');
    virsh('destroy', vm.name);
    expect(errors).toEqual([]);
  });
});
