/**
 * The install flow in Chromium over the private sshd, as the non-root test user (who cannot read
 * /var/lib/libvirt/images): "Browse the host's files" opens in a folder the user can read, with
 * no "Permission denied"; "Choose from a storage pool" lists the pool's ISO images through
 * libvirt (a qcow2 volume beside them is filtered out) with their sizes, and picking one fills
 * the ISO path. With "Customize configuration before install" the VM is defined, not started,
 * and its page offers "Begin installation", which starts the install: the tiny ISO's banner
 * shows on the console; the button is gone afterwards.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyIso, loadTestHost, type TestHostEnv } from '../support/testHost';
import { launchChromium, screenshot } from './support/browser';
import { BOOTED_LINES, inkPerRow, linesOfText } from './support/canvas';
import { closeAppOverSsh, openAppOverSsh, type AppOverSsh } from './support/appOverSsh';
import { HostScratch } from './support/hostScratch';
import { virsh } from './support/qemuVm';

const tag = Math.random().toString(16).slice(2, 8);
const POOL = `installflow-e2e-${tag}`;
const POOL_PATH = `/var/lib/libvirt/images/${POOL}`;
const ISO = `install ü "${tag}".iso`;
const DISK_VOL = `other-${tag}.qcow2`;
const NAME = `installflow-begin ${tag} ü`;

describe('install flow over SSH: pool browser, Customize, Begin installation', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let opened: AppOverSsh | undefined;
  let page: Page;
  const scratch = new HostScratch();
  let isoSize: number;
  const wizard = () => page.getByRole('dialog', { name: 'New virtual machine' });
  const next = () => wizard().getByRole('button', { name: 'Next', exact: true }).click();

  beforeAll(async () => {
    env = loadTestHost();
    const work = mkdtempSync(join(tmpdir(), 'installflow-e2e-'));
    scratch.localPath(work);
    const isoLocal = join(work, 'tiny.iso');
    await buildTinyIso(isoLocal, 'INSTALLFLOW BEGIN');
    isoSize = statSync(isoLocal).size;
    scratch.dirPool(POOL, POOL_PATH);
    virsh('vol-create-as', POOL, ISO, String(isoSize), '--format', 'raw');
    virsh('vol-upload', '--pool', POOL, ISO, isoLocal);
    virsh('vol-create-as', POOL, DISK_VOL, '16M', '--format', 'qcow2');
    scratch.vm(NAME);
    browser = await launchChromium();
    opened = await openAppOverSsh(browser, env);
    ({ page } = opened);
  }, 180_000);

  afterAll(async () => {
    scratch.remove();
    await closeAppOverSsh(opened);
    await browser?.close();
  });

  it('browses files from a readable folder, picks a pool ISO, customizes, then begins', async () => {
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().waitFor();

    // The SFTP browser: the user's home, not the root-only pool folder.
    await wizard().getByRole('button', { name: "Browse the host's files" }).click();
    const files = wizard().getByRole('region', { name: 'Files on the host' });
    await expect
      .poll(() => files.locator('code').textContent(), { timeout: 20_000 })
      .toBe(`/home/${env.user}`);
    expect(await files.getByText(/Permission denied/).count()).toBe(0);

    // The storage browser: the pool's volumes through libvirt.
    await wizard().getByRole('button', { name: 'Choose from a storage pool' }).click();
    const pools = wizard().getByRole('region', { name: "Volumes in the host's storage pools" });
    await pools.getByLabel('Pool', { exact: true }).selectOption(POOL);
    const isoRow = pools.getByRole('button', { name: ISO, exact: true });
    await isoRow.waitFor();
    expect(await pools.getByRole('button', { name: DISK_VOL }).count()).toBe(0);
    await pools.getByLabel('ISO images only').uncheck();
    await pools.getByRole('button', { name: DISK_VOL, exact: true }).waitFor();
    await pools.getByLabel('ISO images only').check();
    await screenshot(page, 'installflow-pool-browser');
    await isoRow.click();
    await expect
      .poll(() => wizard().getByLabel('ISO path on the host').inputValue())
      .toBe(`${POOL_PATH}/${ISO}`);

    await next(); // OS
    await wizard().getByRole('textbox', { name: 'Search operating systems' }).fill('generic or');
    await wizard()
      .getByRole('menuitem', { name: /Generic or unknown OS/ })
      .click();
    await next();
    await wizard().getByLabel('Memory (MiB)').waitFor();
    await wizard().getByLabel('Memory (MiB)').fill('160');
    const accel = wizard().getByLabel('Acceleration');
    if (await accel.isVisible()) await accel.selectOption('qemu');
    await next();
    await wizard().getByRole('radio', { name: 'No disk' }).check();
    await next();
    await wizard().getByRole('radio', { name: 'No network' }).check();
    await next();
    await wizard().getByLabel('Name', { exact: true }).fill(NAME);
    await wizard().getByLabel('Customize configuration before install').check();
    await next();
    await wizard().getByRole('button', { name: 'Create', exact: true }).click();

    // The VM's page, the VM defined and not started, with the button.
    const begin = page.getByRole('button', { name: 'Begin installation' });
    await begin.waitFor({ timeout: 60_000 });
    expect(virsh('domstate', NAME).trim()).toBe('shut off');
    await screenshot(page, 'installflow-begin');
    await begin.click();
    await expect.poll(() => virsh('domstate', NAME).trim(), { timeout: 60_000 }).toBe('running');
    await expect.poll(() => begin.count(), { timeout: 30_000 }).toBe(0);

    await page.getByRole('tab', { name: 'Console' }).click();
    const canvas = page.getByRole('region', { name: 'Console', exact: true }).locator('canvas');
    await expect
      .poll(async () => linesOfText(await inkPerRow(canvas)), { timeout: 90_000 })
      .toBeGreaterThanOrEqual(BOOTED_LINES);
    await screenshot(page, 'installflow-begun-console');
    const live = virsh('dumpxml', NAME);
    expect(live).toMatch(/<boot dev='cdrom'\/>\s*<boot dev='hd'\/>/);
    expect(live).toContain('<on_reboot>destroy</on_reboot>');
    const saved = virsh('dumpxml', '--inactive', NAME);
    expect(saved).toContain('<on_reboot>restart</on_reboot>');
    expect(saved).not.toContain('install-begin');
  });
});
