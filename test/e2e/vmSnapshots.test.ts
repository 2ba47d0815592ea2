/**
 * Snapshots of a real QEMU guest over SSH, as a user takes them: the guest at the test ISO's
 * boot: prompt with text typed, a snapshot with its memory (internal: libvirt 9.0 here), the
 * screen changed, Revert, and the VNC console shows the snapshot's screen again, pixel row by
 * pixel row; a snapshot made with virsh shows in the tree by itself, as a child; then Delete
 * with its children, and both leave the tree and the host.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { BOOTED_LINES, inkPerRow, linesOfText, sum } from './support/canvas';
import { defineShutOffVm, virsh, type DefinedVm } from './support/qemuVm';
import { vmRow } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

/** A snapshot name with everything a name may hold: spaces, quotes, `$(...)`, `;`, unicode. */
const SNAPSHOT = `at boot 'ü' $(x);`;
/** A snapshot made with virsh on the host, behind the app's back. */
const BEHIND = 'behind the app';
/** Ink a row may differ by between two reads of one screen: isolinux's blinking cursor. */
const CURSOR_INK = 40;

describe('Snapshots over SSH', () => {
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];
  let snapshotScreen: number[];
  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  const consoleTab = () => page.getByRole('tabpanel', { name: 'Console' });
  const snapshotsTab = () => page.getByRole('tabpanel', { name: 'Snapshots' });
  const status = () => consoleTab().getByRole('status');
  const vncCanvas = () =>
    consoleTab().getByRole('region', { name: 'Console', exact: true }).locator('canvas');
  const table = () => snapshotsTab().getByRole('table', { name: 'Snapshots' });
  const snapshotRow = (name: string): Locator =>
    table()
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name }) });

  /** The Console tab, connected, once the guest's screen has settled at its prompt. */
  async function openConsole(minLines = BOOTED_LINES): Promise<number[]> {
    await tab('Console').click();
    await expect.poll(() => status().textContent(), { timeout: 60_000 }).toBe('Connected');
    await expect
      .poll(async () => linesOfText(await inkPerRow(vncCanvas())), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(minLines);
    return inkPerRow(vncCanvas());
  }

  /** The VNC console grabs the keyboard: what the page is typed goes to the guest. */
  async function grabKeyboard() {
    await vncCanvas().click();
    await expect.poll(() => consoleTab().textContent()).toContain('Keyboard grabbed');
  }

  beforeAll(async () => {
    const env = loadTestHost();
    vm = await defineShutOffVm(`vd-snapui e2e 'ü' $(x);`);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, vm.name));
    await vmRow(page, vm.name).getByRole('gridcell').first().dblclick();
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await vm?.remove();
    home?.remove();
  });

  it('a shut-off VM has no snapshots; the dialog says the mode and offers no memory', async () => {
    await tab('Snapshots').click();
    await snapshotsTab().getByRole('heading', { name: 'No snapshots' }).waitFor();
    await snapshotsTab().getByRole('button', { name: 'Take snapshot' }).click();
    const dialog = page.getByRole('dialog', { name: /^Take a snapshot of / });
    expect(await dialog.textContent()).toContain('The snapshot will be internal');
    expect(await dialog.getByRole('checkbox', { name: 'Include the memory' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('takes a snapshot with memory of the guest at its boot: prompt, text typed', async () => {
    await tab('Console').click();
    await consoleTab().getByRole('button', { name: 'Run', exact: true }).click();
    const booted = await openConsole();
    await grabKeyboard();
    await page.keyboard.type('snapui', { delay: 50 });
    // The typed word shows on the prompt's row.
    await expect
      .poll(async () => sum(await inkPerRow(vncCanvas())))
      .toBeGreaterThan(sum(booted) + 100);
    snapshotScreen = await inkPerRow(vncCanvas());
    await screenshot(page, 'snapshots-typed');

    await tab('Snapshots').click();
    await snapshotsTab().getByRole('button', { name: 'Take snapshot' }).click();
    const dialog = page.getByRole('dialog', { name: /^Take a snapshot of / });
    const memory = dialog.getByRole('checkbox', { name: 'Include the memory' });
    expect(await memory.isChecked()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Name' }).fill(SNAPSHOT);
    await dialog.getByRole('textbox', { name: 'Description' }).fill('at the prompt, typed');
    await dialog.getByRole('button', { name: 'Take snapshot' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 120_000 });

    const row = snapshotRow(SNAPSHOT);
    // The 3 s poll may list the snapshot while libvirt is still taking it; the read after the
    // dialog closed has it whole, current.
    for (const fact of ['Current', 'at the prompt, typed', 'Running', 'Internal', 'Included']) {
      await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain(fact);
    }
    // The display at snapshot time, kept on this machine, drawn in the row.
    const thumbnail = row.getByRole('img', {
      name: `The screen of the VM when ${SNAPSHOT} was taken`,
    });
    await expect
      .poll(() =>
        thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    await screenshot(page, 'snapshots-taken');
    // What the host holds: one snapshot, of a running guest, its memory inside the qcow2.
    expect(virsh('snapshot-list', '--name', vm.name).trim()).toBe(SNAPSHOT);
    const xml = virsh('snapshot-dumpxml', vm.name, SNAPSHOT);
    expect(xml).toContain('<state>running</state>');
    expect(xml).toMatch(/<memory snapshot=['"]internal['"]/);
  });

  it('revert asks first, then the console shows the snapshot’s screen again', async () => {
    // Enter: isolinux fails to load "snapui" and prompts again, two more lines of text.
    await openConsole();
    await grabKeyboard();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => linesOfText(await inkPerRow(vncCanvas())), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(linesOfText(snapshotScreen) + 2);
    await screenshot(page, 'snapshots-changed');

    await tab('Snapshots').click();
    await snapshotRow(SNAPSHOT)
      .getByRole('button', { name: `Revert to ${SNAPSHOT}` })
      .click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Revert to .*\\?`) });
    const said = await dialog.textContent();
    expect(said).toContain('has changed on its disks since');
    expect(said).toContain('its memory now (open programs, unsaved work) is lost too');
    expect(said).toContain('The guest comes back running');
    await screenshot(page, 'snapshots-revert-confirm');
    await dialog.getByRole('button', { name: 'Revert', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 120_000 });
    expect(virsh('domstate', vm.name).trim()).toBe('running');

    await openConsole();
    // Row by row the same ink as when the snapshot was taken (a blinking cursor aside): the
    // two lines Enter added are gone and the typed word is back on the prompt.
    await expect
      .poll(
        async () => {
          const now = await inkPerRow(vncCanvas());
          return (
            now.length === snapshotScreen.length &&
            now.every((ink, row) => Math.abs(ink - (snapshotScreen[row] ?? 0)) <= CURSOR_INK)
          );
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    expect(linesOfText(await inkPerRow(vncCanvas()))).toBe(linesOfText(snapshotScreen));
    await screenshot(page, 'snapshots-reverted');
  });

  it('a snapshot taken with virsh behind the app’s back shows in the tree by itself', async () => {
    await tab('Snapshots').click();
    await snapshotRow(SNAPSHOT).waitFor();
    virsh('snapshot-create-as', vm.name, BEHIND, '--description', 'made with virsh');
    const row = snapshotRow(BEHIND);
    await row.waitFor({ timeout: 30_000 });
    // A child of the one reverted to, one level in, and now the current one.
    expect(await row.getAttribute('aria-level')).toBe('2');
    expect(await snapshotRow(SNAPSHOT).getAttribute('aria-level')).toBe('1');
    await expect.poll(() => row.textContent()).toContain('Current');
    expect(await snapshotRow(SNAPSHOT).textContent()).not.toContain('Current');
    await screenshot(page, 'snapshots-tree');
  });

  it('delete with its children asks first, then both leave the tree and the host', async () => {
    await snapshotRow(SNAPSHOT)
      .getByRole('button', { name: `Delete ${SNAPSHOT}` })
      .click();
    const dialog = page.getByRole('dialog', { name: /Delete snapshot .*\?/ });
    await dialog.getByRole('checkbox', { name: 'Also delete its child snapshot' }).check();
    await screenshot(page, 'snapshots-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete with its children' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    await snapshotsTab().getByRole('heading', { name: 'No snapshots' }).waitFor();
    expect(virsh('snapshot-list', '--name', vm.name).trim()).toBe('');
    virsh('destroy', vm.name);
    expect(errors).toEqual([]);
  });
});
