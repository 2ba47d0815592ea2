/**
 * Several consoles on the console page: two real TCG guests' VNC consoles opened side by side
 * (tiled), each showing isolinux's banner; closing one leaves the other drawing.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcgDomainXml } from '../support/libvirtFixtures';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { BOOTED_LINES, inkPerRow, linesOfText } from './support/canvas';
import { defineShutOffVm, virsh, type DefinedVm } from './support/qemuVm';
import { vmRow } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

const SECOND = `consoles e2e 'ü' $(two);`;

describe('Several consoles at once', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp;
  let home: UserHome;
  let page: Page;

  beforeAll(async () => {
    env = loadTestHost();
    vm = await defineShutOffVm('consoles e2e one');
    // The second guest boots the first one's ISO, without a disk (QEMU locks a disk in use).
    const iso = /<source file='([^']+\.iso)'/.exec(virsh('dumpxml', vm.name))?.[1];
    if (!iso) throw new Error('no ISO in the first guest');
    const dir = mkdtempSync(join(tmpdir(), 'consoles-e2e-'));
    try {
      writeFileSync(join(dir, 'two.xml'), tcgDomainXml(SECOND, undefined, iso));
      virsh('define', join(dir, 'two.xml'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    virsh('start', vm.name);
    virsh('start', SECOND);
    browser = await launchChromium();
    ({ app, home, page } = await openAppOverSsh(browser, env, vm.name));
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    try {
      virsh('destroy', SECOND);
    } catch {
      // not running
    }
    try {
      virsh('undefine', SECOND);
    } catch {
      // never defined
    }
    await vm?.remove();
    home?.remove();
  });

  it('tiles two guests’ consoles, each showing its banner; closing one keeps the other', async () => {
    await vmRow(page, vm.name).getByRole('gridcell').first().dblclick();
    await page.getByRole('tab', { name: 'Console' }).click();
    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Open in new window' }).click(),
    ]);
    await popup.getByRole('heading', { name: `${vm.name} — console` }).waitFor();
    await popup.getByRole('combobox', { name: 'Open another console…' }).waitFor();
    const secondKey = await popup
      .getByRole('combobox', { name: 'Open another console…' })
      .locator('option', { hasText: SECOND })
      .getAttribute('value');
    await popup
      .getByRole('combobox', { name: 'Open another console…' })
      .selectOption(secondKey ?? '');
    await popup.getByText('Tile', { exact: true }).click();
    const tile = (name: string) => popup.getByRole('region', { name, exact: true });
    const canvasOf = (name: string) =>
      tile(name).getByRole('region', { name: 'Console', exact: true }).locator('canvas');
    for (const name of [vm.name, SECOND]) {
      await expect
        .poll(async () => linesOfText(await inkPerRow(canvasOf(name))), { timeout: 90_000 })
        .toBeGreaterThanOrEqual(BOOTED_LINES);
    }
    // Side by side: the two tiles do not overlap.
    const a = await tile(vm.name).boundingBox();
    const b = await tile(SECOND).boundingBox();
    expect(a && b && (a.x + a.width <= b.x || b.x + b.width <= a.x)).toBe(true);
    await screenshot(popup, 'consoles-tiled');

    await tile(SECOND)
      .getByRole('button', { name: `Close the console of ${SECOND}` })
      .click();
    await expect.poll(() => tile(SECOND).count()).toBe(0);
    expect(linesOfText(await inkPerRow(canvasOf(vm.name)))).toBeGreaterThanOrEqual(BOOTED_LINES);
    await popup.close();
  });
});
