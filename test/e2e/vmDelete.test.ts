/**
 * Deleting VMs over SSH in Chromium, as a user does, with what libvirt and the host's file system
 * hold afterwards. A running VM is deleted from its page: the dialog offers its own disk checked
 * and leaves unchecked, saying why, a disk another VM uses, the base of a linked clone and the
 * CD-ROM; it asks before forcing the VM off; the page goes back to the list without the VM, its
 * own volume is gone and the others stay. Then the other VM is deleted from the list: the shared
 * disk, now used by no other VM, is offered checked and goes with it.
 */
import { existsSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../src/main/libvirt/connection';
import { defineDomain } from '../../src/main/libvirt/domain';
import { createVolume, getVolumePath } from '../../src/main/libvirt/storageVolume';
import {
  createDetailsPool,
  removeDetailsLeftovers,
  type DetailsPool,
} from '../support/detailsFixtures';
import { createQcow2, tcgDomainXml, xmlEscape } from '../support/libvirtFixtures';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { virsh } from './support/qemuVm';
import { toolbarButton, vmList, vmRow } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

const PREFIX = 'vd-delui-';
const VM = `${PREFIX}e2e 'ü' $(x);`;
const OTHER = `${PREFIX}other`;

/** A qcow2 disk element for the guest's XML. */
const diskXml = (path: string, dev: string) =>
  `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>` +
  `<source file='${xmlEscape(path)}'/><target dev='${dev}' bus='virtio'/></disk>\n    `;

describe('Delete a VM over SSH', () => {
  const local = new LocalHost();
  let conn: LibvirtConnection;
  let env: TestHostEnv;
  let pool: DetailsPool;
  /** Paths: the VM's own disk (pool.disk), one shared with OTHER, a linked clone's base. */
  let shared: string;
  let base: string;
  let clone: string;
  let browser: Browser;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];

  const volumes = () =>
    virsh('vol-list', '--pool', pool.name)
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/)[0])
      .filter(Boolean)
      .sort();
  // Its title turns to the force-off question's for a running VM.
  const deleteDialog = () =>
    page.getByRole('dialog', { name: /Delete virtual machine|Force off and delete/ });
  const diskBox = (dialog: Locator, path: string) =>
    dialog.getByRole('checkbox', { name: path, exact: true });
  /** The line under a disk's checkbox (PatternFly puts the description beside the input). */
  const diskRow = (dialog: Locator, path: string) =>
    dialog
      .locator('.pf-v6-c-check')
      .filter({ has: page.getByRole('checkbox', { name: path, exact: true }) });

  beforeAll(async () => {
    env = loadTestHost();
    conn = await LibvirtConnection.open(local, 'qemu:///system');
    await removeDetailsLeftovers(conn.rpc, PREFIX);
    pool = await createDetailsPool(conn.rpc, PREFIX);
    shared = (await createQcow2(conn.rpc, pool.pool, 'shared.qcow2', 8)).path;
    base = (await createQcow2(conn.rpc, pool.pool, 'base.qcow2', 8)).path;
    const cloneVol = await createVolume(
      conn.rpc,
      pool.pool,
      `<volume><name>clone.qcow2</name><capacity unit='MiB'>8</capacity>` +
        `<target><format type='qcow2'/></target>` +
        `<backingStore><path>${xmlEscape(base)}</path><format type='qcow2'/></backingStore></volume>`,
    );
    clone = await getVolumePath(conn.rpc, cloneVol);
    await defineDomain(
      conn.rpc,
      tcgDomainXml(VM, pool.disk, pool.iso).replace(
        "<disk type='file' device='cdrom'>",
        `${diskXml(shared, 'vdb')}${diskXml(base, 'vdc')}<disk type='file' device='cdrom'>`,
      ),
    );
    await defineDomain(conn.rpc, tcgDomainXml(OTHER, shared, pool.iso));
    virsh('start', VM);
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

  it('deletes a running VM from its page with its own disk; shared, base and ISO stay', async () => {
    await expect
      .poll(() => vmRow(page, VM).textContent(), { timeout: 30_000 })
      .toContain('Running');
    await vmRow(page, VM).getByRole('gridcell').first().dblclick();
    await page.getByRole('heading', { name: VM, level: 1 }).waitFor();
    await toolbarButton(page, 'Delete').click();
    const dialog = deleteDialog();
    await diskBox(dialog, pool.disk).waitFor({ timeout: 30_000 });

    expect(await diskBox(dialog, pool.disk).isChecked()).toBe(true);
    expect(await diskBox(dialog, shared).isChecked()).toBe(false);
    expect(await diskRow(dialog, shared).textContent()).toContain(
      `Left unchecked: it is used by ${OTHER}`,
    );
    expect(await diskBox(dialog, base).isChecked()).toBe(false);
    expect(await diskRow(dialog, base).textContent()).toContain(
      'Left unchecked: it is the base of',
    );
    expect(await diskBox(dialog, pool.iso).isChecked()).toBe(false);
    expect(await diskRow(dialog, pool.iso).textContent()).toContain('Left unchecked: it is');
    expect(await dialog.textContent()).toContain(
      `'${VM}' is running. Deleting it forces it off first.`,
    );
    await screenshot(page, 'vm-delete-dialog');

    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    const forceOff = dialog.getByRole('button', { name: 'Force off and delete' });
    await forceOff.waitFor();
    expect(await dialog.textContent()).toContain('1 disk will be deleted.');
    // Asking is all that happened so far.
    expect(virsh('domstate', VM).trim()).toBe('running');
    await screenshot(page, 'vm-delete-force-off');
    await forceOff.click();

    // Back on the list, without the VM.
    await vmList(page).waitFor({ timeout: 60_000 });
    await vmRow(page, OTHER).waitFor();
    await expect.poll(() => vmRow(page, VM).count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(() => virsh('dominfo', VM)).toThrow();
    expect(volumes()).toEqual(['base.qcow2', 'clone.qcow2', 'shared.qcow2', 'tiny.iso']);
    expect(existsSync(pool.disk)).toBe(false);
    for (const kept of [shared, base, clone, pool.iso]) expect(existsSync(kept)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('deletes the other VM from the list: the disk no other VM uses now is offered checked', async () => {
    await vmRow(page, OTHER).click();
    await toolbarButton(page, 'Delete').click();
    const dialog = deleteDialog();
    await diskBox(dialog, shared).waitFor({ timeout: 30_000 });
    expect(await diskBox(dialog, shared).isChecked()).toBe(true);
    expect(await diskBox(dialog, pool.iso).isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();

    await expect.poll(() => vmRow(page, OTHER).count(), { timeout: 30_000 }).toBe(0);
    // The row goes with the definition; the dialog closes once the disk is deleted too, with no
    // outcome to show.
    await expect.poll(() => deleteDialog().count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(() => virsh('dominfo', OTHER)).toThrow();
    expect(volumes()).toEqual(['base.qcow2', 'clone.qcow2', 'tiny.iso']);
    expect(existsSync(shared)).toBe(false);
    expect(errors).toEqual([]);
  });
});
