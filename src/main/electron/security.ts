/**
 * Electron's security checklist for everything that is not the BrowserWindow's own options
 * (those are in mainWindow.ts): the response CSP, permissions, navigation, new windows, webviews.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
import type { App, Session, WebContents } from 'electron';
import { withCsp } from './csp';

/** Adds the CSP to every response and refuses every permission (camera, notifications, ...). */
export function secureSession(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export interface GuardOptions {
  isAppUrl(url: string): boolean;
  /**
   * A volume download URL of the console gateway: the "navigation" to it becomes a download
   * (the gateway answers with an attachment, or 204 which leaves the page where it is).
   */
  isDownloadUrl?(url: string): boolean;
  /** shell.openExternal; called only with http: and https: URLs. */
  openExternal(url: string): Promise<void>;
}

/** Only web links leave the app, to the user's browser; file:, javascript:, custom schemes never. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Keeps a webContents on our own page: navigations and redirects elsewhere are stopped,
 * window.open never opens an Electron window (web links go to the browser), no <webview>.
 */
export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  const stayHome = (event: { preventDefault(): void; url: string }): void => {
    if (!options.isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => {
    if (!options.isDownloadUrl?.(event.url)) stayHome(event);
  });
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      options.openExternal(url).catch((error: unknown) => {
        console.warn('Could not open a link in the browser:', error);
      });
    }
    return { action: 'deny' };
  });
}

/** Every webContents the app ever creates gets the guard, not only the main window's. */
export function guardAllWebContents(app: App, options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}
