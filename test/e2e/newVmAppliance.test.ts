/**
 * The New VM wizard's appliance source in Chromium over the private sshd: an OVA built here (the
 * tiny bootable hybrid ISO as a streamOptimized VMDK, an ovftool-style OVF, a manifest) is chosen
 * in the browser and read into a pool of the host; the page shows what the OVF holds and fills
 * the next pages (OS, memory, vCPUs, name); the VM is created, its console shows the banner, and
 * libvirt holds a qcow2 disk in the pool and nothing staged. Then a tar that is no appliance:
 * its message on the Source page, no volume left.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import {
  buildOva,
  type BuiltAppliance,
  type OvfFacts,
} from '../integration/appliances/ovaFixtures';
import { launchChromium, screenshot } from './support/browser';
import { BOOTED_LINES, inkPerRow, linesOfText } from './support/canvas';
import { closeAppOverSsh, openAppOverSsh, type AppOverSsh } from './support/appOverSsh';
import { HostScratch } from './support/hostScratch';
import { virsh } from './support/qemuVm';

const tag = Math.random().toString(16).slice(2, 8);
const POOL = `ova-e2e-pool-${tag}`;
const POOL_PATH = `/var/lib/libvirt/images/${POOL}`;
const NET = `ova-e2e-net-${tag}`;
const facts: OvfFacts = {
  name: `ova e2e ${tag} "ü"`,
  memoryMiB: 200,
  vcpus: 2,
  disk: 'disk1.vmdk',
  nics: ['E1000'],
};

const volumes = () =>
  virsh('vol-list', '--pool', POOL)
    .split('\n')
    .slice(2)
    .map((line) => line.trim())
    .filter(Boolean);

describe('New VM from an OVA appliance over SSH', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let opened: AppOverSsh | undefined;
  let page: Page;
  const scratch = new HostScratch();
  let localDir: string;
  let built: BuiltAppliance;
  const wizard = () => page.getByRole('dialog', { name: 'New virtual machine' });
  const next = () => wizard().getByRole('button', { name: 'Next', exact: true }).click();
  const source = () => wizard().getByRole('region', { name: 'Appliance' });

  beforeAll(async () => {
    env = loadTestHost();
    localDir = mkdtempSync(join(tmpdir(), 'ova-e2e-'));
    scratch.localPath(localDir);
    built = await buildOva(join(localDir, 'ova'), 'appliance', facts);
    scratch.dirPool(POOL, POOL_PATH);
    scratch.isolatedNetwork(NET, localDir, { bridge: `vdkovae${tag}` });
    scratch.vm(facts.name, { withStorage: true });
    browser = await launchChromium();
    opened = await openAppOverSsh(browser, env);
    ({ page } = opened);
  }, 180_000);

  afterAll(async () => {
    scratch.remove();
    await closeAppOverSsh(opened);
    await browser?.close();
  });

  it('reads the uploaded OVA, pre-fills the pages, creates the VM and shows its console', async () => {
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().waitFor();
    await wizard().getByRole('radio', { name: 'Appliance: OVA / OVF or Vagrant box' }).check();
    await source().locator('#vd-appliance-files').setInputFiles(built.ova);
    await source().getByLabel('Storage pool for its disks').selectOption(POOL);
    await source().getByRole('button', { name: 'Read appliance' }).click();
    await expect
      .poll(
        () =>
          source()
            .getByText(/disk1\.vmdk: VMDK/)
            .count(),
        { timeout: 60_000 },
      )
      .toBe(1);
    expect(await source().getByText('BIOS', { exact: true }).count()).toBe(1);
    expect(await source().getByText('e1000', { exact: true }).count()).toBe(1);
    // Staged: the VMDK is in the pool as the read left it.
    expect(volumes().some((line) => line.startsWith('virtdeck-stage-'))).toBe(true);
    await screenshot(page, 'new-vm-appliance-read');
    await next();

    await expect
      .poll(() =>
        wizard()
          .getByText(/Debian 11/)
          .count(),
      )
      .toBeGreaterThan(0);
    await next();
    await expect
      .poll(() => wizard().getByLabel('Memory (MiB)').inputValue())
      .toBe(String(facts.memoryMiB));
    expect(await wizard().getByLabel('vCPUs').inputValue()).toBe(String(facts.vcpus));
    // TCG: this machine's nested KVM stops isolinux's real-mode code.
    const accel = wizard().getByLabel('Acceleration');
    if (await accel.isVisible()) await accel.selectOption('qemu');
    await next();

    await wizard().getByLabel('Network', { exact: true }).selectOption(NET);
    await next();
    expect(await wizard().getByLabel('Name', { exact: true }).inputValue()).toBe(facts.name);
    await next();
    await wizard().getByRole('button', { name: 'Create', exact: true }).click();

    const canvas = page.getByRole('region', { name: 'Console', exact: true }).locator('canvas');
    await expect
      .poll(async () => linesOfText(await inkPerRow(canvas)), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(BOOTED_LINES);
    await screenshot(page, 'new-vm-appliance-console');

    const xml = virsh('dumpxml', '--inactive', facts.name);
    expect(xml).toContain("<memory unit='KiB'>204800</memory>");
    expect(xml).toMatch(/<driver name='qemu' type='qcow2'\/>/);
    expect(xml).toContain("<model type='e1000'/>");
    // Only the VM's converted disk is left of the appliance in the pool.
    expect(volumes()).toHaveLength(1);
    expect(volumes()[0]).toMatch(/\.qcow2\s/);
  });

  it('a tar that is no appliance: its message on the Source page, nothing left in the pool', async () => {
    const before = volumes();
    const notes = join(localDir, 'notes.ova');
    writeFileSync(join(localDir, 'readme.txt'), 'not an appliance\n');
    execFileSync('tar', ['-cf', notes, '-C', localDir, 'readme.txt']);
    await page.goto(opened!.app.url.replace(/#.*$/, ''));
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().getByRole('radio', { name: 'Appliance: OVA / OVF or Vagrant box' }).check();
    // Next before any read: the Source page says what is missing.
    await next();
    await expect
      .poll(
        () =>
          source()
            .getByText(/Read an appliance first/)
            .count(),
        { timeout: 20_000 },
      )
      .toBe(1);
    await source().locator('#vd-appliance-files').setInputFiles(notes);
    await source().getByLabel('Storage pool for its disks').selectOption(POOL);
    await source().getByRole('button', { name: 'Read appliance' }).click();
    await expect
      .poll(
        () =>
          source()
            .getByText(/neither an OVA \/ OVF appliance nor a Vagrant box/)
            .count(),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    expect(volumes()).toEqual(before);
  });
});
