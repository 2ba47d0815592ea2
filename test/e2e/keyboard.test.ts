/**
 * The keyboard alone, once the app is up: the command palette finds a real VM by name and runs
 * it (libvirt says running), Force Off's shortcut asks first and the question is answered with
 * Enter (libvirt says shut off), and the same shortcut on a shut-off VM gets the button's refusal.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { defineShutOffVm, virsh, type DefinedVm } from './support/qemuVm';
import type { PageGlobals } from './support/pageGlobals';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

const focusedLabel = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('aria-label') ??
      '',
  );

describe('keyboard: command palette and shortcuts', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    env = loadTestHost();
    vm = await defineShutOffVm(`ux keys 'ü' $(x);`);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, vm.name));
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await vm?.remove();
    home?.remove();
  });

  it('finds the VM in the palette and runs it', async () => {
    await page.keyboard.press('Control+K');
    const input = page.getByRole('combobox', { name: /Find a VM/ });
    await expect.poll(() => focusedLabel(page)).toBe(await input.getAttribute('aria-label'));
    await page.keyboard.type(`${vm.name} run`);
    const chosen = page.getByRole('option', { selected: true });
    await expect.poll(() => chosen.textContent()).toContain(vm.name);
    expect(await chosen.textContent()).toContain('Run');
    await screenshot(page, 'keyboard-palette');
    await page.keyboard.press('Enter');
    await expect.poll(() => virsh('domstate', vm.name).trim(), { timeout: 30_000 }).toBe('running');
  });

  it('forces it off with its shortcut, answering the question with Enter', async () => {
    // The palette's first command for a VM opens its page, which makes it the shortcuts' target.
    await page.keyboard.press('Control+K');
    await page.keyboard.type(vm.name);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: vm.name }).waitFor();
    await expect.poll(() => page.getByText('Running').first().isVisible()).toBe(true);
    await page.keyboard.press('Control+Alt+F');
    const confirm = page.getByRole('dialog').filter({ hasText: vm.name });
    await confirm.waitFor();
    expect(virsh('domstate', vm.name).trim()).toBe('running');
    await screenshot(page, 'keyboard-force-off-confirm');
    // Focus starts on the dialog's first button, Force Off.
    await expect
      .poll(() =>
        page.evaluate(
          () => (globalThis as unknown as PageGlobals).document.activeElement?.textContent ?? '',
        ),
      )
      .toBe('Force Off');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => virsh('domstate', vm.name).trim(), { timeout: 30_000 })
      .toBe('shut off');
  });

  it('refuses Force Off on the shut-off VM with the same words as the backend gives the button', async () => {
    await expect.poll(() => page.getByText('Shut off').first().isVisible()).toBe(true);
    await page.keyboard.press('Control+Alt+F');
    const refusal = page.getByRole('heading', {
      name: `Danger alert: Could not force off '${vm.name}'`,
    });
    await refusal.waitFor();
    expect(await page.getByText(`Cannot force off "${vm.name}": it is shut off`).count()).toBe(1);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await screenshot(page, 'keyboard-refused');
    expect(virsh('domstate', vm.name).trim()).toBe('shut off');
    expect(errors).toEqual([]);
  });
});
