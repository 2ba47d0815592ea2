/**
 * The console of a real QEMU guest over SSH, as a user sees it: "Guest is not running" with Run;
 * Run, and the VNC console connects by itself (with the display password from the domain XML,
 * typed by nobody) and shows isolinux's banner; Send key Ctrl+Alt+Del reboots the guest and the
 * banner comes back; the serial console answers typed input and, after a reset, shows the banner;
 * a stop and a start behind the app's back bring the console back by itself.
 */
import { spawn } from 'node:child_process';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import { BANNER_ROW, BOOTED_LINES, inkPerRow, linesOfText, sum } from './support/canvas';
import { defineShutOffVm, virsh, type DefinedVm } from './support/qemuVm';
import { vmRow } from './support/ui';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

const VNC_PASSWORD = 'v1rtd3ck';

/** Whether the element's box lies wholly inside the page's viewport. */
async function inViewport(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const view = page.viewportSize();
  if (!box || !view) return false;
  return (
    box.y >= 0 && box.x >= 0 && box.y + box.height <= view.height && box.x + box.width <= view.width
  );
}

describe('Console over SSH', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];
  const consoleTab = () => page.getByRole('tabpanel', { name: 'Console' });
  const status = () => consoleTab().getByRole('status');
  const vncCanvas = () =>
    consoleTab().getByRole('region', { name: 'Console', exact: true }).locator('canvas');

  beforeAll(async () => {
    env = loadTestHost();
    // A VNC password the user is never asked for.
    vm = await defineShutOffVm('e2e console', { password: VNC_PASSWORD });
    expect(virsh('dumpxml', '--security-info', vm.name)).toContain(`passwd='${VNC_PASSWORD}'`);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, vm.name));
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    await vm?.remove();
    home?.remove();
  });

  it('says "Guest is not running" with Run; Run connects the VNC console by itself', async () => {
    await vmRow(page, vm.name).getByRole('gridcell').first().dblclick();
    await page.getByRole('tab', { name: 'Console' }).click();
    await consoleTab().getByRole('heading', { name: 'Guest is not running' }).waitFor();
    await screenshot(page, 'console-not-running');
    await consoleTab().getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => status().textContent(), { timeout: 60_000 }).toBe('Connected');
    expect(await consoleTab().getByRole('combobox', { name: 'Console' }).inputValue()).toBe(
      'graphics:0',
    );
  });

  it('shows the banner on the VNC screen (password from the XML, typed by nobody)', async () => {
    // SeaBIOS's three lines, a blank one, isolinux's version line, the banner, the boot: prompt.
    await expect
      .poll(async () => linesOfText(await inkPerRow(vncCanvas())), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(BOOTED_LINES);
    const rows = await inkPerRow(vncCanvas());
    expect(sum(rows.slice(0, 8))).toBeGreaterThan(500);
    expect(rows[BANNER_ROW]).toBeGreaterThan(20);
    await screenshot(page, 'console-vnc-banner');
    expect(await consoleTab().textContent()).toContain('Click the console to type');
    await vncCanvas().click();
    await expect.poll(() => consoleTab().textContent()).toContain('Keyboard grabbed');
  });

  it('Send key Ctrl+Alt+Del reboots the guest and the banner comes back', async () => {
    const before = linesOfText(await inkPerRow(vncCanvas()));
    // libvirt's own word that the guest reset, whatever the screen shows meanwhile.
    const events = spawn('virsh', [
      '-c',
      'qemu:///system',
      'event',
      '--domain',
      vm.name,
      '--event',
      'reboot',
      '--timeout',
      '60',
    ]);
    let eventLog = '';
    events.stdout.on('data', (d: Buffer) => (eventLog += d.toString()));
    await new Promise((r) => setTimeout(r, 1000)); // virsh registers for the event
    await consoleTab().getByRole('button', { name: 'Send key' }).click();
    await page.getByRole('menuitem', { name: 'Ctrl+Alt+Del' }).click();
    // The screen empties as the guest resets (fewer lines of text), then fills up again.
    let fewest = before;
    await expect
      .poll(
        async () => {
          const lines = linesOfText(await inkPerRow(vncCanvas()));
          fewest = Math.min(fewest, lines);
          return fewest < before && lines >= before;
        },
        { timeout: 60_000, interval: 20 },
      )
      .toBe(true);
    await expect.poll(() => eventLog, { timeout: 30_000 }).toContain("event 'reboot'");
    events.kill();
    expect(await status().textContent()).toBe('Connected');
    await screenshot(page, 'console-vnc-after-reboot');
  });

  it('Paste as keys types into the guest; Screenshot saves a PNG named after the VM', async () => {
    const before = linesOfText(await inkPerRow(vncCanvas()));
    await consoleTab().getByRole('button', { name: 'Paste as keys' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste as keys' });
    await dialog.getByRole('textbox', { name: 'Text to type into the guest' }).fill('Hello\n');
    await dialog.getByRole('button', { name: 'Type' }).click();
    // isolinux echoes "Hello", fails to load it, and prompts again: two more lines of text.
    await expect
      .poll(async () => linesOfText(await inkPerRow(vncCanvas())), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(before + 2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      consoleTab().getByRole('button', { name: 'Screenshot' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^e2e_console-\d{4}-\d\d-\d\dT[\d-]+\.png$/);
    const png = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await screenshot(page, 'console-vnc-pasted');
  });

  it('Scale to window fits the guest’s screen; off, it is shown 1:1', async () => {
    const screen = consoleTab().getByRole('region', { name: 'Console', exact: true });
    const scale = consoleTab().getByRole('switch', { name: 'Scale to window' });
    // The switch's toggle covers its input: a user clicks the words.
    const flip = () => consoleTab().getByText('Scale to window', { exact: true }).click();
    const shown = async () => {
      const [box, area] = [await vncCanvas().boundingBox(), await screen.boundingBox()];
      const size = await vncCanvas().evaluate((c) => {
        const el = c as unknown as { width: number; height: number };
        return { width: el.width, height: el.height };
      });
      return { box: box!, area: area!, size };
    };
    expect(await scale.isChecked()).toBe(true);
    // Fit: the guest's 720x400 screen grows to the area's full height (or width), kept in ratio.
    const { box, area, size } = await shown();
    expect(size).toEqual({ width: 720, height: 400 });
    expect(Math.max(box.height / area.height, box.width / area.width)).toBeCloseTo(1, 1);
    expect(box.width / box.height).toBeCloseTo(720 / 400, 1);
    expect(box.height).toBeGreaterThan(400);
    await flip();
    await expect.poll(async () => (await shown()).box.width).toBeCloseTo(720, 0);
    expect((await shown()).box.height).toBeCloseTo(400, 0);
    expect(await scale.isChecked()).toBe(false);
    await screenshot(page, 'console-vnc-1to1');
    await flip();
    await expect.poll(async () => (await shown()).box.height).toBeGreaterThan(400);
  });

  it('Fullscreen shows the console alone on the screen; Exit fullscreen comes back', async () => {
    const heightBefore = (await vncCanvas().boundingBox())!.height;
    await consoleTab().getByRole('button', { name: 'Fullscreen', exact: true }).click();
    const exit = page.getByRole('button', { name: 'Exit fullscreen' });
    await exit.waitFor();
    const fullscreenElement = () => page.evaluate('document.fullscreenElement?.className ?? null');
    expect(await fullscreenElement()).toBe('vd-console-body');
    // The scaled screen grows into the whole viewport (900 px high).
    await expect
      .poll(async () => (await vncCanvas().boundingBox())!.height)
      .toBeGreaterThan(heightBefore + 100);
    expect(linesOfText(await inkPerRow(vncCanvas()))).toBeGreaterThanOrEqual(BOOTED_LINES);
    await screenshot(page, 'console-vnc-fullscreen');
    await exit.click();
    await consoleTab().getByRole('button', { name: 'Fullscreen', exact: true }).waitFor();
    expect(await fullscreenElement()).toBeNull();
    await expect
      .poll(async () => (await vncCanvas().boundingBox())!.height)
      .toBeCloseTo(heightBefore, 0);
  });

  it('Open in new window shows the same console, drawing, on a page of its own', async () => {
    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      consoleTab().getByRole('button', { name: 'Open in new window' }).click(),
    ]);
    await popup.getByRole('heading', { name: `${vm.name} — console` }).waitFor();
    await expect
      .poll(() => popup.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe('Connected');
    const canvas = popup.getByRole('region', { name: 'Console', exact: true }).locator('canvas');
    await expect
      .poll(async () => linesOfText(await inkPerRow(canvas)), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(BOOTED_LINES);
    expect((await inkPerRow(canvas))[BANNER_ROW]).toBeGreaterThan(20);
    // The page's header is whole in the window (it was clipped at the top), also once the
    // console has the keyboard (focus used to scroll the page).
    const title = popup.getByRole('heading', { name: `${vm.name} — console` });
    const back = popup.getByRole('button', { name: 'Virtual machine details' });
    expect(await inViewport(popup, title)).toBe(true);
    expect(await inViewport(popup, back)).toBe(true);
    // A short window (a laptop's, a window not maximised): the console shrinks, the header stays.
    await popup.setViewportSize({ width: 1000, height: 480 });
    await canvas.click();
    expect(await inViewport(popup, title)).toBe(true);
    expect(await inViewport(popup, back)).toBe(true);
    await screenshot(popup, 'console-new-window');
    await popup.close();
    // The first window's console is still there.
    expect(await status().textContent()).toBe('Connected');
  });

  it('the serial console answers what is typed', async () => {
    await consoleTab()
      .getByRole('combobox', { name: 'Console' })
      .selectOption({ label: 'Serial 1' });
    const serial = consoleTab().getByRole('region', { name: 'Serial console' });
    await serial.waitFor();
    await expect.poll(() => status().textContent(), { timeout: 30_000 }).toBe('Connected');
    await serial.click();
    await page.keyboard.type('hello');
    await page.keyboard.press('Enter');
    // isolinux echoes the line, fails to load the kernel "hello", and prompts again.
    await expect
      .poll(() => serial.locator('.xterm-rows').textContent(), { timeout: 30_000 })
      .toMatch(/hello\s*Loading hello\.\.\. failed[\s\S]*boot:/);
    await screenshot(page, 'console-serial');
    // A reset while attached: the new boot's output, banner included, arrives on the same session
    // (what the guest printed before the console attached is gone: a pty keeps no history).
    const boots = async () =>
      ((await serial.locator('.xterm-rows').textContent()) ?? '').split('ISOLINUX 6').length;
    const before = await boots();
    virsh('reset', vm.name);
    await expect.poll(boots, { timeout: 60_000 }).toBe(before + 1);
    await expect
      .poll(() => serial.locator('.xterm-rows').textContent(), { timeout: 30_000 })
      .toMatch(/failed[\s\S]*ISOLINUX 6[^\n]*VIRTDECK TEST ISO\s*boot:/);
    await screenshot(page, 'console-serial-after-reset');
    expect(await status().textContent()).toBe('Connected');
  });

  it('a stop and a start behind the app’s back bring the console back by itself', async () => {
    virsh('destroy', vm.name);
    await consoleTab().getByRole('heading', { name: 'Guest is not running' }).waitFor({
      timeout: 30_000,
    });
    virsh('start', vm.name);
    await expect.poll(() => status().textContent(), { timeout: 60_000 }).toBe('Connected');
    // The user's pick (Serial 1) is kept across the restart.
    await consoleTab().getByRole('region', { name: 'Serial console' }).waitFor();
    await consoleTab().getByRole('combobox', { name: 'Console' }).selectOption({ label: 'VNC' });
    await expect.poll(() => status().textContent(), { timeout: 30_000 }).toBe('Connected');
    await expect
      .poll(async () => linesOfText(await inkPerRow(vncCanvas())), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(BOOTED_LINES);
    virsh('destroy', vm.name);
    expect(errors).toEqual([]);
  });
});
