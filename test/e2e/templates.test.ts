/**
 * Templates over SSH in Chromium, as a user does: a shut-off VM is marked as a template from its
 * page; the header shows the badge, Run is disabled and says why, and libvirt's persistent
 * definition holds Virtdeck's template element. Then "Create VM" from that template as a linked
 * copy: the new VM appears in the list as a plain VM (no badge, Run enabled), and its disk is a
 * qcow2 overlay whose backing file is the template's disk.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_NS } from '../../src/main/services/vmClone/template';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { defineShutOffVm, virsh, type DefinedVm } from './support/qemuVm';
import { toolbarButton, vmRow } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

const TEMPLATE = `vd-templates e2e 'ü' $(x);`;
const CLONE = `vd-templates clone "ü" $(y);`;

/** The domain's source files (`virsh domblklist`), disk devices only. */
function diskFiles(name: string): string[] {
  return virsh('domblklist', name, '--details')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[1] === 'disk')
    .map((cols) => cols.slice(3).join(' '));
}

function removeDomain(name: string): void {
  for (const args of [
    ['destroy', name],
    ['undefine', name, '--nvram'],
  ]) {
    try {
      virsh(...args);
    } catch {
      /* not running, or already gone */
    }
  }
}

describe('Templates over SSH', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];
  const wizard = () => page.getByRole('dialog', { name: 'New virtual machine' });
  const next = () => wizard().getByRole('button', { name: 'Next', exact: true }).click();

  beforeAll(async () => {
    env = loadTestHost();
    removeDomain(CLONE);
    vm = await defineShutOffVm(TEMPLATE);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, vm.name));
  }, 180_000);

  afterAll(async () => {
    // The clone first: its overlay lives in the template's pool, which vm.remove() deletes.
    removeDomain(CLONE);
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await vm?.remove();
    home?.remove();
  });

  it('marks the VM as a template from its page: badge, Run disabled with why, the mark in libvirt', async () => {
    await vmRow(page, TEMPLATE).getByRole('gridcell').first().dblclick();
    const heading = page.getByRole('heading', { name: TEMPLATE, level: 1 });
    await heading.waitFor();
    await toolbarButton(page, 'Mark as template').click();

    await heading.getByText('Template', { exact: true }).waitFor({ timeout: 15_000 });
    const run = toolbarButton(page, 'Run');
    await expect.poll(() => run.getAttribute('aria-disabled')).toBe('true');
    await run.hover();
    await expect
      .poll(() => page.getByRole('tooltip').textContent())
      .toBe('A template is not run: clone it, or convert it back to a VM');
    await screenshot(page, 'template-page');
    await run.click({ force: true });
    expect(virsh('domstate', TEMPLATE).trim()).toBe('shut off');
    expect(virsh('metadata', TEMPLATE, '--uri', TEMPLATE_NS, '--config').trim()).toMatch(
      /^<template\b/,
    );
  });

  it('creates a VM from the template as a linked copy, and lists it', async () => {
    await page.getByRole('button', { name: 'Virtual machines' }).click();
    await expect.poll(() => vmRow(page, TEMPLATE).textContent()).toContain('Template');
    await page.getByRole('button', { name: 'Create VM' }).click();
    await wizard().waitFor();
    await wizard()
      .getByRole('radio', { name: 'From a template (a copy of a VM marked as template)' })
      .check();
    await wizard().getByRole('combobox', { name: 'Template' }).selectOption({ label: TEMPLATE });
    const linked = wizard().getByRole('radio', { name: 'Linked copy' });
    await expect.poll(() => linked.isEnabled(), { timeout: 30_000 }).toBe(true);
    await linked.check();
    await next();
    await wizard().getByLabel('Memory (MiB)').waitFor();
    await next();
    await wizard().getByRole('radio', { name: 'No network' }).check();
    await next();
    await wizard().getByLabel('Name', { exact: true }).fill(CLONE);
    // Customize: made and left shut off, its page opened (no guest to boot under TCG here).
    await wizard()
      .getByRole('checkbox', { name: 'Customize configuration before the first start' })
      .check();
    await next();
    await wizard().getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: CLONE, level: 1 }).waitFor({ timeout: 120_000 });

    await page.getByRole('button', { name: 'Virtual machines' }).click();
    const row = vmRow(page, CLONE);
    await expect.poll(() => row.textContent()).toContain('Shut off');
    // A copy of a template is a VM: no badge, and Run applies to it.
    expect(await row.textContent()).not.toContain('Template');
    await row.click();
    await expect.poll(() => toolbarButton(page, 'Run').isEnabled()).toBe(true);
    await expect.poll(() => toolbarButton(page, 'Mark as template').isEnabled()).toBe(true);
    await screenshot(page, 'template-clone-listed');
    const [overlay] = diskFiles(CLONE);
    const [original] = diskFiles(TEMPLATE);
    expect(overlay).toBeDefined();
    expect(overlay).not.toBe(original);
    const info = virsh('vol-dumpxml', overlay ?? '');
    expect(info).toContain(`<path>${original ?? ''}</path>`);
    expect(errors).toEqual([]);
  });
});
