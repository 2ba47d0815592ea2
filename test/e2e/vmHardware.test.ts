/**
 * The details page's hardware cards over SSH on a real QEMU guest (TCG), driven in Chromium,
 * with what libvirt then holds read behind the app's back (virsh on the host): a display
 * password set (and never shown), a NIC's model, a video model, a disk grown and its new size on
 * the card; an XML error marked at the line it comes from; on the running guest: the CPU graph
 * drawing new samples, an ISO picked from a pool inserted live, and a CD-ROM the guest cannot
 * lose live removed at the next shutdown instead.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../src/main/libvirt/connection';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import {
  createDetailsNetwork,
  createDetailsPool,
  defineDetailsVm,
  removeDetailsLeftovers,
  type DetailsPool,
} from '../support/detailsFixtures';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { virsh } from './support/qemuVm';
import { vmRow } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

const PREFIX = 'vdk-details2-';
const VM = `${PREFIX}e2e 'ü' $(x);`;
const MAC = '52:54:00:0d:e9:01';

describe('VM hardware cards over SSH', () => {
  const local = new LocalHost();
  let conn: LibvirtConnection;
  let env: TestHostEnv;
  let pool: DetailsPool;
  let browser: Browser;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];

  const configXml = () => virsh('dumpxml', '--inactive', '--security-info', VM);
  const liveXml = () => virsh('dumpxml', VM);
  const panel = (name: string) => page.getByRole('tabpanel', { name });
  const card = (name: string): Locator => panel('Details').getByRole('article', { name });
  const details = async () => {
    await page.getByRole('tab', { name: 'Details' }).click();
    await card('CPUs').waitFor({ timeout: 30_000 });
  };

  beforeAll(async () => {
    env = loadTestHost();
    conn = await LibvirtConnection.open(local, 'qemu:///system');
    await removeDetailsLeftovers(conn.rpc, PREFIX);
    pool = await createDetailsPool(conn.rpc, PREFIX);
    const network = await createDetailsNetwork(conn.rpc, 78, PREFIX);
    await defineDetailsVm(conn.rpc, VM, pool, { nic: { network, mac: MAC } });
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, VM));
    await vmRow(page, VM).getByRole('gridcell').first().dblclick();
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await removeDetailsLeftovers(conn.rpc, PREFIX).catch(() => {});
    await conn?.close();
    await local.close();
    home?.remove();
  });

  it('sets the display password: libvirt holds it, the page only says there is one', async () => {
    await details();
    const display = card('Display VNC');
    await display.getByLabel('New password').fill('s3cr ü');
    await display.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(configXml, { timeout: 15_000 }).toContain("passwd='s3cr ü'");
    await display.getByRole('button', { name: 'Clear password' }).waitFor();
    expect(await display.getByLabel('New password').inputValue()).toBe('');
    expect(await page.content()).not.toContain('s3cr ü');
  });

  it('changes the NIC model and the video model of the shut-off VM', async () => {
    const nic = card(`NIC ${MAC}`);
    await nic.getByRole('combobox', { name: 'Model' }).selectOption('e1000e');
    await nic.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(configXml, { timeout: 15_000 }).toContain("<model type='e1000e'/>");
    const video = panel('Details').getByRole('article', { name: /^Video / });
    await video.getByRole('combobox', { name: 'Model' }).selectOption('virtio');
    await video.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(configXml, { timeout: 15_000 }).toMatch(/<video>\s*<model type='virtio'/);
  });

  it('grows the disk; the card shows the new size', async () => {
    const disk = card('Disk vda');
    await disk.getByText('Size: 8.0 MiB').waitFor();
    await disk.getByRole('spinbutton', { name: 'New size of vda (GiB)' }).fill('1');
    await disk.getByRole('button', { name: 'Resize' }).click();
    await disk.getByText('Size: 1.0 GiB').waitFor({ timeout: 15_000 });
    await screenshot(page, 'vm-hardware-cards');
  });

  it('marks the line of the XML libvirt refuses and shows its message there', async () => {
    const before = configXml();
    await page.getByRole('tab', { name: 'XML' }).click();
    const editor = panel('XML').getByRole('textbox', { name: 'Persistent XML' });
    await expect.poll(() => editor.inputValue()).toContain('<domain');
    const text = await editor.inputValue();
    const edited = text.replace('<devices>', '<devices>\n    <bogus-device/>');
    const line = edited.split('\n').findIndex((l) => l.includes('<bogus-device/>')) + 1;
    await editor.fill(edited);
    await panel('XML').getByRole('button', { name: 'Define XML' }).click();
    const mark = panel('XML').getByRole('note', { name: `Problem at line ${line}` });
    await mark.waitFor();
    expect(await mark.textContent()).toMatch(/Extra element devices/);
    // The cursor is put on that line.
    const selected = await editor.evaluate((el) => {
      const area = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    expect(selected.trim()).toBe('<bogus-device/>');
    await screenshot(page, 'vm-hardware-xml-error-line');
    expect(configXml()).toBe(before);
    await panel('XML').getByRole('button', { name: 'Revert' }).click();
  });

  it('running: the CPU graph draws new samples as they come', async () => {
    virsh('start', VM);
    await page.getByRole('tab', { name: 'Overview' }).click();
    const canvas = page
      .getByRole('img', { name: /^CPU and memory/ })
      .locator('canvas')
      .first();
    await canvas.waitFor({ timeout: 30_000 });
    const pixels = () =>
      canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
    const first = await pixels();
    await expect.poll(pixels, { timeout: 30_000 }).not.toBe(first);
  });

  it('running: inserts an ISO picked from a pool, live', async () => {
    await details();
    const cdrom = card('CD-ROM hdc');
    await cdrom.getByRole('button', { name: 'Eject' }).click();
    await expect.poll(liveXml, { timeout: 15_000 }).not.toContain('tiny.iso');
    await cdrom.getByRole('combobox', { name: 'Storage pool for hdc' }).selectOption(pool.name);
    const volume = cdrom.getByRole('combobox', { name: 'Volume for hdc' });
    await expect.poll(() => volume.locator('option').allTextContents()).toContain('tiny.iso');
    await volume.selectOption('tiny.iso');
    await cdrom.getByRole('button', { name: 'Insert volume' }).click();
    await expect
      .poll(liveXml, { timeout: 15_000 })
      .toContain(`<source pool='${pool.name}' volume='tiny.iso'`);
  });

  it('running: a CD-ROM the guest cannot lose live is removed at the next shutdown', async () => {
    const cdrom = card('CD-ROM hdc');
    await cdrom.getByRole('button', { name: 'Remove CD-ROM hdc' }).click();
    const later = cdrom.getByRole('button', { name: 'Remove at next shutdown' });
    await later.waitFor({ timeout: 15_000 });
    expect(configXml()).toContain("<target dev='hdc'");
    await later.click();
    await expect.poll(configXml, { timeout: 15_000 }).not.toContain("<target dev='hdc'");
    expect(liveXml()).toContain("<target dev='hdc'");
    await cdrom.getByText('Until next shutdown').waitFor();
    await panel('Details')
      .getByText('Changes will take effect after the next guest shutdown.')
      .waitFor();
    await screenshot(page, 'vm-hardware-remove-at-shutdown');
    expect(errors).toEqual([]);
  });
});
