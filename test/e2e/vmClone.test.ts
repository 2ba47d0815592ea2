/**
 * Cloning a VM over SSH in Chromium, as a user does, with what libvirt and the host's file system
 * hold afterwards. From the list: a full copy under a name with quotes, `$(...)`, `;` and unicode;
 * the dialog shows the plan (the disk copied, the CD-ROM only shared), the job runs to "ready",
 * the clone appears in the list, and its XML has the new name, a new UUID and MAC, and its disk
 * is a new volume while the original's is untouched. From the VM page: a linked clone, whose disk
 * is a qcow2 overlay backed by the original's, opened from the dialog's link. A running VM: cloned
 * only once pausing it is accepted, without linked, and running again afterwards.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../src/main/libvirt/connection';
import { defineDomain } from '../../src/main/libvirt/domain';
import {
  createDetailsPool,
  removeDetailsLeftovers,
  type DetailsPool,
} from '../support/detailsFixtures';
import { createQcow2, tcgDomainXml } from '../support/libvirtFixtures';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { virsh } from './support/qemuVm';
import { toolbarButton, vmList, vmRow } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

const PREFIX = 'vd-cloneui-';
const VM = `${PREFIX}source`;
const FULL = `${PREFIX}full 'ü' $(x);`;
const LINKED = `${PREFIX}linked`;
const RUNNING = `${PREFIX}running`;
const MAC = `52:54:00:${randomBytes(3).toString('hex').match(/../g)?.join(':')}`;

/** What a domain's XML says about the things a clone changes or keeps. */
function domainFacts(name: string) {
  const xml = virsh('dumpxml', name);
  const sources = [...xml.matchAll(/<disk type='file' device='(\w+)'>[\s\S]*?<\/disk>/g)].map(
    ([disk, device]) => ({ device, file: /<source file='([^']*)'/.exec(disk)?.[1] }),
  );
  return {
    name: /<name>([^<]*)<\/name>/.exec(xml)?.[1],
    uuid: /<uuid>([^<]*)<\/uuid>/.exec(xml)?.[1],
    mac: /<mac address='([^']*)'/.exec(xml)?.[1],
    disk: sources.find((s) => s.device === 'disk')?.file,
    cdrom: sources.find((s) => s.device === 'cdrom')?.file,
  };
}

