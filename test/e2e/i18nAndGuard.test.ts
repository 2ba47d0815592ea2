/**
 * The Arabic UI (right to left), and the browser shell's guard as a browser meets it: the page
 * without its token is refused, and a page of another origin cannot open the API's WebSocket.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost } from '../support/testHost';
import { launchChromium, openPage, screenshot } from './support/browser';
import { makeUserHome, type UserHome } from './support/userHome';
import { startWebApp, type WebApp } from './support/webApp';

describe('Arabic UI and the browser shell guard', () => {
  let browser: Browser;
  let app: WebApp;
  let home: UserHome;

  beforeAll(async () => {
    browser = await launchChromium();
    home = makeUserHome(loadTestHost());
    app = await startWebApp(home.dir);
  });

  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    home?.remove();
  });

  it('switches to Arabic and lays the page out right to left', async () => {
    const { page, errors } = await openPage(browser, app.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    // The English labels are gone from the page.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Settings' }).count()).toBe(0);
    // Right to left for real: the masthead's brand sits on the right half of the window (what
    // else is on the page depends on the host, e.g. which local libvirt is offered).
    const box = await page.locator('.vd-brand').boundingBox();
    expect(box && box.x).toBeGreaterThan(700);
    await screenshot(page, 'arabic-rtl');
    expect(errors).toEqual([]);
  });

  it('refuses the page without the token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(app.origin + '/');
    expect(response?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('Forbidden');
    await context.close();
  });

  it('refuses a WebSocket from a page of another origin', async () => {
    const server: Server = createServer((_req, res) =>
      res.end('<!doctype html><title>elsewhere</title>'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://localhost:${(server.address() as AddressInfo).port}/`);
      const apiUrl = `${app.origin.replace('http', 'ws')}/api?token=${new URL(app.url).searchParams.get('token')}`;
      const outcome = await page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(url);
            ws.onopen = () => resolve('open');
            ws.onerror = () => resolve('refused');
          }),
        apiUrl,
      );
      expect(outcome).toBe('refused');
      await context.close();
    } finally {
      server.close();
    }
  });
});
