/**
 * The console gateway with a real QEMU guest (TCG, booting the tiny ISO), locally and over SSH:
 * a VNC session through the host's forward answers with the RFB greeting and a password-protected
 * display asks for VNC auth; the serial console echoes what is typed; tickets work once, only from
 * the app's Origin. Closing the page closes the stream. (Its guard alone: gatewayGuard.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConsoleGateway } from '../../../src/main/consoles/consoleGateway';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  destroyDomain,
  lookupDomainByName,
  startDomain,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { listConsoles, prepareConsole } from '../../../src/main/services/consoleSources';
import {
  createQcow2,
  createTempPool,
  removeLeftovers,
  type TempPool,
  tcgDomainXml,
  uploadTinyIso,
} from '../../support/libvirtFixtures';
import { modernTransport, transports } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

const ORIGIN = 'http://127.0.0.1:1234';

/** Opens a gateway WebSocket; resolves with the socket, or the HTTP status it was refused with. */
function connect(url: string, origin = ORIGIN): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Origin: origin } });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

function collect(ws: WebSocket): () => string {
  let text = '';
  ws.on('message', (data: Buffer) => (text += data.toString('latin1')));
  return () => text;
}

// This machine over its socket and over SSH, and the modern host (libvirt 11.3, QEMU 10.0).
for (const transport of [...transports().slice(0, 2), modernTransport()]) {
  describe(`console gateway (${transport.name})`, () => {
    const name = `console 'ü' $(x); ${transport.name}`;
    const qemu = {} as {
      conn: LibvirtConnection;
      host: Host;
      pool: TempPool;
      iso: string;
    };
    let gateway: ConsoleGateway;
    let uuid: string;

    beforeAll(async () => {
      gateway = await ConsoleGateway.start({ allowedOrigins: () => [ORIGIN] });
      qemu.host = transport.makeHost();
      const conn = (qemu.conn = await LibvirtConnection.open(qemu.host, 'qemu:///system'));
      // Before our own pool exists: it clears every test pool a crashed run left behind.
      await removeLeftovers(conn.rpc, [name]);
      const pool = (qemu.pool = await createTempPool(conn.rpc));
      const disk = await createQcow2(conn.rpc, pool.pool, 'console.qcow2', 8);
      const iso = await uploadTinyIso(conn.rpc, pool.pool, 'console.iso');
      qemu.iso = iso.path;
      const xml = tcgDomainXml(name, disk.path, iso.path, { password: "s3cr'pw" });
      const dom = await startDomain(conn.rpc, await defineDomain(conn.rpc, xml));
      uuid = uuidToString(dom.uuid);
    });

    afterAll(async () => {
      await gateway?.close();
      const dom = await lookupDomainByName(qemu.conn.rpc, name).catch(() => null);
      if (dom) {
        await destroyDomain(qemu.conn.rpc, dom).catch(() => {});
        await undefineDomain(qemu.conn.rpc, dom);
      }
      await qemu.pool?.destroy();
      await qemu.conn?.close();
      await qemu.host?.close();
    });

    it('lists the VNC display with its password, and the serial console once', async () => {
      const consoles = await listConsoles(qemu.conn.rpc, uuid);
      expect(consoles.map((c) => [c.id, c.kind, c.label, c.supported])).toEqual([
        ['graphics:0', 'vnc', 'VNC', true],
        ['serial:0', 'serial', 'Serial 1', true],
      ]);
      expect(consoles[0]).toMatchObject({
        password: "s3cr'pw",
        endpoint: { kind: 'tcp', host: '127.0.0.1' },
      });
    });

    it('carries VNC through the host forward: the RFB greeting, then VNC auth offered', async () => {
      const prepared = await prepareConsole(qemu.conn.host, qemu.conn.rpc, uuid, 'graphics:0');
      expect(prepared).toMatchObject({ kind: 'vnc', password: "s3cr'pw" });
      const ws = await connect(gateway.issue(prepared));
      if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
      const received: Buffer[] = [];
      ws.on('message', (data: Buffer) => received.push(data));
      await waitFor('the RFB greeting', () =>
        Buffer.concat(received).toString('latin1').startsWith('RFB 003.008\n'),
      );
      ws.send(Buffer.from('RFB 003.008\n'));
      // Security types: count, then types; 2 is VNC authentication (the display has a password).
      await waitFor('the security types', () => Buffer.concat(received).length >= 12 + 2);
      const types = Buffer.concat(received).subarray(12);
      expect([...types.subarray(1, 1 + (types[0] ?? 0))]).toContain(2);
      expect(gateway.openSessions).toBe(1);
      ws.close();
      await waitFor('the session to close', () => gateway.openSessions === 0);
    });

    it('carries the serial console: typed text reaches isolinux, which answers', async () => {
      const prepared = await prepareConsole(qemu.conn.host, qemu.conn.rpc, uuid, 'serial:0');
      const ws = await connect(gateway.issue(prepared));
      if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
      const screen = collect(ws);
      await waitFor(
        'isolinux to answer on the serial console',
        () => {
          ws.send(Buffer.from('hello\r'));
          return /hello/.test(screen()) && /boot:/.test(screen());
        },
        90_000,
        1000,
      );
      ws.close();
      await waitFor('the session to close', () => gateway.openSessions === 0);
    });

    it('refuses a wrong token, a reused token and another Origin', async () => {
      const prepared = await prepareConsole(qemu.conn.host, qemu.conn.rpc, uuid, 'serial:0');
      const url = gateway.issue(prepared);
      expect(await connect(url.replace(/token=.*/, 'token=not-a-ticket'))).toBe(403);
      expect(await connect(gateway.issue(prepared), 'http://evil.example')).toBe(403);
      const first = await connect(url);
      expect(first).toBeInstanceOf(WebSocket);
      (first as WebSocket).close();
      expect(await connect(url)).toBe(403);
    });

    it('admits every SPICE channel of one ticket while the main one is open', async () => {
      const { conn } = qemu;
      const spiceName = `${name} spice`;
      // No disk: the first guest holds the qcow2 image's lock.
      const xml = tcgDomainXml(spiceName, undefined, qemu.iso, { graphics: 'spice' });
      const dom = await startDomain(conn.rpc, await defineDomain(conn.rpc, xml));
      try {
        const spiceUuid = uuidToString(dom.uuid);
        const prepared = await prepareConsole(qemu.host, conn.rpc, spiceUuid, 'graphics:0');
        expect(prepared.kind).toBe('spice');
        const url = gateway.issue({ ...prepared, multiple: true });
        // SpiceLinkHeader ('REDQ', protocol 2.2, body size 18) + SpiceLinkMess for the main channel.
        const link = Buffer.alloc(16 + 18);
        link.write('REDQ', 0, 'latin1');
        link.writeUInt32LE(2, 4);
        link.writeUInt32LE(2, 8);
        link.writeUInt32LE(18, 12);
        link.writeUInt8(1, 20); // channel type: main
        link.writeUInt32LE(18, 30); // caps offset
        const channels: WebSocket[] = [];
        for (let i = 0; i < 2; i++) {
          const ws = await connect(url);
          if (typeof ws === 'number') throw new Error(`channel ${i} refused: ${ws}`);
          channels.push(ws);
          const reply = collect(ws);
          ws.send(link);
          await waitFor(`the SPICE server's link reply on connection ${i}`, () =>
            reply().startsWith('REDQ'),
          );
        }
        for (const ws of channels) ws.close();
        await waitFor('the sessions to close', () => gateway.openSessions === 0);
        expect(await connect(url)).toBe(403);
      } finally {
        await destroyDomain(conn.rpc, dom).catch(() => {});
        await undefineDomain(conn.rpc, dom);
      }
    });

    it('refuses to open a console of a guest that is not running', async () => {
      await destroyDomain(
        qemu.conn.rpc,
        (await qemu.conn.rpc.call('DOMAIN_LOOKUP_BY_NAME', { name })).dom,
      );
      await expect(
        prepareConsole(qemu.conn.host, qemu.conn.rpc, uuid, 'graphics:0'),
      ).rejects.toThrow(/is not running/);
    });
  });
}
