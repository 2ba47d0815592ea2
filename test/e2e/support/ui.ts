/**
 * What a user does in the app, in the app's own words: the accessible names of its buttons,
 * dialogs and fields (the visible English labels). One place, so the tests read like the steps.
 */
import type { Locator, Page } from 'playwright-core';

export interface SshTarget {
  user: string;
  host: string;
  port: number;
}

/** Opens "Add connection" (from the toolbar, or the first-run welcome). */
export async function openAddConnection(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.waitFor();
  return dialog;
}

export async function addSshConnection(page: Page, target: SshTarget): Promise<void> {
  const dialog = await openAddConnection(page);
  await dialog.getByRole('combobox', { name: 'Hypervisor' }).selectOption({ label: 'QEMU/KVM' });
  await dialog.getByRole('checkbox', { name: 'Connect to remote host over SSH' }).check();
  await dialog.getByLabel('Username', { exact: true }).fill(target.user);
  await dialog.getByRole('combobox', { name: 'Hostname', exact: true }).fill(target.host);
  await dialog.getByLabel('Port', { exact: true }).fill(String(target.port));
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

export async function addCustomUriConnection(page: Page, uri: string): Promise<void> {
  const dialog = await openAddConnection(page);
  const custom = dialog.getByRole('textbox', { name: 'Custom URI' });
  if (!(await custom.isVisible())) await dialog.getByRole('button', { name: 'Custom URI' }).click();
  await custom.fill(uri);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

export async function acceptUnknownHostKey(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Unknown host key' });
  await dialog.waitFor();
  return dialog;
}

export function vmList(page: Page): Locator {
  return page.getByRole('grid', { name: 'Virtual machines' });
}

export function vmRow(page: Page, name: string): Locator {
  return vmList(page).getByRole('row', { name, exact: true });
}

export function toolbarButton(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true }).first();
}

/** The CPU sparkline's last value, as the row shows it (data-last). */
export async function cpuSparkline(row: Locator): Promise<{ last: number; shape: string }> {
  const img = row.getByRole('img', { name: 'CPU usage' });
  return {
    last: Number(await img.getAttribute('data-last')),
    shape: await img.innerHTML(),
  };
}
