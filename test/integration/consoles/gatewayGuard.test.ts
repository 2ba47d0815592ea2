/**
 * The console gateway's guard against its own page going wrong or another program on the machine:
 * it listens on loopback only (tried from a real non-loopback address of this machine), answers
 * only to a loopback Host header (no DNS rebinding), and bounds what a page may send: one message,
 * and all it sends before the console's stream is open. The stream is a real TCP echo server;
 * a display that sends a burst and hangs up has every byte reach the page, in order, before the
 * close.
 */
import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PassThrough, type Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  ConsoleGateway,
  EARLY_INPUT_LIMIT,
  MAX_MESSAGE_BYTES,
} from '../../../src/main/consoles/consoleGateway';
import { nonLoopbackAddress } from '../../support/nonLoopbackAddress';
import { waitFor } from '../../support/waitFor';

const ORIGIN = 'http://127.0.0.1:1234';

/** Opens a gateway WebSocket; resolves with the socket, or the HTTP status it was refused with. */
function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Origin: ORIGIN, ...headers } });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

/** Resolves with the error code of a plain TCP connection to `host:port` ('connected' if none). */
function tryTcp(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('console gateway guard', () => {
  let gateway: ConsoleGateway;
  let echo: Server;
  const echoSockets = new Set<Socket>();

  /** A console whose stream is a TCP connection to the echo server, opened when `open()` says. */
  function echoConsole(opened: Promise<void> = Promise.resolve()) {
    return {
      describe: 'echo',
      async open(): Promise<Duplex> {
        await opened;
        const { port } = echo.address() as AddressInfo;
        const socket = tcpConnect({ host: '127.0.0.1', port });
        await new Promise((resolve) => socket.once('connect', resolve));
        return socket;
      },
    };
  }

  beforeAll(async () => {
    gateway = await ConsoleGateway.start({ allowedOrigins: () => [ORIGIN] });
    echo = createServer((socket) => {
      echoSockets.add(socket);
      socket.on('close', () => echoSockets.delete(socket));
      socket.pipe(socket);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await gateway?.close();
    for (const socket of echoSockets) socket.destroy();
    await new Promise((resolve) => echo?.close(resolve));
  });

  it('listens on loopback only', async () => {
    const { address, remove } = nonLoopbackAddress();
    const other = createServer((socket) => socket.destroy());
    try {
      // The address works: a server on every address is reached through it.
      await new Promise<void>((resolve) => other.listen(0, '0.0.0.0', resolve));
      expect(await tryTcp(address, (other.address() as AddressInfo).port)).toBe('connected');
      // The gateway is not.
      expect(await tryTcp(address, gateway.port)).toBe('ECONNREFUSED');
    } finally {
      await new Promise((resolve) => other.close(resolve));
      remove();
    }
  });

  it('refuses a foreign Host header, and the ticket still works after it', async () => {
    const url = gateway.issue(echoConsole());
    expect(await connect(url, { Host: `evil.example:${gateway.port}` })).toBe(403);
    const ws = await connect(url, { Host: `localhost:${gateway.port}` });
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
    await waitFor('the session to close', () => gateway.openSessions === 0);
  });

  it('carries bytes both ways, and closes a message larger than the limit', async () => {
    const ws = await connect(gateway.issue(echoConsole()));
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
    const received: Buffer[] = [];
    ws.on('message', (data: Buffer) => received.push(data));
    ws.send(Buffer.from('ping'));
    await waitFor('the echo', () => Buffer.concat(received).toString() === 'ping');
    const end = closed(ws);
    ws.send(Buffer.alloc(MAX_MESSAGE_BYTES + 1));
    expect((await end).code).toBe(1009);
    await waitFor('the session to close', () => gateway.openSessions === 0);
  });

  /**
   * Displays that send `burst` and hang up: over TCP (its end is read a turn after the last
   * bytes), and as a stream whose bytes and end come in the same turn, as an SSH channel's last
   * data and EOF do when they arrive in one read.
   */
  const hangingUp: Record<string, (burst: Buffer) => Promise<Duplex>> = {
    tcp: async (burst) => {
      const display = createServer((socket) => socket.end(burst));
      await new Promise<void>((resolve) => display.listen(0, '127.0.0.1', resolve));
      const socket = tcpConnect({
        host: '127.0.0.1',
        port: (display.address() as AddressInfo).port,
      });
      socket.once('close', () => display.close());
      await new Promise((resolve) => socket.once('connect', resolve));
      return socket;
    },
    'same turn': async (burst) => {
      const stream = new PassThrough();
      setImmediate(() => stream.end(burst));
      return stream;
    },
  };

  it.each(
    Object.keys(hangingUp).flatMap((kind) =>
      [100, 3 * 1024 * 1024 + 123].map((size) => [kind, size] as const),
    ),
  )(
    'hands the page every byte a display sent before it hung up (%s, %i bytes), then closes',
    async (kind, size) => {
      const burst = randomBytes(size);
      const url = gateway.issue({ describe: 'display', open: () => hangingUp[kind]!(burst) });
      // Listening from the start: the bytes may come in the same read as the upgrade's answer.
      const ws = new WebSocket(url, { headers: { Origin: ORIGIN } });
      const received: Buffer[] = [];
      ws.on('message', (data: Buffer) => received.push(data));
      expect((await closed(ws)).code).toBe(1000);
      expect(Buffer.concat(received).equals(burst)).toBe(true);
    },
  );

  it('fails one connection that sends too much before its stream opens, not the others', async () => {
    let letOpen = (): void => {};
    const opened = new Promise<void>((resolve) => (letOpen = resolve));
    const flooding = await connect(gateway.issue(echoConsole(opened)));
    const patient = await connect(gateway.issue(echoConsole(opened)));
    if (typeof flooding === 'number' || typeof patient === 'number') throw new Error('refused');
    const end = closed(flooding);
    const chunk = Buffer.alloc(16 * 1024);
    for (let sent = 0; sent <= EARLY_INPUT_LIMIT; sent += chunk.length) flooding.send(chunk);
    expect(await end).toEqual({
      code: 1008,
      // The gateway's own reasons travel as a message (key and parameters), shown translated.
      reason: JSON.stringify({ key: 'consoleGateway.tooMuchInput' }),
    });
    // The other session, within the limit, opens and carries what it sent early.
    const received: Buffer[] = [];
    patient.on('message', (data: Buffer) => received.push(data));
    patient.send(Buffer.from('early'));
    letOpen();
    await waitFor('the early bytes echoed', () => Buffer.concat(received).toString() === 'early');
    patient.close();
    await waitFor('the sessions to close', () => gateway.openSessions === 0);
    // The flooding session's stream was never left open on the host.
    await waitFor('no stream left', () => echoSockets.size === 0);
  });
});
