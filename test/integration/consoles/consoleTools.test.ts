/**
 * Console extras with a real QEMU guest (TCG, booting the tiny ISO) reached over SSH: Add
 * hardware's QEMU vdagent channel (in the XML libvirt returns, and QEMU starts with it; the
 * isolinux guest runs no agent, so the channel says disconnected); the serial history (what the
 * guest prints while no tab is attached is there when one comes back); the remote-viewer forward
 * (a loopback port answering with the guest's RFB greeting, for one viewer, closed after it left).
 */
import { execFileSync } from 'node:child_process';
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConsoleGateway } from '../../../src/main/consoles/consoleGateway';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  destroyDomain,
  getDomainXml,
  lookupDomainByName,
  lookupDomainByUuid,
  startDomain,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { uuidFromString, uuidToString } from '../../../src/main/libvirt/refs';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import { clipboardAgentState } from '../../../src/main/services/clipboardAgent';
import { prepareConsole } from '../../../src/main/services/consoleSources';
import { applyEdit } from '../../../src/main/services/vmDetails/applyEdit';
import { openVm } from '../../../src/main/services/vmDetails/vmXml';
import {
  createTempPool,
  removeLeftovers,
  type TempPool,
  tcgDomainXml,
  uploadTinyIso,
} from '../../support/libvirtFixtures';
import { transports } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

const ORIGIN = 'http://127.0.0.1:1234';
const NAME = `consoles tools 'ü' $(x);`;
const BANNER = 'VIRTDECK TEST ISO';

/** A tab on the gateway, with the frames it received (listened to before the socket opens). */
function wsConnect(url: string): Promise<{ ws: WebSocket; frames: string[] }> {
  return new Promise((resolve, reject) => {
    const frames: string[] = [];
    const ws = new WebSocket(url, { headers: { Origin: ORIGIN } });
    // The history may come in the same packet as the upgrade's answer: listen from the start.
    ws.on('message', (d: Buffer) => frames.push(d.toString('latin1')));
    ws.on('open', () => resolve({ ws, frames }));
    ws.on('error', reject);
  });
}

/** A TCP client of the forward, with what it received and whether it closed. */
function tcpClient(port: number): Promise<{ socket: Socket; text(): string; closed(): boolean }> {
  return new Promise((resolve, reject) => {
    let text = '';
    let closed = false;
    const socket = tcpConnect(port, '127.0.0.1', () =>
      resolve({ socket, text: () => text, closed: () => closed }),
    );
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('close', () => (closed = true));
    socket.on('error', reject);
  });
}

