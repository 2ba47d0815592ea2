/**
 * The VM details page over SSH on a real QEMU guest (TCG), as a user drives it in Chromium, with
 * what libvirt then holds read behind the app's back (virsh on the host): memory and vCPUs of
 * the shut-off VM; a new qcow2 volume and a NIC hot-added to the running VM (live XML); the
 * CD-ROM's ISO ejected and inserted live; XML that libvirt refuses shows libvirt's message in
 * the XML tab and changes nothing.
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

const VM = `vdk-details-e2e 'ü' $(x);`;
const NEW_MAC = '52:54:00:0d:e7:42';

describe('VM details over SSH', () => {
  const local = new LocalHost();
  let conn: LibvirtConnection;
  let env: TestHostEnv;
  let pool: DetailsPool;
  let network: string;
  let browser: Browser;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];

  const configXml = () => virsh('dumpxml', '--inactive', VM);
  const liveXml = () => virsh('dumpxml', VM);
  const panel = (name: string) => page.getByRole('tabpanel', { name });
  const card = (name: string): Locator => panel('Details').getByRole('article', { name });
  const hardwareModal = () => page.getByRole('dialog', { name: 'Add hardware' });

  beforeAll(async () => {
    env = loadTestHost();
    conn = await LibvirtConnection.open(local, 'qemu:///system');
    await removeDetailsLeftovers(conn.rpc);
    pool = await createDetailsPool(conn.rpc);
    network = await createDetailsNetwork(conn.rpc, 42);
    await defineDetailsVm(conn.rpc, VM, pool);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, VM));
    await vmRow(page, VM).getByRole('gridcell').first().dblclick();
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await removeDetailsLeftovers(conn.rpc).catch(() => {});
    await conn?.close();
    await local.close();
    home?.remove();
  });

  it('changes memory and vCPUs of the shut-off VM; libvirt holds them', async () => {
    await page.getByRole('tab', { name: 'Details' }).click();
    const memory = card('Memory');
    await memory.getByRole('spinbutton', { name: 'Maximum memory (MiB)' }).fill('96');
    await memory.getByRole('spinbutton', { name: 'Current memory (MiB)' }).fill('80');
    await memory.getByRole('button', { name: 'Apply memory' }).click();
    await expect
      .poll(configXml, { timeout: 15_000 })
      .toContain("<memory unit='KiB'>98304</memory>");
    expect(configXml()).toContain("<currentMemory unit='KiB'>81920</currentMemory>");
    const cpus = card('CPUs');
    await cpus.getByRole('spinbutton', { name: 'Maximum vCPUs' }).fill('3');
    await cpus.getByRole('spinbutton', { name: 'vCPUs', exact: true }).fill('2');
    await cpus.getByRole('button', { name: 'Apply vCPUs' }).click();
    await expect
      .poll(configXml, { timeout: 15_000 })
      .toContain("<vcpu placement='static' current='2'>3</vcpu>");
    await screenshot(page, 'vm-details-memory-vcpus');
  });

  it('hot-adds a new qcow2 volume and a NIC to the running VM: both in the live XML', async () => {
    virsh('start', VM);
    await expect.poll(() => card('CPUs').isVisible(), { timeout: 15_000 }).toBe(true);
    await panel('Details').getByRole('button', { name: 'Add hardware' }).click();
    let dialog = hardwareModal();
    await dialog.getByRole('textbox', { name: 'Storage pool' }).fill(pool.name);
    await dialog.getByRole('textbox', { name: 'Volume name' }).fill('e2e-hot.qcow2');
    await dialog.getByRole('spinbutton', { name: 'Size (MiB)' }).fill('16');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(liveXml, { timeout: 15_000 }).toContain(`${pool.name}/e2e-hot.qcow2`);
    expect(configXml()).toContain('e2e-hot.qcow2');

    await panel('Details').getByRole('button', { name: 'Add hardware' }).click();
    dialog = hardwareModal();
    await dialog
      .getByRole('combobox', { name: 'Hardware type' })
      .selectOption({ label: 'Network' });
    await dialog.getByRole('textbox', { name: 'Network or bridge name' }).fill(network);
    await dialog.getByRole('textbox', { name: 'MAC address (empty: random)' }).fill(NEW_MAC);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(liveXml, { timeout: 15_000 }).toContain(`<mac address='${NEW_MAC}'/>`);
    await expect.poll(() => card(`NIC ${NEW_MAC}`).isVisible()).toBe(true);
    await screenshot(page, 'vm-details-hot-added');
  });

  it('ejects and inserts the ISO in the CD-ROM of the running VM', async () => {
    const cdrom = card('CD-ROM hdc');
    await cdrom.getByRole('button', { name: 'Eject' }).click();
    await expect.poll(liveXml, { timeout: 15_000 }).not.toContain(pool.iso);
    await cdrom.getByRole('textbox', { name: 'ISO path for hdc' }).fill(pool.iso);
    await cdrom.getByRole('button', { name: 'Insert media' }).click();
    await expect.poll(liveXml, { timeout: 15_000 }).toContain(`<source file='${pool.iso}'`);
  });

  it('shows libvirt’s message for XML it refuses, and changes nothing', async () => {
    const before = configXml();
    await page.getByRole('tab', { name: 'XML' }).click();
    const editor = panel('XML').getByRole('textbox', { name: 'Persistent XML' });
    await expect.poll(() => editor.inputValue()).toContain('<domain');
    const text = await editor.inputValue();
    await editor.fill(text.replace('<devices>', '<devices>\n    <bogus-device/>'));
    await panel('XML').getByRole('button', { name: 'Define XML' }).click();
    const alert = panel('XML').getByRole('alert').filter({ hasText: 'libvirt refused' });
    await alert.waitFor();
    // libvirt's own words from its schema validation, shown as they came.
    expect(await alert.textContent()).toMatch(/Relax-NG|validate|schema/i);
    await screenshot(page, 'vm-details-xml-refused');
    expect(configXml()).toBe(before);
    expect(errors).toEqual([]);
  });
});
