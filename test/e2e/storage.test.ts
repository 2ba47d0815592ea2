/**
 * The Storage tab over SSH on the real libvirtd, as a user works it: create a dir pool at a
 * temporary path, create a qcow2 volume (a used name refused on its field), upload a file picked
 * with the file chooser and watch its bar, cancel a slow upload from its bar (no volume is left),
 * download the file back byte-identical, see which VM uses a
 * volume and be refused its deletion with the VM's name, delete the volumes, and delete the pool
 * and, after a second confirmation, its directory. A screenshot shows the tab.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { tcgDomainXml } from '../support/libvirtFixtures';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { defineShutOffVm, virsh, type DefinedVm } from './support/qemuVm';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

const MiB = 1024 * 1024;
const USER_VM = 'e2e-storage-user';

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('Storage tab over SSH', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];
  const hex = randomBytes(4).toString('hex');
  const poolName = `virtdeck-test-e2e-${hex}`;
  const base = `/tmp/virtdeck-e2e-storage-${hex}`;
  const poolPath = `${base}/pool`;
  const upload = randomBytes(12 * MiB + 321);
  const uploadFile = join(base, 'local', 'disk image ü.raw');

  const pools = () => page.getByRole('table', { name: 'Storage pools' });
  const volumes = () => page.getByRole('table', { name: 'Volumes' });
  const volumeRow = (name: string): Locator =>
    volumes()
      .getByRole('row')
      .filter({ has: page.getByText(name, { exact: true }) });

  beforeAll(async () => {
    env = loadTestHost();
    mkdirSync(join(base, 'local'), { recursive: true });
    writeFileSync(uploadFile, upload);
    vm = await defineShutOffVm('e2e storage');
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, vm.name));
  });

  afterAll(async () => {
    try {
      virsh('undefine', USER_VM);
    } catch {
      // Already gone.
    }
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await vm?.remove();
    home?.remove();
    try {
      virsh('pool-destroy', poolName);
    } catch {
      // Not there.
    }
    try {
      virsh('pool-undefine', poolName);
    } catch {
      // Not there.
    }
    rmSync(base, { recursive: true, force: true });
  });

  it('creates a dir pool at a temporary path; a path that is a file is refused on its field', async () => {
    await page
      .getByRole('link', { name: /^Host details of/ })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Storage' }).click();
    await pools().waitFor();

    await page.getByRole('button', { name: 'Create pool' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create storage pool' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(poolName);
    expect(await dialog.getByRole('combobox', { name: 'Type' }).inputValue()).toBe('dir');
    // Bad input first: the path is a file.
    writeFileSync(`${base}/a-file`, 'x');
    await dialog.getByRole('textbox', { name: 'Target path' }).fill(`${base}/a-file`);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByText(`${base}/a-file exists and is not a directory`).waitFor();
    await screenshot(page, 'storage-create-pool-error');
    expect(virsh('pool-list', '--all', '--name')).not.toContain(poolName);

    await dialog.getByRole('textbox', { name: 'Target path' }).fill(poolPath);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = pools().getByRole('row').filter({ hasText: poolName });
    await row.getByText('Active', { exact: true }).waitFor();
    expect(statSync(poolPath).isDirectory()).toBe(true);
    expect(virsh('pool-info', poolName)).toMatch(/State:\s+running/);
    await page.getByRole('heading', { name: `Volumes in ${poolName}` }).waitFor();
  });

  it('creates a qcow2 volume; a name already used is refused on the name field', async () => {
    const create = async (name: string) => {
      await page.getByRole('button', { name: 'Create volume' }).click();
      const dialog = page.getByRole('dialog', { name: `Create volume in ${poolName}` });
      await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
      await dialog.getByRole('combobox', { name: 'Format' }).selectOption('qcow2');
      await dialog.getByRole('textbox', { name: 'Size' }).fill('64');
      await dialog.getByRole('combobox', { name: 'Unit' }).selectOption('MiB');
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      return dialog;
    };
    const first = await create('disk1.qcow2');
    await first.waitFor({ state: 'hidden' });
    await volumeRow('disk1.qcow2').getByText('qcow2', { exact: true }).waitFor();
    expect(existsSync(`${poolPath}/disk1.qcow2`)).toBe(true);

    const again = await create('disk1.qcow2');
    await again.getByText(`Pool "${poolName}" already has a volume named "disk1.qcow2"`).waitFor();
    await again.getByRole('button', { name: 'Cancel' }).click();
  });

  it('uploads a file picked with the file chooser, with a progress bar', async () => {
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Upload to ${poolName}` });
    await dialog.locator('input[type=file]').setInputFiles(uploadFile);
    expect(await dialog.getByRole('textbox', { name: 'Volume name' }).inputValue()).toBe(
      'disk image ü.raw',
    );
    await dialog.getByRole('textbox', { name: 'Volume name' }).fill('uploaded.raw');
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const bar = page.getByRole('progressbar', { name: 'Upload uploaded.raw' });
    await bar.waitFor();
    await page.locator('.vd-job[data-phase="done"]').first().waitFor({ timeout: 60_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    await volumeRow('uploaded.raw').waitFor();
    expect(sha256(readFileSync(`${poolPath}/uploaded.raw`))).toBe(sha256(upload));
    await screenshot(page, 'storage-tab');
  });

  it('cancels a slow upload from its bar: the volume it made is gone', async () => {
    // A slow link, so that there is time to press Cancel.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    try {
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Upload to ${poolName}` });
      await dialog.locator('input[type=file]').setInputFiles(uploadFile);
      await dialog.getByRole('textbox', { name: 'Volume name' }).fill('cancelled.raw');
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const bar = page.getByRole('progressbar', { name: 'Upload cancelled.raw' });
      await expect
        .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
        .toBeGreaterThan(0);
      const job = page.locator('.vd-job').filter({ has: bar });
      await job.getByRole('button', { name: 'Cancel' }).click();
      await job.getByRole('heading', { name: /Cancelled/ }).waitFor();
      // Chromium logs the answer to the cancelled PUT (409 Conflict): expected here, and only here.
      const conflict = () => errors.findIndex((e) => e.includes('status of 409 (Conflict)'));
      await expect.poll(conflict, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
      errors.splice(conflict(), 1);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
    await page.getByRole('button', { name: 'Refresh list' }).click();
    await volumeRow('uploaded.raw').waitFor();
    await expect.poll(() => volumeRow('cancelled.raw').count()).toBe(0);
    expect(existsSync(`${poolPath}/cancelled.raw`)).toBe(false);
    expect(virsh('vol-list', poolName)).not.toContain('cancelled.raw');
  });

  it('downloads the volume back byte-identical', async () => {
    const downloading = page.waitForEvent('download');
    await volumeRow('uploaded.raw').getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('uploaded.raw');
    const saved = join(base, 'local', 'downloaded.raw');
    await download.saveAs(saved);
    expect(sha256(readFileSync(saved))).toBe(sha256(upload));
    await page.getByRole('progressbar', { name: 'Download uploaded.raw' }).waitFor();
  });

  it('shows which VM uses a volume and refuses to delete it, naming the VM', async () => {
    const xmlFile = join(base, 'vm.xml');
    writeFileSync(
      xmlFile,
      tcgDomainXml(USER_VM, `${poolPath}/disk1.qcow2`, `${poolPath}/uploaded.raw`),
    );
    virsh('define', xmlFile);
    await page.getByRole('button', { name: 'Refresh list' }).click();
    await volumeRow('disk1.qcow2').getByText(USER_VM, { exact: true }).waitFor();

    await volumeRow('disk1.qcow2').getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete volume' });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByText(`Volume "disk1.qcow2" is used by VM "${USER_VM}"`).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(existsSync(`${poolPath}/disk1.qcow2`)).toBe(true);
    virsh('undefine', USER_VM);
  });

  it('deletes the volumes, then the pool and (asked twice) its directory', async () => {
    await page.getByRole('button', { name: 'Refresh list' }).click();
    for (const name of ['disk1.qcow2', 'uploaded.raw']) {
      await volumeRow(name).getByRole('button', { name: 'Delete' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete volume' });
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await volumeRow(name).waitFor({ state: 'detached' });
    }
    expect(existsSync(`${poolPath}/uploaded.raw`)).toBe(false);

    await pools()
      .getByRole('row')
      .filter({ hasText: poolName })
      .getByRole('button', { name: 'Delete' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Delete storage pool' });
    await dialog
      .getByRole('checkbox', { name: `Also delete its directory ${poolPath} (it must be empty)` })
      .check();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    const second = page.getByRole('dialog', { name: 'Delete the directory too?' });
    await second
      .getByText(`This deletes ${poolPath} on the host for good.`, { exact: false })
      .waitFor();
    await screenshot(page, 'storage-delete-pool-directory');
    await second.getByRole('button', { name: 'Delete pool and directory' }).click();
    await second.waitFor({ state: 'hidden' });
    await pools().getByRole('row').filter({ hasText: poolName }).waitFor({ state: 'detached' });
    expect(virsh('pool-list', '--all', '--name')).not.toContain(poolName);
    expect(existsSync(poolPath)).toBe(false);
    expect(errors).toEqual([]);
  });
});
