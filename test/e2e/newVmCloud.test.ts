/**
 * The New VM wizard's cloud image source in Chromium over the private sshd: a qcow2 cloud image
 * (the tiny isohybrid ISO converted, so it boots as a disk and shows its banner) in a folder the
 * SSH user can read; cloud-init fields filled; a key that does not parse and a user without a
 * password refused on the Source page; then the VM created, running, its console showing the
 * image's banner; its final definition has no seed and the seed volume is gone.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
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
const NET = `cloud-e2e-${tag}`;
const PASSWORD = `s3cret "${tag}" $(id)`;

describe('New VM from a cloud image over SSH', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let opened: AppOverSsh | undefined;
  let page: Page;
  let dir: string;
  const scratch = new HostScratch();
  const name = `cloud-e2e ${tag} "☁"`;
  const wizard = () => page.getByRole('dialog', { name: 'New virtual machine' });
  const next = () => wizard().getByRole('button', { name: 'Next', exact: true }).click();

  beforeAll(async () => {
    env = loadTestHost();
    // A folder the SSH user reads (the image is a file on the host, not a pool volume).
    dir = mkdtempSync(join(tmpdir(), 'cloud-e2e-'));
    scratch.localPath(dir);
    chmodSync(dir, 0o755);
    const iso = join(dir, 'hybrid.iso');
    await buildTinyIso(iso, 'VDK CLOUD E2E IMAGE', { hybrid: true });
    execFileSync('qemu-img', [
      'convert',
      '-f',
      'raw',
      '-O',
      'qcow2',
      iso,
      join(dir, 'cloud.qcow2'),
    ]);
    chmodSync(join(dir, 'cloud.qcow2'), 0o644);
    scratch.isolatedNetwork(NET, dir, { octet: 233 });
    scratch.defaultPool();
    for (const vol of [`${name}.qcow2`, `${name}-cidata.iso`]) scratch.volume('default', vol);
    scratch.vm(name, { withStorage: true });
    browser = await launchChromium();
    opened = await openAppOverSsh(browser, env);
    ({ page } = opened);
  }, 180_000);

  afterAll(async () => {
    scratch.remove();
    await closeAppOverSsh(opened);
    await browser?.close();
  });

  it('refuses a bad key on the Source page, then creates the VM, which runs', async () => {
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().waitFor();
    await wizard().getByRole('radio', { name: 'Cloud image with cloud-init' }).check();
    await wizard().getByLabel('Image path on the host').fill(join(dir, 'cloud.qcow2'));
    await wizard().getByLabel('User name').fill('ana');
    const keys = wizard().getByLabel('SSH public keys (one a line)');
    await keys.fill('ssh-ed25519 AAAAnot-a-key ana@laptop');
    await next();
    // Still the Source page, each problem on its field; nothing made on the host.
    await expect
      .poll(() =>
        wizard()
          .getByText(/Key 1 \("ssh-ed25519 AAAAnot-a-key ana@laptop"\) is not/)
          .count(),
      )
      .toBe(1);
    await expect(wizard().getByText("Give ana's password").count()).resolves.toBe(1);
    expect(virsh('vol-list', '--pool', 'default')).not.toContain('cloud-e2e');
    await screenshot(page, 'new-vm-cloud-bad-key');

    await wizard().getByLabel('Password', { exact: true }).fill(PASSWORD);
    await keys.fill(readFileSync(`${env.clientKey}.pub`, 'utf8'));
    await wizard().getByLabel('Hostname').fill('cloud-e2e');
    await next();
    await wizard().getByRole('textbox', { name: 'Search operating systems' }).fill('generic or');
    await wizard()
      .getByRole('menuitem', { name: /Generic or unknown OS/ })
      .click();
    await next();
    await wizard().getByLabel('Memory (MiB)').fill('128');
    await wizard().getByLabel('Memory (MiB)').waitFor();
    const accel = wizard().getByLabel('Acceleration');
    if (await accel.isVisible()) await accel.selectOption('qemu');
    await next();
    // The cloud image's disk is always new: no choice of kind, only pool and size.
    await wizard().getByLabel('Disk size (GiB)').waitFor();
    await expect(
      wizard().getByRole('radio', { name: 'Use an existing volume or image' }).count(),
    ).resolves.toBe(0);
    await wizard().getByLabel('Storage pool').selectOption('default');
    await wizard().getByLabel('Disk size (GiB)').fill('1');
    await next();
    await wizard().getByLabel('Network', { exact: true }).selectOption(NET);
    await next();
    await wizard().getByLabel('Name', { exact: true }).fill(name);
    await next();
    // The summary lists the cloud-init choices, never the password.
    await expect.poll(() => wizard().getByText('Set (hashed)').count()).toBe(1);
    await expect(wizard().getByText('1 key', { exact: true }).count()).resolves.toBe(1);
    expect(await wizard().textContent()).not.toContain(PASSWORD);
    await screenshot(page, 'new-vm-cloud-summary');
    await wizard().getByRole('button', { name: 'Create', exact: true }).click();

    // The console opens and shows the image's banner: it booted from the overlay.
    const canvas = page.getByRole('region', { name: 'Console', exact: true }).locator('canvas');
    await expect
      .poll(async () => linesOfText(await inkPerRow(canvas)), { timeout: 90_000 })
      .toBeGreaterThanOrEqual(BOOTED_LINES);
    await screenshot(page, 'new-vm-cloud-console');
    expect(virsh('domstate', name).trim()).toBe('running');
    const live = virsh('dumpxml', name);
    const saved = virsh('dumpxml', '--inactive', name);
    expect(live).toContain('-cidata.iso');
    expect(saved).not.toContain('-cidata.iso');
    // The running disk is the overlay on the image, which stays as it was.
    expect(live).toContain(`<source file='${join(dir, 'cloud.qcow2')}'`);
    expect(virsh('vol-list', '--pool', 'default')).not.toContain('-cidata.iso');
  });
});
