import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestHostEnv } from '../../support/testHost';
import { openPage } from './browser';
import { acceptUnknownHostKey, addSshConnection, vmRow } from './ui';
import { makeUserHome, type UserHome } from './userHome';
import { startWebApp, type WebApp } from './webApp';

export interface AppOverSsh {
  app: WebApp;
  home: UserHome;
  page: Page;
  /** The page's errors so far (see openPage). */
  errors: string[];
}

/**
 * The browser shell for a user with the test key, connected over SSH to the private sshd (its
 * unknown host key accepted in the dialog), its page showing `vmName` when one is named.
 */
export async function openAppOverSsh(
  browser: Browser,
  env: TestHostEnv,
  vmName?: string,
): Promise<AppOverSsh> {
  const home = makeUserHome(env, { key: true });
  const app = await startWebApp(home.dir);
  const { page, errors } = await openPage(browser, app.url);
  await addSshConnection(page, { user: env.user, host: env.sshHost, port: env.sshPort });
  const dialog = await acceptUnknownHostKey(page);
  await dialog.getByRole('button', { name: 'Accept and connect' }).click();
  if (vmName !== undefined) await vmRow(page, vmName).waitFor({ timeout: 60_000 });
  return { app, home, page, errors };
}

/**
 * Stops the shell and removes the user's home; the shell's exit code is asserted last, so that
 * the rest goes even when it failed (absent when the shell never started).
 */
export async function closeAppOverSsh(opened: AppOverSsh | undefined): Promise<void> {
  const exitCode = opened ? await opened.app.stop() : undefined;
  opened?.home.remove();
  if (opened) expect(exitCode).toBe(0);
}
