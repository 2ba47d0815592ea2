/**
 * The host page over SSH, for what issue 8's second round added: the Networks and Storage lists
 * follow virsh run behind the app's back (no refresh clicked); the network edit dialog sets IPv6
 * with DHCPv6, a bridge name and a DNS domain; the network XML view refuses XML libvirt refuses
 * with libvirt's words and changes nothing, and defines an accepted change; a stopped pool's
 * target path and autostart are edited and its XML shown; the Overview says "1 socket".
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost } from '../support/testHost';
import {
  freeSubnet,
  natNetworkXml,
  removeHost2Leftovers,
  virsh,
  virshQuiet,
} from '../integration/host/hostFixtures';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';

describe('host resources over SSH: live lists, network edits and XML, pool edit', () => {
  let browser: Browser;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];
  const vmName = 'vdk-host2-e2e-vm';
  const net = 'vdk-host2-e2e-net';
  const pool = 'vdk-host2-e2e-pool';
  const dirA = '/tmp/vdk-host2-e2e-pool-a';
  const dirB = '/tmp/vdk-host2-e2e-pool-b';
  const subnet = freeSubnet();

  const tab = (label: string) => page.getByRole('tab', { name: label });
  const netRow = () =>
    page.getByRole('table', { name: 'Virtual networks' }).getByRole('row').filter({ hasText: net });
  const poolRow = () =>
    page.getByRole('table', { name: 'Storage pools' }).getByRole('row').filter({ hasText: pool });

  beforeAll(async () => {
    removeHost2Leftovers();
    virshQuiet('undefine', vmName);
    for (const d of [dirA, dirB]) {
      rmSync(d, { recursive: true, force: true });
      mkdirSync(d);
    }
    const file = `/tmp/${vmName}.xml`;
    writeFileSync(
      file,
      `<domain type='qemu'><name>${vmName}</name><memory unit='MiB'>64</memory>` +
        `<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`,
    );
    virsh('define', file);
    writeFileSync(file, natNetworkXml(net, subnet));
    virsh('net-define', file);
    rmSync(file);
    virsh('pool-define-as', pool, 'dir', '--target', dirA);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, loadTestHost(), vmName));
    await page
      .getByRole('link', { name: /^Host details of/ })
      .first()
      .click();
    await tab('Overview').waitFor();
  });

  afterAll(async () => {
    virshQuiet('undefine', vmName);
    removeHost2Leftovers();
    for (const d of [dirA, dirB]) rmSync(d, { recursive: true, force: true });
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    home?.remove();
  });

  it('Overview counts sockets, cores and threads in words with plurals', async () => {
    const overview = page.getByRole('region', { name: 'Host overview' });
    const topology = virsh('nodeinfo');
    const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(topology)?.[1]);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const expected =
      `${plural(count('CPU socket\\(s\\)'), 'socket')} × ` +
      `${plural(count('Core\\(s\\) per socket'), 'core')} × ` +
      `${plural(count('Thread\\(s\\) per core'), 'thread')}`;
    await expect.poll(() => overview.textContent(), { timeout: 20_000 }).toContain(expected);
  });

  it('the network list follows virsh net-start and net-destroy run behind the app', async () => {
    await tab('Virtual networks').click();
    await expect.poll(() => netRow().textContent(), { timeout: 20_000 }).toContain('Inactive');
    virsh('net-start', net);
    await expect.poll(() => netRow().textContent(), { timeout: 10_000 }).toContain('Active');
    expect(await netRow().textContent()).not.toContain('Inactive');
    virsh('net-destroy', net);
    await expect.poll(() => netRow().textContent(), { timeout: 10_000 }).toContain('Inactive');
  });

  it('edits IPv6 with DHCPv6, the bridge name and the DNS domain', async () => {
    await page.getByRole('button', { name: `Edit ${net}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit network ${net}` });
    await dialog.getByRole('textbox', { name: 'Bridge name' }).fill('virbr-vdkh2e');
    await dialog.getByRole('textbox', { name: 'DNS domain' }).fill('e2e.example');
    await dialog.getByRole('checkbox', { name: 'Enable IPv6' }).check();
    await dialog.getByRole('textbox', { name: 'IPv6 address' }).fill('fd00:100:e2::1');
    await dialog.getByRole('textbox', { name: 'IPv6 DHCP start' }).fill('fd00:100:e2::100');
    // Bad input first: the range end is outside the subnet.
    await dialog.getByRole('textbox', { name: 'IPv6 DHCP end' }).fill('fd00:999::1ff');
    await dialog.getByRole('button', { name: 'Add IPv6 static host' }).click();
    await dialog.getByRole('textbox', { name: 'Name of IPv6 static host 1' }).fill('web6');
    await dialog
      .getByRole('textbox', { name: 'Address of IPv6 static host 1' })
      .fill('fd00:100:e2::10');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog
      .getByText('The range end fd00:999::1ff is outside the subnet fd00:100:e2::/64')
      .waitFor();
    expect(virsh('net-dumpxml', '--inactive', net)).not.toContain('e2e.example');
    await dialog.getByRole('textbox', { name: 'IPv6 DHCP end' }).fill('fd00:100:e2::1ff');
    await screenshot(page, 'network-edit-ipv6');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const xml = virsh('net-dumpxml', '--inactive', net);
    expect(xml).toContain("<bridge name='virbr-vdkh2e'");
    expect(xml).toContain("<domain name='e2e.example'/>");
    expect(xml).toContain("<range start='fd00:100:e2::100' end='fd00:100:e2::1ff'/>");
    expect(xml).toContain("<host name='web6' ip='fd00:100:e2::10'/>");
    await expect.poll(() => netRow().textContent()).toContain('fd00:100:e2::1/64');
  });

  it('the XML view shows libvirt refusing bad XML, changes nothing, then defines a change', async () => {
    const before = virsh('net-dumpxml', '--inactive', net);
    await page.getByRole('button', { name: `XML of ${net}` }).click();
    const dialog = page.getByRole('dialog', { name: `XML of network ${net}` });
    const editor = dialog.getByRole('textbox');
    await expect.poll(() => editor.inputValue()).toContain("<domain name='e2e.example'/>");
    const text = await editor.inputValue();
    await editor.fill(text.replace('</network>', "  <mtu size='lots'/>\n</network>"));
    await dialog.getByRole('button', { name: 'Define' }).click();
    const alert = dialog.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), { timeout: 10_000 })
      .toMatch(/libvirt refused the XML: .*mtu/i);
    await screenshot(page, 'network-xml-refused');
    // The text stays as typed, to be fixed and defined again.
    expect(await dialog.getByRole('button', { name: 'Define' }).isEnabled()).toBe(true);
    expect(virsh('net-dumpxml', '--inactive', net)).toBe(before);
    await editor.fill(text.replace('</network>', "  <mtu size='1400'/>\n</network>"));
    await dialog.getByRole('button', { name: 'Define' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(virsh('net-dumpxml', '--inactive', net)).toContain("<mtu size='1400'/>");
  });

  it('the pool list follows virsh; a stopped pool gets a new target and autostart; its XML shows', async () => {
    await tab('Storage').click();
    await expect.poll(() => poolRow().textContent(), { timeout: 20_000 }).toContain(pool);
    virsh('pool-start', pool);
    await poolRow().getByText('Active', { exact: true }).waitFor({ timeout: 10_000 });
    virsh('pool-destroy', pool);
    await poolRow()
      .getByText('Active', { exact: true })
      .waitFor({ state: 'hidden', timeout: 10_000 });

    await page.getByRole('button', { name: `Edit pool ${pool}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit pool ${pool}` });
    await dialog.getByRole('textbox', { name: 'Target path' }).fill('/tmp/vdk-host2-e2e-missing');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('/tmp/vdk-host2-e2e-missing does not exist on the host').waitFor();
    await dialog.getByRole('textbox', { name: 'Target path' }).fill(dirB);
    await dialog.getByRole('checkbox', { name: 'Start when the host boots' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(virsh('pool-dumpxml', '--inactive', pool)).toContain(`<path>${dirB}</path>`);
    expect(virsh('pool-info', pool)).toMatch(/Autostart:\s+yes/);

    await page.getByRole('button', { name: `XML of pool ${pool}` }).click();
    const xml = page.getByRole('dialog', { name: `XML of pool ${pool}` });
    await expect
      .poll(() => xml.getByRole('textbox').inputValue())
      .toContain(`<path>${dirB}</path>`);
    await screenshot(page, 'pool-xml');
    await xml.getByRole('button', { name: 'Close' }).first().click();
    expect(errors).toEqual([]);
  });
});