describe('console tools (ssh)', () => {
  const transport = transports()[1];
  if (!transport) throw new Error('no SSH transport');
  let host: Host;
  let conn: LibvirtConnection;
  let pool: TempPool;
  let gateway: ConsoleGateway;
  let uuid: string;
  const dom = () => lookupDomainByUuid(conn.rpc, uuidFromString(uuid));

  beforeAll(async () => {
    gateway = await ConsoleGateway.start({ allowedOrigins: () => [ORIGIN] });
    host = transport.makeHost();
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeLeftovers(conn.rpc, [NAME]);
    pool = await createTempPool(conn.rpc);
    const iso = await uploadTinyIso(conn.rpc, pool.pool, 'consoles-tools.iso');
    const defined = await defineDomain(conn.rpc, tcgDomainXml(NAME, undefined, iso.path));
    uuid = uuidToString(defined.uuid);
  });

  afterAll(async () => {
    await gateway?.close();
    const left = await lookupDomainByName(conn.rpc, NAME).catch(() => null);
    if (left) {
      await destroyDomain(conn.rpc, left).catch(() => {});
      await undefineDomain(conn.rpc, left);
    }
    await pool?.destroy();
    await conn?.close();
    await host?.close();
  });

  it('adds the QEMU vdagent channel, and the guest starts with it (no agent inside)', async () => {
    expect(await clipboardAgentState(conn.rpc, uuid)).toBe('none');
    const vm = await openVm(conn.rpc, uuid);
    await applyEdit(
      vm,
      { kind: 'addDevice', device: { kind: 'channel', type: 'qemu-vdagent' } },
      uuid,
    );
    const config = await getDomainXml(
      conn.rpc,
      await dom(),
      virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE,
    );
    const channel = /<channel type='qemu-vdagent'>[\s\S]*?<\/channel>/.exec(config)?.[0] ?? '';
    expect(channel).toContain("<clipboard copypaste='yes'/>");
    expect(channel).toContain("<mouse mode='client'/>");
    expect(channel).toMatch(/<target type='virtio' name='com.redhat.spice.0'/);

    await startDomain(conn.rpc, await dom());
    const live = await getDomainXml(conn.rpc, await dom(), 0);
    expect(live).toContain("<channel type='qemu-vdagent'>");
    // QEMU itself runs the vdagent backend: its command line has the chardev.
    const cmdline = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .find((line) => line.includes('qemu-system') && line.includes(NAME.slice(0, 14)));
    expect(cmdline).toMatch(/qemu-vdagent/);
    expect(await clipboardAgentState(conn.rpc, uuid)).toBe('disconnected');
  });

  it('keeps what the serial console printed while no tab was attached', async () => {
    const prepared = await prepareConsole(host, conn.rpc, uuid, 'serial:0');
    const ticket = () =>
      gateway.issue({
        describe: prepared.describe,
        open: () => gateway.serialHistories.attach(`serial ${uuid}`, conn.rpc, prepared.open),
      });
    const { ws: first, frames: seenFrames } = await wsConnect(ticket());
    const seen = () => seenFrames.join('');
    await waitFor(
      'isolinux to answer on the serial console',
      () => {
        first.send(Buffer.from('hello\r'));
        return /boot:/.test(seen().slice(seen().lastIndexOf('hello')));
      },
      90_000,
      1000,
    );
    first.close();
    await waitFor('the tab to close', () => gateway.openSessions === 0);
    expect(gateway.serialHistories.size).toBe(1);

    // With no tab attached: Ctrl+Alt+Del resets the guest, which prints its banner again.
    execFileSync('virsh', [
      '-c',
      'qemu:///system',
      'send-key',
      uuid,
      'KEY_LEFTCTRL',
      'KEY_LEFTALT',
      'KEY_DELETE',
    ]);
    // Each probe looks at the first frame only: the history, as a new tab gets it.
    const history = await waitFor(
      'the banner printed after the reset, in the history',
      async () => {
        const probe = await wsConnect(ticket());
        const frame = await waitFor('the history frame', () => probe.frames[0]);
        probe.ws.close();
        await waitFor('the probe to close', () => gateway.openSessions === 0);
        const after = frame.slice(frame.lastIndexOf('hello'));
        return frame.includes('hello') && after.includes(BANNER) ? frame : undefined;
      },
      90_000,
      2000,
    );
    expect(history).toMatch(/boot:/);
  });

  it('forwards a loopback port to the display for one viewer, closed when it leaves', async () => {
    const prepared = await prepareConsole(host, conn.rpc, uuid, 'graphics:0');
    const forward = await gateway.forwardForViewer({
      open: prepared.open,
      concurrent: false,
      graceMs: 300,
    });
    expect(gateway.openViewerForwards).toBe(1);
    const viewer = await tcpClient(forward.port);
    await waitFor('the RFB greeting', () => viewer.text().startsWith('RFB 003.008\n'));
    // A second client while the viewer is connected is turned away.
    const other = await tcpClient(forward.port);
    await waitFor('the other client to be closed', () => other.closed());
    expect(other.text()).toBe('');

    viewer.socket.destroy();
    await forward.finished;
    expect(gateway.openViewerForwards).toBe(0);
    await expect(tcpClient(forward.port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('closes a viewer forward nobody connects to', async () => {
    const prepared = await prepareConsole(host, conn.rpc, uuid, 'graphics:0');
    const forward = await gateway.forwardForViewer({
      open: prepared.open,
      concurrent: false,
      launchWaitMs: 200,
    });
    await forward.finished;
    await expect(tcpClient(forward.port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
