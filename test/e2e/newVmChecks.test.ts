/**
 * The New VM wizard in Chromium over the private sshd, for what goes wrong:
 *
 * - An ISO upload on a slow link (Chromium's upload throttled) shows its speed and time left,
 *   and Cancel leaves no volume in the pool (libvirt's list and the pool's directory).
 * - Bad input is said on the page it belongs to, and nothing is created: memory above the host's
 *   on "Memory and CPUs", a name already used on "Name" (also when the name is taken by someone
 *   else after that page was passed: Create goes back to "Name" with the message).
 *
 * Everything made here is named vdk-wizard2-*.
 */
import { mkdtempSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyIso, loadTestHost, type TestHostEnv } from '../support/testHost';
import { launchChromium, screenshot } from './support/browser';
import { closeAppOverSsh, openAppOverSsh, type AppOverSsh } from './support/appOverSsh';
import { HostScratch } from './support/hostScratch';
import { virsh } from './support/qemuVm';

const tag = Math.random().toString(16).slice(2, 8);
const POOL = `vdk-wizard2-e2e-${tag}`;
const POOL_PATH = `/var/lib/libvirt/images/${POOL}`;
const ISO_NAME = `vdk-wizard2-${tag}.iso`;
const TAKEN = `vdk-wizard2 taken ${tag}`;
const LATE = `vdk-wizard2-late-${tag}`;

