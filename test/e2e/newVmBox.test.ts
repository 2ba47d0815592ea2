/**
 * A Vagrant box in the New VM wizard, in Chromium over the private sshd: the box (built here
 * around the tiny bootable image) is uploaded from the browser and read; the page says what it
 * holds (a Vagrant box, box.img in qcow2 on the SATA bus) and pre-fills the memory and the name;
 * the VM is created and its console shows the image booted. A second VM from the same box, read
 * from the host this time, reuses the base: the pool holds one base, and both VMs' disks are
 * overlays on it.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { buildBox } from '../integration/appliances/vagrantBoxFixtures';
import { launchChromium, screenshot } from './support/browser';
import { BOOTED_LINES, inkPerRow, linesOfText } from './support/canvas';
import { closeAppOverSsh, openAppOverSsh, type AppOverSsh } from './support/appOverSsh';
import { HostScratch } from './support/hostScratch';
import { virsh } from './support/qemuVm';

const tag = Math.random().toString(16).slice(2, 8);
const POOL = `box-e2e-${tag}`;
const NET = `box-e2e-${tag}`;
const BOX_STEM = `box-e2e-${tag} ü`;
const BASE = `${BOX_STEM}.box.img`;
const VM_ONE = `box-e2e ${tag} "one"`;
const VM_TWO = `box-e2e ${tag} two ✓`;

/** The pool's volume names (this virsh has no `vol-list --name`: the table's first column). */
function volumeNames(): string[] {
  return virsh('vol-list', '--pool', POOL)
    .split('\n')
    .slice(2)
    .map((line) => /^\s*(.+?)\s{2,}\//.exec(line)?.[1])
    .filter((name): name is string => !!name);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The VM's disk file and the backing file of that volume, as libvirt says. */
function diskAndBacking(vm: string): { disk: string; backing?: string } {
  const xml = virsh('dumpxml', '--inactive', vm);
  const disk = /<disk type='file' device='disk'>[\s\S]*?<source file='([^']+)'/.exec(xml)?.[1];
  if (!disk) throw new Error(`${vm} has no disk`);
  const vol = virsh('vol-dumpxml', unescapeXml(disk));
  const backing = /<backingStore>\s*<path>([^<]+)<\/path>/.exec(vol)?.[1];
  return { disk: unescapeXml(disk), backing: backing && unescapeXml(backing) };
}

describe('New VM from a Vagrant box over SSH', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let opened: AppOverSsh | undefined;
  let page: Page;
  const scratch = new HostScratch();
  let dir: string;
  let boxPath: string;
  const wizard = () => page.getByRole('dialog', { name: 'New virtual machine' });
  const next = () => wizard().getByRole('button', { name: 'Next', exact: true }).click();
  const appliance = () => wizard().getByRole('region', { name: 'Appliance' });

  beforeAll(async () => {
    env = loadTestHost();
    // Readable by the SSH user: the second read takes the box from the host.
    dir = mkdtempSync(join(tmpdir(), 'box-e2e-'));
    scratch.localPath(dir);
    chmodSync(dir, 0o755);
    boxPath = await buildBox(dir, `${BOX_STEM}.box`);
    chmodSync(boxPath, 0o644);
    // The pool's folder holds the base, its sidecar and the overlays: removed whole.
    scratch.dirPool(POOL, `/var/lib/libvirt/images/${POOL}`);
    scratch.isolatedNetwork(NET, dir, { octet: 233 });
    for (const name of [VM_ONE, VM_TWO]) scratch.vm(name);
    browser = await launchChromium();
    opened = await openAppOverSsh(browser, env);
    ({ page } = opened);
  }, 180_000);

  afterAll(async () => {
    scratch.remove();
    await closeAppOverSsh(opened);
    await browser?.close();
  });

  /** From the read's end to the Create button: the OS, memory, network and name pages. */
  async function finishWizard(name: string) {
    await next();
    await wizard().getByRole('textbox', { name: 'Search operating systems' }).fill('generic or');
    await wizard()
      .getByRole('menuitem', { name: /Generic or unknown OS/ })
      .click();
    await next();
    // The Vagrantfile's libvirt.memory, pre-filled.
    await expect.poll(() => wizard().getByLabel('Memory (MiB)').inputValue()).toBe('96');
    await wizard().getByLabel('Memory (MiB)').fill('128');
    const accel = wizard().getByLabel('Acceleration');
    if (await accel.isVisible()) await accel.selectOption('qemu');
    await next();
    await wizard().getByLabel('Network', { exact: true }).selectOption(NET);
    await next();
    // The box's name, pre-filled from its file name.
    await expect
      .poll(() => wizard().getByLabel('Name', { exact: true }).inputValue())
      .toBe(BOX_STEM);
    await wizard().getByLabel('Name', { exact: true }).fill(name);
    await next();
    await wizard().getByRole('button', { name: 'Create', exact: true }).click();
    const canvas = page.getByRole('region', { name: 'Console', exact: true }).locator('canvas');
    await expect
      .poll(async () => linesOfText(await inkPerRow(canvas)), { timeout: 90_000 })
      .toBeGreaterThanOrEqual(BOOTED_LINES);
  }

  async function readIn() {
    await appliance().getByLabel('Storage pool for its disks').selectOption(POOL);
    await appliance().getByRole('button', { name: 'Read appliance' }).click();
    const found = appliance().getByLabel('What the appliance holds');
    await expect
      .poll(async () => (await found.isVisible()) && (await found.innerText()), {
        timeout: 120_000,
      })
      .toContain('Vagrant box');
    const text = await found.innerText();
    expect(text).toContain(BOX_STEM);
    expect(text).toContain('box.img: QCOW2, 1.0 GiB, SATA');
  }

  it('uploads the box from the browser, pre-fills the pages, creates the VM that boots', async () => {
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().waitFor();
    await wizard().getByRole('radio', { name: 'Appliance: OVA / OVF or Vagrant box' }).check();
    await appliance().getByLabel('Appliance file(s)').setInputFiles(boxPath);
    await readIn();
    await screenshot(page, 'new-vm-box-read');
    await finishWizard(VM_ONE);
    await screenshot(page, 'new-vm-box-console');
    const one = diskAndBacking(VM_ONE);
    expect(one.backing).toBe(`/var/lib/libvirt/images/${POOL}/${BASE}`);
    expect(virsh('dumpxml', '--inactive', VM_ONE)).toMatch(/<target dev='sda' bus='sata'\/>/);
  }, 300_000);

  it('a second VM from the same box, read on the host, is an overlay on the same base', async () => {
    await page.goto(opened!.app.url.replace(/#.*$/, ''));
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().getByRole('radio', { name: 'Appliance: OVA / OVF or Vagrant box' }).check();
    await appliance().getByRole('radio', { name: 'On the host' }).check();
    await appliance()
      .getByLabel(/Path on the host/)
      .fill(boxPath);
    await readIn();
    await finishWizard(VM_TWO);
    const two = diskAndBacking(VM_TWO);
    expect(two.backing).toBe(`/var/lib/libvirt/images/${POOL}/${BASE}`);
    expect(two.disk).not.toBe(diskAndBacking(VM_ONE).disk);
    const bases = volumeNames().filter((v) => v.includes('.box.img'));
    expect(bases.sort()).toEqual([BASE, `${BASE}.sha256`]);
  }, 300_000);
});
