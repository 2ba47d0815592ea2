/**
 * A network install through the wizard in Chromium over the private sshd: the test serves an
 * install tree over HTTP (Fedora's images/pxeboot layout; syslinux's memdisk as the kernel and the
 * tiny ISO as the initrd, offline stand-ins for a distribution's), the user types its URL and the
 * kernel arguments ("iso raw"), and the console opens on the guest booting them; libvirt's live
 * XML has the kernel and initrd from the chosen pool and the typed command line.
 *
 * Then the install's first reboot: the guest presses Ctrl+Alt+Del (a reset, which the install
 * XML turns into a stop), the app starts it again from the final definition (boot from the disk,
 * no kernel) and the open console reconnects to the new QEMU and shows that boot.
 */
import { createReadStream, mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
const POOL = `vdk-wizard2-net-${tag}`;
const POOL_PATH = `/var/lib/libvirt/images/${POOL}`;
const NAME = `vdk-wizard2-netinstall-${tag}`;

describe('New VM wizard: network install over SSH', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let opened: AppOverSsh | undefined;
  let page: Page;
  const scratch = new HostScratch();
  let server: Server;
  let treeUrl: string;
  const wizard = () => page.getByRole('dialog', { name: 'New virtual machine' });
  const next = () => wizard().getByRole('button', { name: 'Next', exact: true }).click();

  beforeAll(async () => {
    env = loadTestHost();
    const work = mkdtempSync(join(tmpdir(), 'vdk-wizard2-tree-'));
    scratch.localPath(work);
    await buildTinyIso(join(work, 'tree.iso'), 'VDK WIZARD2 TREE');
    const files: Record<string, string> = {
      '/tree/images/pxeboot/vmlinuz': '/usr/lib/syslinux/memdisk',
      '/tree/images/pxeboot/initrd.img': join(work, 'tree.iso'),
    };
    server = createServer((req, res) => {
      const file = files[req.url ?? ''];
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-length': statSync(file).size });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    treeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tree/`;
    scratch.dirPool(POOL, POOL_PATH);
    scratch.vm(NAME);
    browser = await launchChromium();
    opened = await openAppOverSsh(browser, env);
    ({ page } = opened);
  }, 180_000);

  afterAll(async () => {
    scratch.remove();
    await new Promise((resolve) => server?.close(resolve));
    await closeAppOverSsh(opened);
    await browser?.close();
  });

  it('boots the tree with the typed kernel arguments, then restarts from the disk', async () => {
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard()
      .getByRole('radio', { name: /Network install/ })
      .check();
    await wizard().getByLabel('Install tree URL').fill(treeUrl);
    await wizard().getByLabel('Kernel arguments').fill('iso raw');
    await next();
    await wizard().getByRole('textbox', { name: 'Search operating systems' }).fill('generic or');
    await wizard()
      .getByRole('menuitem', { name: /Generic or unknown OS/ })
      .click();
    await next();
    await wizard().getByLabel('Memory (MiB)').fill('128');
    await wizard().getByLabel('vCPUs').fill('1');
    // This machine's nested KVM hangs isolinux; QEMU's emulation boots it.
    const accel = wizard().getByLabel('Acceleration');
    if (await accel.isVisible()) await accel.selectOption('qemu');
    await next();
    await wizard().getByLabel('Storage pool').selectOption(POOL);
    await wizard().getByLabel('Disk size (GiB)').fill('0.1');
    await next();
    await wizard().getByRole('radio', { name: 'No network' }).check();
    await next();
    await wizard().getByLabel('Name', { exact: true }).fill(NAME);
    await next();
    await wizard().getByText(`${treeUrl} — iso raw`).waitFor();
    await wizard().getByRole('button', { name: 'Create', exact: true }).click();

    const canvas = page.getByRole('region', { name: 'Console', exact: true }).locator('canvas');
    await expect
      .poll(async () => linesOfText(await inkPerRow(canvas)), { timeout: 90_000 })
      .toBeGreaterThanOrEqual(BOOTED_LINES);
    await screenshot(page, 'new-vm-net-install');
    const live = virsh('dumpxml', NAME);
    expect(live).toContain(`<kernel>${POOL_PATH}/${NAME}-kernel</kernel>`);
    expect(live).toContain(`<initrd>${POOL_PATH}/${NAME}-initrd</initrd>`);
    expect(live).toContain('<cmdline>iso raw</cmdline>');

    // The first reboot: a new QEMU from the final definition, and the console follows it.
    const firstId = virsh('domid', NAME).trim();
    const before = JSON.stringify(await inkPerRow(canvas));
    virsh('send-key', NAME, 'KEY_LEFTCTRL', 'KEY_LEFTALT', 'KEY_DELETE');
    const restarted = () => {
      const id = virsh('domid', NAME).trim();
      return /^\d+$/.test(id) && id !== firstId;
    };
    await expect.poll(restarted, { timeout: 30_000 }).toBe(true);
    const again = virsh('dumpxml', NAME);
    expect(again).not.toContain('<kernel>');
    expect(again).toMatch(/<boot dev='hd'\/>/);
    // SeaBIOS now tries the (empty) disk: a different screen, drawn through a new connection.
    await expect
      .poll(
        async () => {
          const rows = await inkPerRow(canvas).catch(() => []);
          return linesOfText(rows) >= 2 && JSON.stringify(rows) !== before;
        },
        { timeout: 90_000 },
      )
      .toBe(true);
    await screenshot(page, 'new-vm-after-first-reboot');
  });
});