function domains(): string[] {
  return virsh('list', '--all', '--name')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function volumes(): string[] {
  return virsh('vol-list', POOL)
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** A shut-off VM holding `name`, made behind the app's back. */
function defineVm(dir: string, name: string): void {
  const file = join(dir, `${name}.xml`);
  writeFileSync(
    file,
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory>` +
      `<os><type arch='x86_64'>hvm</type></os></domain>`,
  );
  virsh('define', file);
}

describe('New VM wizard: cancel and bad input', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let opened: AppOverSsh | undefined;
  let page: Page;
  const scratch = new HostScratch();
  let localDir: string;
  let isoLocal: string;
  let smallIso: string;
  const wizard = () => page.getByRole('dialog', { name: 'New virtual machine' });
  const next = () => wizard().getByRole('button', { name: 'Next', exact: true }).click();
  const currentPage = () =>
    wizard().getByRole('navigation', { name: 'Steps' }).locator('[aria-current="page"]');

  beforeAll(async () => {
    env = loadTestHost();
    localDir = mkdtempSync(join(tmpdir(), 'vdk-wizard2-e2e-'));
    scratch.localPath(localDir);
    isoLocal = join(localDir, ISO_NAME);
    await buildTinyIso(isoLocal, 'VDK WIZARD2');
    // Zeros after the image: the same bootable ISO, long enough to cancel on a slow link.
    truncateSync(isoLocal, 300 * 1024 * 1024);
    scratch.dirPool(POOL, POOL_PATH);
    // An ISO already in the pool, for the checks' walk through the pages.
    await buildTinyIso(join(localDir, 'small.iso'), 'VDK WIZARD2 SMALL');
    virsh('vol-create-as', POOL, 'small.iso', '1M', '--format', 'raw');
    virsh('vol-upload', '--pool', POOL, 'small.iso', join(localDir, 'small.iso'));
    smallIso = `${POOL_PATH}/small.iso`;
    for (const name of [TAKEN, LATE]) scratch.vm(name);
    defineVm(localDir, TAKEN);
    browser = await launchChromium();
    opened = await openAppOverSsh(browser, env);
    ({ page } = opened);
  }, 180_000);

  afterAll(async () => {
    scratch.remove();
    await closeAppOverSsh(opened);
    await browser?.close();
  });

  it('an ISO upload shows speed and time left; Cancel leaves no volume', async () => {
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().waitFor();
    const upload = wizard().getByRole('region', { name: 'Upload an ISO' });
    await upload.getByLabel('Into pool').selectOption(POOL);
    await upload.locator('input[type=file]').setInputFiles(isoLocal);
    // A slow link, so that the upload lasts: 2 MiB/s.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 2 * 1024 * 1024,
    });
    try {
      await upload.getByRole('button', { name: 'Upload', exact: true }).click();
      const job = upload.locator('.vd-job');
      // "12 MiB / 300 MiB · 2.0 MiB/s · 140 s left"
      await expect
        .poll(() => job.innerText(), { timeout: 60_000 })
        .toMatch(/ \/ 300(\.0)? MiB · [\d.]+ [KM]iB\/s · \d+ s left/);
      expect(
        Number(await upload.getByRole('progressbar').getAttribute('aria-valuenow')),
      ).toBeLessThan(100);
      expect(volumes()).toContain(ISO_NAME);
      await job.scrollIntoViewIfNeeded();
      await screenshot(page, 'new-vm-upload-speed');
      await job.getByRole('button', { name: 'Cancel', exact: true }).click();
      await job.getByRole('heading', { name: /Cancelled/ }).waitFor({ timeout: 30_000 });
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
    await expect.poll(() => volumes(), { timeout: 20_000 }).not.toContain(ISO_NAME);
    expect(readdirSync(POOL_PATH)).not.toContain(ISO_NAME);
    // The ISO field was not filled with a volume that is not there.
    expect(await wizard().getByLabel('ISO path on the host').inputValue()).toBe('');
    await wizard().getByRole('button', { name: 'Cancel', exact: true }).last().click();
    await wizard().waitFor({ state: 'hidden' });
  });

  it('memory above the host and a used name are said on their own pages; nothing is made', async () => {
    const before = { doms: domains(), vols: volumes() };
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().getByLabel('ISO path on the host').fill(smallIso);
    await next();
    await expect.poll(() => currentPage().innerText()).toBe('Operating system');
    await next();
    await expect.poll(() => currentPage().innerText()).toBe('Memory and CPUs');
    const hostMiB = Math.floor(totalmem() / 1024 / 1024);
    await wizard()
      .getByLabel('Memory (MiB)')
      .fill(String(hostMiB * 4));
    await wizard().getByLabel('vCPUs').fill('1');
    await next();
    // Still on "Memory and CPUs", the message under the field.
    await wizard()
      .getByText(/MiB is more than the host's \d+ MiB/)
      .waitFor();
    expect(await currentPage().innerText()).toBe('Memory and CPUs');
    await screenshot(page, 'new-vm-memory-error');
    await wizard().getByLabel('Memory (MiB)').fill('128');
    await next();
    await expect.poll(() => currentPage().innerText()).toBe('Storage');
    await wizard().getByLabel('Storage pool').selectOption(POOL);
    await wizard().getByLabel('Disk size (GiB)').fill('0.1');
    await next();
    await expect.poll(() => currentPage().innerText()).toBe('Network');
    await wizard().getByRole('radio', { name: 'No network' }).check();
    await next();
    await expect.poll(() => currentPage().innerText()).toBe('Name');
    await wizard().getByLabel('Name', { exact: true }).fill(TAKEN);
    await next();
    await wizard().getByText(`A VM named "${TAKEN}" already exists on this host`).waitFor();
    expect(await currentPage().innerText()).toBe('Name');

    // A free name passes; someone takes it before Create: back to "Name", with the message.
    await wizard().getByLabel('Name', { exact: true }).fill(LATE);
    await next();
    await expect.poll(() => currentPage().innerText()).toBe('Summary');
    defineVm(localDir, LATE);
    await wizard().getByRole('button', { name: 'Create', exact: true }).click();
    await wizard().getByText(`A VM named "${LATE}" already exists on this host`).waitFor();
    expect(await currentPage().innerText()).toBe('Name');
    await screenshot(page, 'new-vm-name-error');

    expect(domains().sort()).toEqual([...before.doms, LATE].sort());
    expect(volumes()).toEqual(before.vols);
    expect(readdirSync(POOL_PATH).sort()).toEqual(before.vols.sort());
  });
});