/** libvirt's XML escapes what it writes: `'` as &apos; and so on. */
const unescapeXml = (text: string | undefined) =>
  text
    ?.replaceAll('&apos;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

describe('Clone a VM over SSH', () => {
  const local = new LocalHost();
  let conn: LibvirtConnection;
  let env: TestHostEnv;
  let pool: DetailsPool;
  let browser: Browser;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];
  let original: ReturnType<typeof domainFacts>;
  let sourceDisk: string;

  const cloneDialog = () => page.getByRole('dialog', { name: 'Clone virtual machine' });
  const progressDialog = (source: string) =>
    page.getByRole('dialog', { name: `Cloning '${source}'` });
  const nameField = (dialog: Locator) => dialog.getByRole('textbox', { name: 'Name of the clone' });
  const modeSelect = (dialog: Locator, disk: string) =>
    dialog.getByRole('combobox', { name: `How to clone ${disk}` });
  const volumeField = (dialog: Locator, disk: string) =>
    dialog.getByRole('textbox', { name: `New volume for ${disk}` });
  const poolVolume = (name: string) => `/var/lib/libvirt/images/${pool.name}/${name}`;

  /** Clone pressed; the job followed to its end, which must be the clone ready. */
  async function cloneAndWait(dialog: Locator, clone: string, source = VM): Promise<Locator> {
    await dialog.getByRole('button', { name: 'Clone', exact: true }).click();
    const progress = progressDialog(source);
    await progress.waitFor({ timeout: 30_000 });
    await progress.locator('.vd-job:not([data-phase="running"])').waitFor({ timeout: 150_000 });
    await screenshot(page, `vm-clone-end-${clone.slice(PREFIX.length, PREFIX.length + 4)}`);
    // A failed job's message is in the text: it says why.
    expect(await progress.textContent()).toContain(`'${clone}' is ready`);
    return progress;
  }

  beforeAll(async () => {
    env = loadTestHost();
    conn = await LibvirtConnection.open(local, 'qemu:///system');
    await removeDetailsLeftovers(conn.rpc, PREFIX);
    pool = await createDetailsPool(conn.rpc, PREFIX);
    // Named after the VM, as virt-install names disks: the clone's volume is named after the clone.
    const disk = await createQcow2(conn.rpc, pool.pool, `${VM}.qcow2`, 8);
    // A NIC whose MAC the clone must not keep (user networking: no network to set up).
    await defineDomain(
      conn.rpc,
      tcgDomainXml(VM, disk.path, pool.iso).replace(
        '<serial',
        `<interface type='user'><mac address='${MAC}'/><model type='virtio'/></interface>\n    <serial`,
      ),
    );
    sourceDisk = disk.path;
    const runningDisk = await createQcow2(conn.rpc, pool.pool, `${RUNNING}.qcow2`, 8);
    await defineDomain(conn.rpc, tcgDomainXml(RUNNING, runningDisk.path, pool.iso));
    original = domainFacts(VM);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, VM));
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await removeDetailsLeftovers(conn.rpc, PREFIX).catch(() => {});
    await conn?.close();
    await local.close();
    home?.remove();
  });

  it('clones from the list: a full copy under a name of its own, shown in the list', async () => {
    expect(original).toMatchObject({ name: VM, mac: MAC, disk: sourceDisk, cdrom: pool.iso });
    await vmRow(page, VM).click();
    await toolbarButton(page, 'Clone').click();
    const dialog = cloneDialog();
    await nameField(dialog).waitFor({ timeout: 30_000 });
    expect(await nameField(dialog).inputValue()).toBe(`${VM}-clone`);
    expect(await modeSelect(dialog, 'Disk vda').inputValue()).toBe('copy');
    // The CD-ROM is only shared, and no volume is asked for it.
    expect(await modeSelect(dialog, 'CD-ROM hdc').locator('option').allTextContents()).toEqual([
      'Share',
    ]);
    expect(await volumeField(dialog, 'CD-ROM hdc').count()).toBe(0);

    await nameField(dialog).fill(FULL);
    // The volume's name follows the clone's until typed: the source's renamed, as virt-clone does.
    const volume = `${FULL}.qcow2`;
    expect(await volumeField(dialog, 'Disk vda').inputValue()).toBe(volume);
    await screenshot(page, 'vm-clone-dialog');
    const progress = await cloneAndWait(dialog, FULL);
    await screenshot(page, 'vm-clone-done');
    await progress.getByRole('button', { name: 'Close' }).click();
    await progress.waitFor({ state: 'hidden' });

    await vmRow(page, FULL).waitFor({ timeout: 30_000 });
    const clone = domainFacts(FULL);
    expect(unescapeXml(clone.name)).toBe(FULL);
    expect(clone.uuid).not.toBe(original.uuid);
    expect(clone.mac).toBeDefined();
    expect(clone.mac).not.toBe(MAC);
    expect(unescapeXml(clone.disk)).toBe(poolVolume(volume));
    expect(existsSync(poolVolume(volume))).toBe(true);
    expect(clone.cdrom).toBe(pool.iso);
    // The original is as it was.
    expect(domainFacts(VM)).toEqual(original);
    expect(errors).toEqual([]);
  });

  it('clones from the VM page: a linked clone on the original, opened from the dialog', async () => {
    await vmRow(page, VM).getByRole('gridcell').first().dblclick();
    await page.getByRole('heading', { name: VM, level: 1 }).waitFor();
    await toolbarButton(page, 'Clone').click();
    const dialog = cloneDialog();
    await nameField(dialog).waitFor({ timeout: 30_000 });
    await nameField(dialog).fill(LINKED);
    await modeSelect(dialog, 'Disk vda').selectOption('linked');
    await dialog.getByText(`With a linked disk, '${VM}' becomes a template`).waitFor();
    await volumeField(dialog, 'Disk vda').fill(`${LINKED}.qcow2`);
    const progress = await cloneAndWait(dialog, LINKED);
    await progress.getByRole('button', { name: `Open '${LINKED}'` }).click();
    await page.getByRole('heading', { name: LINKED, level: 1 }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('dialog').count()).toBe(0);

    const clone = domainFacts(LINKED);
    expect(clone.disk).toBe(poolVolume(`${LINKED}.qcow2`));
    const volumeXml = virsh('vol-dumpxml', '--pool', pool.name, `${LINKED}.qcow2`);
    expect(/<backingStore>[\s\S]*<path>([^<]*)<\/path>/.exec(volumeXml)?.[1]).toBe(sourceDisk);
    expect(domainFacts(VM).disk).toBe(sourceDisk);
    await page.getByRole('button', { name: 'Virtual machines' }).click();
    await vmList(page).waitFor();
    await vmRow(page, LINKED).waitFor();
    expect(errors).toEqual([]);
  });

  it('clones a running VM once pausing it is accepted; it runs again after', async () => {
    virsh('start', RUNNING);
    await expect
      .poll(() => vmRow(page, RUNNING).textContent(), { timeout: 30_000 })
      .toContain('Running');
    await vmRow(page, RUNNING).click();
    await toolbarButton(page, 'Clone').click();
    const dialog = cloneDialog();
    await nameField(dialog).waitFor({ timeout: 30_000 });
    await dialog.getByText(`'${RUNNING}' is running.`).waitFor();
    expect(await modeSelect(dialog, 'Disk vda').locator('option').allTextContents()).toEqual([
      'Copy',
      'Share',
    ]);
    const submit = dialog.getByRole('button', { name: 'Clone', exact: true });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: /Pause the VM while its disks are copied/ }).check();
    expect(await submit.isDisabled()).toBe(false);
    await screenshot(page, 'vm-clone-running');
    const progress = await cloneAndWait(dialog, `${RUNNING}-clone`, RUNNING);
    await progress.getByRole('button', { name: 'Close' }).click();

    await vmRow(page, `${RUNNING}-clone`).waitFor({ timeout: 30_000 });
    expect(virsh('domstate', RUNNING).trim()).toBe('running');
    expect(domainFacts(`${RUNNING}-clone`).disk).toBe(poolVolume(`${RUNNING}-clone.qcow2`));
    expect(errors).toEqual([]);
  });
});
