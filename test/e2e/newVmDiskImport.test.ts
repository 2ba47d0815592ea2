/**
 * "Import an existing disk image" in Chromium over the private sshd, as the test user who cannot
 * read the pool's files: a VMDK (the tiny hybrid ISO, converted by qemu-img here) in a pool is
 * typed in; the page says it is a VMDK and that libvirt detected it, and offers the pool to
 * convert into; an image qemu-img cannot read is refused on the Source page with qemu-img's words;
 * the VM is created from the VMDK, its console shows the banner, and its disk is a new qcow2
 * volume in the chosen pool, the original VMDK left as it was.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
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
const POOL = `diskimport-e2e-${tag}`;
const POOL_DIR = `/var/lib/libvirt/images/${POOL}`;
const VMDK = `${POOL_DIR}/appliance ü.vmdk`;
const OUTSIDE = `/var/tmp/diskimport-e2e-${tag}`;
const NAME = `diskimport e2e ${tag} "ü"`;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('Import an existing VMDK through the wizard over SSH', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let opened: AppOverSsh | undefined;
  let page: Page;
  const scratch = new HostScratch();
  let vmdkSha: string;
  const wizard = () => page.getByRole('dialog', { name: 'New virtual machine' });
  const next = () => wizard().getByRole('button', { name: 'Next', exact: true }).click();

  beforeAll(async () => {
    env = loadTestHost();
    // The pool's directory holds only what this test made.
    scratch.dirPool(POOL, POOL_DIR);
    scratch.localPath(OUTSIDE);
    scratch.vm(NAME);
    mkdirSync(OUTSIDE, { recursive: true });
    chmodSync(OUTSIDE, 0o755);
    const iso = join(OUTSIDE, 'hybrid.iso');
    await buildTinyIso(iso, 'DISKIMPORT E2E VMDK', { hybrid: true });
    execFileSync('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'vmdk', iso, VMDK]);
    // As libvirt's own volumes are: the SSH user cannot read it.
    chmodSync(VMDK, 0o600);
    virsh('pool-refresh', POOL);
    vmdkSha = sha256(VMDK);
    // A VMDK cut after its header, where the SSH user can read it.
    execFileSync('qemu-img', [
      'convert',
      '-q',
      '-f',
      'raw',
      '-O',
      'vmdk',
      iso,
      `${OUTSIDE}/cut.vmdk`,
    ]);
    truncateSync(`${OUTSIDE}/cut.vmdk`, 1024);
    chmodSync(`${OUTSIDE}/cut.vmdk`, 0o644);
    browser = await launchChromium();
    opened = await openAppOverSsh(browser, env);
    ({ page } = opened);
  }, 180_000);

  afterAll(async () => {
    scratch.remove();
    await closeAppOverSsh(opened);
    await browser?.close();
  });

  it('shows the detected VMDK, converts it into the chosen pool, and the VM boots', async () => {
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().waitFor();
    await wizard().getByRole('radio', { name: 'Import an existing disk image' }).check();
    const path = wizard().getByLabel('Disk image path on the host');

    // An image qemu-img cannot read: its words, on the Source page, and no page further.
    await path.fill(`${OUTSIDE}/cut.vmdk`);
    await path.blur();
    await next();
    await expect
      .poll(() =>
        wizard()
          .getByText(/qemu-img cannot read .*cut\.vmdk: .*File truncated/)
          .count(),
      )
      .toBeGreaterThan(0);
    expect(await path.isVisible()).toBe(true);

    await path.fill(VMDK);
    await path.blur();
    // A new path clears the last one's error.
    expect(
      await wizard()
        .getByText(/qemu-img cannot read/)
        .count(),
    ).toBe(0);
    const detected = wizard().getByRole('region', { name: 'The disk image' });
    await expect.poll(() => detected.textContent(), { timeout: 30_000 }).toMatch(/VMDK image/);
    expect(await detected.textContent()).toMatch(/Detected by libvirt/);
    expect(await detected.textContent()).toMatch(/converted to a new qcow2 volume/);
    await wizard().getByLabel('Convert into pool').selectOption(POOL);
    await screenshot(page, 'new-vm-import-vmdk');
    await next();

    await wizard().getByRole('textbox', { name: 'Search operating systems' }).fill('generic or');
    await wizard()
      .getByRole('menuitem', { name: /Generic or unknown OS/ })
      .click();
    await next();
    await wizard().getByLabel('Memory (MiB)').waitFor();
    const accel = wizard().getByLabel('Acceleration');
    if (await accel.isVisible()) await accel.selectOption('qemu');
    await next();
    await next(); // Storage: the imported image is the disk
    await wizard().getByRole('radio', { name: 'No network' }).check();
    await next();
    await wizard().getByLabel('Name', { exact: true }).fill(NAME);
    await next();
    await wizard().getByRole('button', { name: 'Create', exact: true }).click();

    const canvas = page.getByRole('region', { name: 'Console', exact: true }).locator('canvas');
    await expect
      .poll(async () => linesOfText(await inkPerRow(canvas)), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(BOOTED_LINES);

    const xml = virsh('dumpxml', '--inactive', NAME);
    const disk = /<driver name='qemu' type='qcow2'\/>\s*<source file='([^']+)'/
      .exec(xml)?.[1]
      ?.replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
    expect(disk).toBeDefined();
    expect(virsh('vol-pool', disk!).trim()).toBe(POOL);
    expect(virsh('vol-dumpxml', disk!)).toContain("<format type='qcow2'/>");
    expect(sha256(VMDK)).toBe(vmdkSha);
  });
});
