/**
 * An application container on libvirt's LXC driver (lxc:///system), as a user makes it: the New VM
 * button on an LXC connection opens the New container wizard; a root file system that is not
 * there is refused on its field with nothing defined; the summary shows the XML; Create starts it
 * and its console (libvirt's console stream in xterm.js) answers `echo hello` with `hello`. Shut
 * Down asks the container's init to stop (Save and Reset are not offered: the LXC driver has
 * neither): /bin/sh as PID 1 ignores SIGTERM, so it keeps running, and Force Off stops it. Delete removes it: `virsh list --all` no longer has it.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost } from '../support/testHost';
import { launchChromium, openPage, screenshot } from './support/browser';
import { addCustomUriConnection, toolbarButton, vmList, vmRow } from './support/ui';
import { makeUserHome, type UserHome } from './support/userHome';
import { startWebApp, type WebApp } from './support/webApp';

const NAME = `lxc-e2e 'ü' $(x);`;

function virshLxc(...args: string[]): string {
  return execFileSync('virsh', ['-c', 'lxc:///system', ...args]).toString();
}

function removeContainer(): void {
  try {
    virshLxc('destroy', NAME);
  } catch {
    // Not running, or not there.
  }
  try {
    virshLxc('undefine', NAME);
  } catch {
    // Not there.
  }
}

describe('LXC application container', () => {
  let browser: Browser;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];
  const wizard = () => page.getByRole('dialog', { name: 'New container' });

  beforeAll(async () => {
    removeContainer();
    browser = await launchChromium();
    home = makeUserHome(loadTestHost());
    app = await startWebApp(home.dir);
    ({ page, errors } = await openPage(browser, app.url));
    await addCustomUriConnection(page, 'lxc:///system');
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    home?.remove();
    removeContainer();
  });

  it('refuses a root file system that is not there, on its field, defining nothing', async () => {
    const create = page.getByRole('button', { name: 'Create VM' });
    await expect.poll(() => create.isEnabled(), { timeout: 60_000 }).toBe(true);
    await create.click();
    await wizard().waitFor();
    expect(await wizard().textContent()).not.toContain('storage pool');
    await wizard().getByLabel('Name', { exact: true }).fill(NAME);
    await wizard().getByRole('combobox', { name: 'Network' }).selectOption({ label: 'No network' });
    await wizard().getByLabel('Root file system directory').fill('/nonexistent/lxc rootfs');
    await wizard().getByRole('button', { name: 'Next' }).click();
    await expect
      .poll(() => wizard().textContent(), { timeout: 30_000 })
      .toContain('/nonexistent/lxc rootfs does not exist on the host');
    await screenshot(page, 'lxc-wizard-rootfs-missing');
    expect(virshLxc('list', '--all', '--name')).not.toContain('lxc-e2e');
  });

  it('shows the XML, creates and starts the container; its console answers echo hello', async () => {
    await wizard().getByLabel('Root file system directory').fill('');
    await wizard().getByRole('button', { name: 'Next' }).click();
    const xml = wizard().getByLabel('Container XML');
    await xml.waitFor({ timeout: 30_000 });
    expect(await xml.textContent()).toContain('<init>/bin/sh</init>');
    await screenshot(page, 'lxc-wizard-summary');
    await wizard().getByRole('button', { name: 'Create' }).click();
    await wizard().waitFor({ state: 'hidden', timeout: 60_000 });
    expect(virshLxc('domstate', NAME).trim()).toBe('running');
    expect(virshLxc('dumpxml', NAME)).toContain("<type arch='x86_64'>exe</type>");

    const serial = page.getByRole('region', { name: 'Serial console' });
    await serial.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 })
      .toBe('Connected');
    await serial.click();
    const rows = () => serial.locator('.xterm-rows').textContent();
    // The shell echoes the typed line, then prints its answer on the next row.
    await page.keyboard.type('echo hello');
    await page.keyboard.press('Enter');
    await expect.poll(rows, { timeout: 30_000 }).toMatch(/echo hello\s*hello/);
    await screenshot(page, 'lxc-console-hello');
  });

  it('Shut Down leaves /bin/sh running (it ignores SIGTERM); Force Off stops it', async () => {
    await page.evaluate("window.location.hash = ''");
    const row = vmRow(page, NAME);
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    // libvirt's LXC driver has no managed save and no reset: neither is offered.
    await expect.poll(() => toolbarButton(page, 'Pause').isEnabled()).toBe(true);
    expect(await toolbarButton(page, 'Save').isEnabled()).toBe(false);
    expect(await toolbarButton(page, 'Reset').isEnabled()).toBe(false);
    await toolbarButton(page, 'Shut Down').click();
    // The driver sends the container's init SIGTERM; a shell as PID 1 does not act on it.
    await new Promise((r) => setTimeout(r, 3000));
    expect(virshLxc('domstate', NAME).trim()).toBe('running');
    await toolbarButton(page, 'Force Off').click();
    const confirm = page.getByRole('dialog').filter({ hasText: NAME });
    await confirm.getByRole('button', { name: 'Force Off' }).click();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Shut off');
    expect(virshLxc('domstate', NAME).trim()).toBe('shut off');
  });

  it('deletes it, leaving nothing behind', async () => {
    const row = vmRow(page, NAME);
    await row.click();
    await toolbarButton(page, 'Delete').click();
    const dialog = page.getByRole('dialog', { name: /Delete/ });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => vmRow(page, NAME).count(), { timeout: 30_000 }).toBe(0);
    await vmList(page).waitFor();
    expect(virshLxc('list', '--all', '--name')).not.toContain('lxc-e2e');
    expect(errors).toEqual([]);
  });
});
