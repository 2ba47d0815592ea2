/**
 * Connecting, as a user does it in Chromium: an SSH connection to the private sshd with key auth
 * (accepting the unknown host key in its dialog), with password auth through the dialog, and a
 * changed host key that is refused with the fix shown. The VM list shows a real QEMU VM.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { launchChromium, openPage, screenshot } from './support/browser';
import { acceptUnknownHostKey, addSshConnection, openAddConnection, vmRow } from './support/ui';
import { makeUserHome, type UserHome } from './support/userHome';
import { startWebApp, type WebApp } from './support/webApp';
import { defineShutOffVm, type DefinedVm } from './support/qemuVm';

describe('connections', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let vm: DefinedVm;
  let app: WebApp | undefined;
  let home: UserHome | undefined;

  beforeAll(async () => {
    env = loadTestHost();
    browser = await launchChromium();
    vm = await defineShutOffVm(`e2e conn 'ü' $(x);`);
  });

  afterEach(async () => {
    if (app) expect(await app.stop()).toBe(0);
    app = undefined;
    home?.remove();
    home = undefined;
  });

  afterAll(async () => {
    await vm?.remove();
    await browser?.close();
  });

  it('adds an SSH connection with key auth after accepting the unknown host key', async () => {
    home = makeUserHome(env, { key: true });
    app = await startWebApp(home.dir);
    const { page, errors } = await openPage(browser, app.url);
    await addSshConnection(page, { user: env.user, host: env.sshHost, port: env.sshPort });

    const dialog = await acceptUnknownHostKey(page);
    const hostKeyFingerprint = execFileSync('ssh-keygen', ['-lf', env.hostKeyPub])
      .toString()
      .split(' ')[1];
    await expect.poll(() => dialog.textContent()).toContain(hostKeyFingerprint);
    await screenshot(page, 'connections-unknown-host-key');
    await dialog.getByRole('button', { name: 'Accept and connect' }).click();

    const row = vmRow(page, vm.name);
    await row.waitFor({ timeout: 60_000 });
    await expect.poll(() => row.textContent()).toContain('Shut off');
    await screenshot(page, 'connections-key-auth-connected');
    // The accepted key was written to Virtdeck's own known_hosts, as OpenSSH would.
    expect(readFileSync(join(app.configDir, 'known_hosts'), 'utf8')).toContain(
      `[${env.sshHost}]:${env.sshPort}`,
    );
    // The saved connection holds no secret.
    const saved = readFileSync(join(app.configDir, 'connections.json'), 'utf8');
    expect(saved).toContain(`qemu+ssh://${env.user}@${env.sshHost}:${env.sshPort}/system`);
    expect(errors).toEqual([]);
  });

  it('logs in with a password typed into the dialog', async () => {
    home = makeUserHome(env, { knownHosts: `${env.knownHostsLine}\n` });
    app = await startWebApp(home.dir);
    const { page, errors } = await openPage(browser, app.url);
    await addSshConnection(page, { user: env.user, host: env.sshHost, port: env.sshPort });

    const dialog = page.getByRole('dialog', { name: 'Authentication required' });
    await dialog.waitFor();
    await dialog.getByLabel('Password').fill(env.password);
    await screenshot(page, 'connections-password-dialog');
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await vmRow(page, vm.name).waitFor({ timeout: 60_000 });
    // The password is nowhere on disk.
    for (const file of readdirSync(app.configDir)) {
      if (statSync(join(app.configDir, file)).isFile()) {
        expect(readFileSync(join(app.configDir, file), 'utf8').includes(env.password)).toBe(false);
      }
    }
    expect(errors).toEqual([]);
  });

  it('refuses a changed host key and says how to fix it', async () => {
    const keyDir = mkdtempSync(join(tmpdir(), 'virtdeck-otherkey-'));
    try {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keyDir, 'k')]);
      const otherKey = readFileSync(join(keyDir, 'k.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
      home = makeUserHome(env, {
        key: true,
        knownHosts: `[${env.sshHost}]:${env.sshPort} ${otherKey}\n`,
      });
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
    app = await startWebApp(home.dir);
    const { page } = await openPage(browser, app.url);
    await addSshConnection(page, { user: env.user, host: env.sshHost, port: env.sshPort });

    const dialog = page.getByRole('dialog', { name: 'Host key changed' });
    await dialog.waitFor({ timeout: 30_000 });
    await expect.poll(() => dialog.textContent()).toContain('man-in-the-middle');
    // The fix, in a field the user can copy from.
    await expect
      .poll(() => dialog.getByRole('textbox').first().inputValue())
      .toBe(`ssh-keygen -R "[${env.sshHost}]:${env.sshPort}"`);
    await screenshot(page, 'connections-host-key-changed');
    await dialog.getByRole('button', { name: 'Close' }).click();
    // Refused before any authentication: the VM never appears.
    expect(await vmRow(page, vm.name).count()).toBe(0);
  });

  it('refuses a host key of another type than the known one and says how to fix it', async () => {
    const keyDir = mkdtempSync(join(tmpdir(), 'virtdeck-otherkey-'));
    try {
      // known_hosts knows an ECDSA key for the host; the sshd only has its ed25519 key.
      execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', join(keyDir, 'k')]);
      const otherKey = readFileSync(join(keyDir, 'k.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
      home = makeUserHome(env, {
        key: true,
        knownHosts: `[${env.sshHost}]:${env.sshPort} ${otherKey}\n`,
      });
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
    app = await startWebApp(home.dir);
    const { page } = await openPage(browser, app.url);
    await addSshConnection(page, { user: env.user, host: env.sshHost, port: env.sshPort });

    // Its own dialog, not the "Unknown host key" question that would trust the key on first use.
    const dialog = page.getByRole('dialog', { name: 'Host key of another type' });
    await dialog.waitFor({ timeout: 30_000 });
    await expect.poll(() => dialog.textContent()).toContain('of another type');
    await expect
      .poll(() => dialog.getByRole('textbox').first().inputValue())
      .toBe(`ssh-keygen -R "[${env.sshHost}]:${env.sshPort}"`);
    expect(await page.getByRole('dialog', { name: 'Unknown host key' }).count()).toBe(0);
    await screenshot(page, 'connections-host-key-other-type');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await vmRow(page, vm.name).count()).toBe(0);
  });

  it('refuses a password typed into a custom URI, in the form and before saving anything', async () => {
    home = makeUserHome(env, {});
    app = await startWebApp(home.dir);
    const { page, errors } = await openPage(browser, app.url);
    const dialog = await openAddConnection(page);
    await dialog.getByRole('button', { name: 'Custom URI' }).click();
    await dialog
      .getByRole('textbox', { name: 'Custom URI' })
      .fill(`qemu+ssh://${env.user}:secret-pw@${env.sshHost}:${env.sshPort}/system`);
    // The field says why in the user's language (the translated text, not the backend's English
    // sentence), and does not repeat the password.
    const locale = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../../src/renderer/i18n/locales/en/connections.json'),
        'utf8',
      ),
    ) as { add: { passwordInUri: string } };
    const message = dialog.getByText(locale.add.passwordInUri);
    await message.waitFor({ timeout: 10_000 });
    expect(locale.add.passwordInUri).not.toContain('secret-pw');
    await screenshot(page, 'connections-password-in-uri');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    // Still open, nothing saved.
    await message.waitFor();
    expect(existsSync(join(app.configDir, 'connections.json'))).toBe(false);
    expect(errors).toEqual([]);
  });
});
