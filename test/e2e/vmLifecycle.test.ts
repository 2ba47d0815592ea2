/**
 * The VM list over SSH on a real QEMU guest: Run turns it running and its CPU sparkline moves; a
 * start with virsh on the host shows within a second without a click; Force Off asks first; a
 * host that goes away greys its VMs out with the reason and they come back by themselves.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, startSshd, stopSshd, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { defineShutOffVm, virsh, type DefinedVm } from './support/qemuVm';
import { cpuSparkline, toolbarButton, vmRow } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

describe('VM list and lifecycle over SSH', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    env = loadTestHost();
    vm = await defineShutOffVm(`e2e life 'ü' $(x);`);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, vm.name));
  });

  afterAll(async () => {
    await startSshd(env).catch(() => {});
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await vm?.remove();
    home?.remove();
  });

  it('runs the VM: it turns running and its CPU sparkline moves', async () => {
    const row = vmRow(page, vm.name);
    await row.click();
    await toolbarButton(page, 'Run').click();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Running');
    const first = await cpuSparkline(row);
    await expect
      .poll(async () => (await cpuSparkline(row)).shape, { timeout: 15_000 })
      .not.toBe(first.shape);
    // The guest is booting under TCG: it uses CPU, and the row says so.
    await expect
      .poll(async () => (await cpuSparkline(row)).last, { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'vm-list-running');
    expect(virsh('domstate', vm.name).trim()).toBe('running');
  });

  it('asks before Force Off, then the VM turns shut off', async () => {
    const row = vmRow(page, vm.name);
    await row.click();
    await toolbarButton(page, 'Force Off').click();
    const confirm = page.getByRole('dialog').filter({ hasText: vm.name });
    await confirm.waitFor();
    await screenshot(page, 'vm-list-force-off-confirm');
    expect(virsh('domstate', vm.name).trim()).toBe('running');
    await confirm.getByRole('button', { name: 'Force Off' }).click();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Shut off');
    expect(virsh('domstate', vm.name).trim()).toBe('shut off');
  });

  it('shows a start done with virsh on the host within a second, without a click', async () => {
    const row = vmRow(page, vm.name);
    virsh('start', vm.name);
    const started = Date.now();
    await expect
      .poll(() => row.textContent(), { timeout: 1000, interval: 50 })
      .toContain('Running');
    expect(Date.now() - started).toBeLessThanOrEqual(1000);
    virsh('destroy', vm.name);
    await expect.poll(() => row.textContent(), { timeout: 5000 }).toContain('Shut off');
  });

  it('greys out the VMs of a host that goes away, and brings them back when it returns', async () => {
    const row = vmRow(page, vm.name);
    await stopSshd(env);
    await expect.poll(() => row.getAttribute('aria-disabled'), { timeout: 20_000 }).toBe('true');
    await expect
      .poll(() => page.getByRole('grid').textContent(), { timeout: 20_000 })
      .toMatch(/Reconnecting in \d+ s/);
    await screenshot(page, 'vm-list-host-gone');
    await startSshd(env);
    await expect
      .poll(() => row.getAttribute('aria-disabled'), { timeout: 90_000 })
      .not.toBe('true');
    await expect.poll(() => row.textContent()).toContain('Shut off');
    expect(errors).toEqual([]);
  });
});
