import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { contentSecurityPolicy, withCsp } from '../../../src/main/electron/csp';
import {
  guardAllWebContents,
  guardWebContents,
  isExternalWebUrl,
  secureSession,
} from '../../../src/main/electron/security';
import { APP_FILE_URL, FakeApp, FakeWebContents, fakeSession } from './fakeElectron';

const STRICT =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self' ws://127.0.0.1:41234 http://127.0.0.1:41234; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const isAppUrl = (url: string): boolean => url.startsWith(APP_FILE_URL);

function guarded() {
  const contents = new FakeWebContents();
  const openExternal = vi.fn(() => Promise.resolve());
  guardWebContents(contents as unknown as WebContents, { isAppUrl, openExternal });
  return { contents, openExternal };
}

function navigation(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('Content-Security-Policy', () => {
  it('is the strict policy outside dev mode, naming the console gateway by its port', () => {
    expect(contentSecurityPolicy({ gatewayPort: 41234 })).toBe(STRICT);
  });

  it("names the browser shell's own origins by port, and no port wildcard anywhere", () => {
    const shell = contentSecurityPolicy({ gatewayPort: 41234, shellPort: 8080 });
    expect(shell).toContain(
      "connect-src 'self' ws://127.0.0.1:8080 ws://localhost:8080 " +
        'ws://127.0.0.1:41234 http://127.0.0.1:41234;',
    );
    expect(shell).not.toContain(':*');
  });

  it('loosens only inline scripts and the dev server socket in dev mode', () => {
    const dev = contentSecurityPolicy({
      gatewayPort: 41234,
      devServerUrl: 'http://localhost:5173/',
    });
    expect(dev).toContain("script-src 'self' 'unsafe-inline';");
    expect(dev).toContain(
      "connect-src 'self' ws://127.0.0.1:41234 http://127.0.0.1:41234 ws://localhost:5173;",
    );
    expect(dev).toContain("object-src 'none'");
  });

  it('is added to every response, replacing any policy the response had', () => {
    const session = fakeSession();
    secureSession(session as unknown as Session, STRICT);
    const [listener] = session.webRequest.onHeadersReceived.mock.calls[0] as unknown as [
      (details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void,
    ];
    const callback = vi.fn();
    listener(
      {
        responseHeaders: {
          'content-security-policy': ['default-src *'],
          'Content-Type': ['text/html'],
        },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [STRICT] },
    });
    listener({}, callback);
    expect(callback).toHaveBeenLastCalledWith({
      responseHeaders: { 'Content-Security-Policy': [STRICT] },
    });
  });

  it('withCsp normalises single-string headers to arrays', () => {
    expect(withCsp({ A: 'b' }, 'p')).toEqual({ A: ['b'], 'Content-Security-Policy': ['p'] });
  });
});

describe('permissions', () => {
  it('refuses every permission request and check', () => {
    const session = fakeSession();
    secureSession(session as unknown as Session, STRICT);
    const [requestHandler] = session.setPermissionRequestHandler.mock.calls[0] as unknown as [
      (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
    ];
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal']) {
      const callback = vi.fn();
      requestHandler({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const [checkHandler] = session.setPermissionCheckHandler.mock.calls[0] as unknown as [
      () => boolean,
    ];
    expect(checkHandler()).toBe(false);
  });
});

describe('navigation guard', () => {
  it.each(['will-navigate', 'will-redirect'])('%s elsewhere is prevented', (name) => {
    const { contents } = guarded();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const event = navigation(url);
      contents.emit(name, event, url);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });

  it.each(['will-navigate', 'will-redirect'])('%s to our own page is allowed', (name) => {
    const { contents } = guarded();
    const event = navigation(`${APP_FILE_URL}#/vms`);
    contents.emit(name, event, event.url);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('lets the gateway download URLs through (they become downloads), no other', () => {
    const contents = new FakeWebContents();
    const download = 'http://127.0.0.1:4321/transfer?token=abc';
    guardWebContents(contents as unknown as WebContents, {
      isAppUrl,
      isDownloadUrl: (url) => url === download,
      openExternal: vi.fn(() => Promise.resolve()),
    });
    const allowed = navigation(download);
    contents.emit('will-navigate', allowed, allowed.url);
    expect(allowed.preventDefault).not.toHaveBeenCalled();
    const other = navigation('http://127.0.0.1:4322/transfer?token=abc');
    contents.emit('will-navigate', other, other.url);
    expect(other.preventDefault).toHaveBeenCalled();
    // A redirect to it is not a download the app started.
    const redirect = navigation(download);
    contents.emit('will-redirect', redirect, redirect.url);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('prevents attaching a <webview>', () => {
    const { contents } = guarded();
    const event = navigation('');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open, handing web links to the browser and nothing else', () => {
    const { contents, openExternal } = guarded();
    const open = contents.windowOpenHandler;
    expect(open).toBeDefined();
    expect(open?.({ url: 'https://libvirt.org/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:1', APP_FILE_URL]) {
      expect(open?.({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://libvirt.org/'], ['http://example.com/']]);
  });

  it('isExternalWebUrl accepts only http: and https:', () => {
    expect(isExternalWebUrl('https://a.example/')).toBe(true);
    expect(isExternalWebUrl('http://a.example/')).toBe(true);
    expect(isExternalWebUrl('ftp://a.example/')).toBe(false);
    expect(isExternalWebUrl('not a url')).toBe(false);
  });

  it('guards every webContents the app creates', () => {
    const app = new FakeApp();
    guardAllWebContents(app as unknown as App, { isAppUrl, openExternal: vi.fn() });
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).toBeDefined();
    const event = navigation('https://example.com/');
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
