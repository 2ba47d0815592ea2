/**
 * The host page over SSH on the real libvirtd: the Overview shows the host's name and draws its
 * CPU and memory graph; Virtual networks creates a NAT network with a DHCP range from the form,
 * refuses an overlapping subnet and a DHCP range outside the subnet on their fields (nothing is
 * defined), shows the lease a real guest (iPXE) gets with the guest's name, edits the range and
 * deletes the network after asking; Host interfaces lists lo and the network's bridge.
 */
import { execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestHost, type TestHostEnv } from '../support/testHost';
import { openAppOverSsh } from './support/appOverSsh';
import { launchChromium, screenshot } from './support/browser';
import type { UserHome } from './support/userHome';
import type { WebApp } from './support/webApp';
import { pxeGuestXml } from '../integration/networks/networkFixtures';

function virsh(...args: string[]): string {
  return execFileSync('virsh', ['-c', 'qemu:///system', ...args]).toString();
}

function virshQuiet(...args: string[]): void {
  try {
    execFileSync('virsh', ['-c', 'qemu:///system', ...args], { stdio: 'ignore' });
  } catch {
    // Not there: nothing to remove.
  }
}

function netNames(): string[] {
  return virsh('net-list', '--all', '--name')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A free 10.231-250.x subnet (this area's corner of 10/8), from what virsh lists. */
function freeSubnet(): string {
  const used = netNames().flatMap((n) =>
    [...virsh('net-dumpxml', n).matchAll(/address='(\d+\.\d+\.\d+)\./g)].map((m) => m[1]),
  );
  for (;;) {
    const s = `10.${231 + Math.floor(Math.random() * 20)}.${Math.floor(Math.random() * 256)}`;
    if (!used.includes(s)) return s;
  }
}

/** Pixels of the canvas close to `rgb`: a series drawn in that colour. */
async function pixelsOf(canvas: Locator, rgb: [number, number, number]): Promise<number> {
  return canvas.evaluate((node, [r, g, b]) => {
    const el = node as unknown as {
      width: number;
      height: number;
      getContext(k: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      } | null;
    };
    const ctx = el.getContext('2d');
    if (!ctx || el.width === 0) return 0;
    const { data } = ctx.getImageData(0, 0, el.width, el.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const d =
        Math.abs((data[i] ?? 0) - r) +
        Math.abs((data[i + 1] ?? 0) - g) +
        Math.abs((data[i + 2] ?? 0) - b);
      if (d < 60 && (data[i + 3] ?? 0) > 128) n++;
    }
    return n;
  }, rgb);
}

describe('host page over SSH: overview, virtual networks, host interfaces', () => {
  let env: TestHostEnv;
  let browser: Browser;
  let app: WebApp;
  let home: UserHome;
  let page: Page;
  let errors: string[];
  const name = `vdk-net-e2e 'ü' $(x);`;
  const vmName = 'vdk-net-e2e-guest';
  const mac = '52:54:00:7d:32:01';
  const subnet = freeSubnet();

  const tab = (label: string) => page.getByRole('tab', { name: label });
  const networkTable = () => page.getByRole('table', { name: 'Virtual networks' });
  const networkRow = () => networkTable().getByRole('row').filter({ hasText: name });

  beforeAll(async () => {
    env = loadTestHost();
    for (const n of netNames())
      if (n.startsWith('vdk-net-e2e')) {
        virshQuiet('net-destroy', n);
        virshQuiet('net-undefine', n);
      }
    virshQuiet('destroy', vmName);
    virshQuiet('undefine', vmName);
    const xml = `/tmp/${vmName}.xml`;
    execFileSync('sh', ['-c', `cat > ${xml}`], { input: pxeGuestXml(vmName, name, mac) });
    virsh('define', xml);
    browser = await launchChromium();
    ({ app, home, page, errors } = await openAppOverSsh(browser, env, vmName));
    await page
      .getByRole('link', { name: /^Host details of/ })
      .first()
      .click();
    await tab('Overview').waitFor();
  });

  afterAll(async () => {
    virshQuiet('destroy', vmName);
    virshQuiet('undefine', vmName);
    virshQuiet('net-destroy', name);
    virshQuiet('net-undefine', name);
    expect(await app?.stop()).toBe(0);
    await browser?.close();
    home?.remove();
  });

  it('Overview shows the host name and draws its CPU and memory graph', async () => {
    const overview = page.getByRole('region', { name: 'Host overview' });
    await expect.poll(() => overview.textContent(), { timeout: 20_000 }).toContain(hostname());
    const text = (await overview.textContent()) ?? '';
    expect(text).toContain('QEMU');
    expect(text).toMatch(/pc → pc-i440fx-/);
    const graph = page.getByRole('img', {
      name: 'Host CPU and memory use over the last five minutes',
    });
    const canvas = graph.locator('canvas');
    // A line needs two samples (3 s apart): the CPU series (blue) and memory (green) get drawn.
    await expect
      .poll(() => pixelsOf(canvas, [0, 102, 204]), { timeout: 20_000 })
      .toBeGreaterThan(10);
    await expect
      .poll(() => pixelsOf(canvas, [62, 134, 53]), { timeout: 20_000 })
      .toBeGreaterThan(10);
    await screenshot(page, 'host-overview');
  });

  it('creates a NAT network with a DHCP range from the form', async () => {
    await tab('Virtual networks').click();
    await page.getByRole('button', { name: 'Create network' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a virtual network' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await dialog.getByRole('textbox', { name: 'IPv4 address' }).fill(`${subnet}.1`);
    await dialog.getByRole('textbox', { name: 'IPv4 prefix' }).fill('24');
    await dialog.getByRole('textbox', { name: 'IPv4 DHCP start' }).fill(`${subnet}.50`);
    await dialog.getByRole('textbox', { name: 'IPv4 DHCP end' }).fill(`${subnet}.60`);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => networkRow().textContent(), { timeout: 15_000 }).toContain('Active');
    const row = (await networkRow().textContent()) ?? '';
    expect(row).toContain('NAT');
    expect(row).toContain(`${subnet}.1/24`);
    expect(row).toContain(`${subnet}.50 – ${subnet}.60`);
    expect(virsh('net-dumpxml', name)).toContain(
      `<range start='${subnet}.50' end='${subnet}.60'/>`,
    );
  });

  it('refuses an overlapping subnet and a DHCP range outside the subnet, defining nothing', async () => {
    const before = netNames();
    await page.getByRole('button', { name: 'Create network' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a virtual network' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('vdk-net-e2e-bad');
    await dialog.getByRole('textbox', { name: 'IPv4 address' }).fill(`${subnet}.129`);
    await dialog.getByRole('textbox', { name: 'IPv4 prefix' }).fill('25');
    await dialog.getByRole('textbox', { name: 'IPv4 DHCP start' }).fill(`${subnet}.130`);
    await dialog.getByRole('textbox', { name: 'IPv4 DHCP end' }).fill(`${subnet}.140`);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => dialog.textContent())
      .toContain(`${subnet}.128/25 overlaps network "${name}" (${subnet}.0/24)`);

    await dialog.getByRole('textbox', { name: 'IPv4 address' }).fill('10.230.250.1');
    await dialog.getByRole('textbox', { name: 'IPv4 prefix' }).fill('24');
    await dialog.getByRole('textbox', { name: 'IPv4 DHCP start' }).fill('10.230.251.10');
    await dialog.getByRole('textbox', { name: 'IPv4 DHCP end' }).fill('10.230.250.20');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => dialog.textContent())
      .toContain('The range start 10.230.251.10 is outside the subnet 10.230.250.0/24');
    await screenshot(page, 'network-create-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(netNames()).toEqual(before);
  });

  it('shows the lease a real guest gets, with the guest name', async () => {
    virsh('start', vmName);
    await page.getByRole('button', { name: `Show ${name}` }).click();
    const leases = page.getByRole('table', { name: 'DHCP leases' });
    await expect
      .poll(() => leases.textContent().catch(() => ''), { timeout: 90_000 })
      .toContain(vmName);
    const text = (await leases.textContent()) ?? '';
    expect(text).toContain(mac);
    expect(text).toMatch(new RegExp(`${subnet.replaceAll('.', '\\.')}\\.(5\\d|60)/24`));
    await screenshot(page, 'network-leases');
  });

  it('Host interfaces lists lo and the network bridge', async () => {
    const bridge = /<bridge name='([^']+)'/.exec(virsh('net-dumpxml', name))?.[1] ?? 'none';
    await tab('Host interfaces').click();
    const table = page.getByRole('table', { name: 'Host interfaces' });
    await table.waitFor({ timeout: 20_000 });
    const lo = table.getByRole('row').filter({ hasText: /^lo/ });
    expect(await lo.textContent()).toContain('127.0.0.1/8');
    const br = table.getByRole('row').filter({ hasText: bridge });
    await expect.poll(() => br.first().textContent()).toContain('Bridge');
    expect(await br.first().textContent()).toContain(`${subnet}.1/24`);
    await screenshot(page, 'host-interfaces');
  });

  it('edits the DHCP range, then deletes the network after asking', async () => {
    await tab('Virtual networks').click();
    await page.getByRole('button', { name: `Edit ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit network ${name}` });
    await dialog.getByRole('textbox', { name: 'IPv4 DHCP end' }).fill(`${subnet}.70`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => networkRow().textContent()).toContain(`${subnet}.50 – ${subnet}.70`);
    expect(virsh('net-dumpxml', '--inactive', name)).toContain(
      `<range start='${subnet}.50' end='${subnet}.70'/>`,
    );

    virsh('destroy', vmName);
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Delete network ${name}?` });
    await confirm.waitFor();
    expect(netNames()).toContain(name);
    await confirm.getByRole('button', { name: 'Delete network' }).click();
    const tableText = () =>
      networkTable()
        .textContent()
        .catch(() => '');
    await expect.poll(tableText, { timeout: 20_000 }).not.toContain(name);
    expect(netNames()).not.toContain(name);
    expect(errors).toEqual([]);
  });
});
