/**
 * The Arabic UI (right to left), and the browser shell's guard as a browser meets it: the token
 * lives in the tab's session storage (never a cookie, gone from the address bar, still there after
 * a reload), the API's WebSocket is refused without it, and a page of another origin cannot open
 * the API's WebSocket even with it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost } from '../support/testHost';
import { launchChromium, openPage, screenshot } from './support/browser';
import { makeUserHome, type UserHome } from './support/userHome';
import { API_PROTOCOL, TOKEN_STORAGE_KEY, apiProtocols } from '../../src/shared/api/wire';
import { startWebApp, type WebApp } from './support/webApp';

/** Opens the API WebSocket from `page` offering `protocols`: 'open', or 'refused'. */
function tryApiSocket(page: Page, url: string, protocols: string[]): Promise<string> {
  return page.evaluate(
    ([u, p]) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(u, p);
        ws.onopen = () => {
          ws.close();
          resolve('open');
        };
        ws.onerror = () => resolve('refused');
      }),
    [url, protocols] as const,
  );
}

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

  it('keeps the token in the tab: no cookie, off the address bar, and working after a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // allHeaders: headers() leaves Set-Cookie out.
    const setCookies: Promise<string | undefined>[] = [];
    page.on('response', (response) =>
      setCookies.push(response.allHeaders().then((headers) => headers['set-cookie'])),
    );
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(page.url()).toBe(`${app.origin}/`);
    // The page starts left to right: right to left again means the backend's settings came
    // over the API WebSocket, which the stored token opened.
    await page.reload();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(page.url()).toBe(`${app.origin}/`);
    expect(setCookies.length).toBeGreaterThan(0);
    expect((await Promise.all(setCookies)).filter(Boolean)).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    // Back to English for the next test, from a socket of this page with its stored token.
    const stored = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_STORAGE_KEY);
    expect(stored).toBe(new URLSearchParams(new URL(app.url).hash.slice(1)).get('token'));
    const restored = await page.evaluate(
      ([url, protocols]) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url, protocols);
          ws.onopen = () =>
            ws.send(
              JSON.stringify({
                type: 'call',
                id: 1,
                method: 'settings.update',
                params: { language: 'en' },
              }),
            );
          ws.onmessage = (event) => {
            const message = JSON.parse(String(event.data)) as { type: string; ok?: boolean };
            if (message.type === 'reply') resolve(String(message.ok));
          };
          ws.onerror = () => resolve('refused');
        }),
      [`${app.origin.replace('http', 'ws')}/api`, apiProtocols(stored ?? '')] as const,
    );
    expect(restored).toBe('true');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    await context.close();
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

  it('serves the page without the token, but refuses its API WebSocket', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(app.origin + '/');
    expect(response?.status()).toBe(200);
    await page.getByText('Lost connection to the Virtdeck backend', { exact: true }).waitFor();
    // The banner gives the way in, instead of "Reconnecting…" forever.
    await page.getByText('This page was opened without its access key', { exact: false }).waitFor();
    const api = `${app.origin.replace('http', 'ws')}/api`;
    const token = new URLSearchParams(new URL(app.url).hash.slice(1)).get('token') ?? '';
    expect(await tryApiSocket(page, api, [API_PROTOCOL])).toBe('refused');
    expect(await tryApiSocket(page, `${api}?token=${token}`, [API_PROTOCOL])).toBe('refused');
    expect(await tryApiSocket(page, api, apiProtocols(token))).toBe('open');
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
      const token = new URLSearchParams(new URL(app.url).hash.slice(1)).get('token') ?? '';
      const api = `${app.origin.replace('http', 'ws')}/api`;
      expect(await tryApiSocket(page, api, apiProtocols(token))).toBe('refused');
      await context.close();
    } finally {
      server.close();
    }
  });
});
