import type { Browser, Page } from 'playwright-core';
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
 * unknown host key accepted in the dialog), its page showing `vmName`.
 */
export async function openAppOverSsh(
  browser: Browser,
  env: TestHostEnv,
  vmName: string,
): Promise<AppOverSsh> {
  const home = makeUserHome(env, { key: true });
  const app = await startWebApp(home.dir);
  const { page, errors } = await openPage(browser, app.url);
  await addSshConnection(page, { user: env.user, host: env.sshHost, port: env.sshPort });
  const dialog = await acceptUnknownHostKey(page);
  await dialog.getByRole('button', { name: 'Accept and connect' }).click();
  await vmRow(page, vmName).waitFor({ timeout: 60_000 });
  return { app, home, page, errors };
}
