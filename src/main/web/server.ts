/**
 * The browser shell: the built renderer and the backend API (one WebSocket at /api) on
 * 127.0.0.1 only; the API is guarded by a per-launch token (see auth.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_PROTOCOL, type CallMessage, type ServerMessage } from '../../shared/api/wire';
import type { ApiBackend } from '../api/apiBackend';
import { contentSecurityPolicy, metaPolicy } from '../electron/csp';
import { hostAllowed, originAllowed } from '../consoles/loopbackGuard';
import { newToken, protocolToken, sameToken } from './auth';
import { serveStatic } from './staticFiles';

export interface WebShellOptions {
  backend: ApiBackend;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface WebShell {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Largest API message accepted from a page; calls are small, this only stops abuse. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** The page's own policy <meta> (index.html's, for Electron), rewritten to the served policy. */
const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i;

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? newToken();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // The page offers the API's protocol and its token (auth.ts); only the first is answered.
    handleProtocols: (protocols) => (protocols.has(API_PROTOCOL) ? API_PROTOCOL : false),
  });
  let port = 0;
  let headers: Record<string, string> = {};

  const refuse = (res: ServerResponse, why: string): void => {
    res.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`Forbidden: ${why}\n`);
  };

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return refuse(res, 'unknown Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'method not allowed');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const policy = metaPolicy(headers['Content-Security-Policy'] ?? '');
    const html = (text: string): string => text.replace(CSP_META, `$1${policy}$2`);
    if (!(await serveStatic(options.rendererDir, path, res, headers, html))) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('Not found\n');
    }
  }

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const tokenOk = sameToken(protocolToken(req), token);
    if (path !== '/api' || !hostAllowed(req, port) || !originAllowed(req, port) || !tokenOk) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveApi(ws, options.backend, sockets));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  headers = {
    'Content-Security-Policy': contentSecurityPolicy({
      gatewayPort: options.backend.consolePort,
      shellPort: port,
    }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };

  return {
    // In the fragment: a browser never sends it to a server (nor in a Referer).
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveApi(ws: WebSocket, backend: ApiBackend, sockets: Set<WebSocket>): void {
  sockets.add(ws);
  const send = (message: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = backend.subscribe((name, payload) => send({ type: 'event', name, payload }));
  ws.on('message', (data, isBinary) => {
    let call: CallMessage;
    try {
      // Text frames arrive as one Buffer (the default binaryType); anything else is refused.
      if (isBinary || !Buffer.isBuffer(data)) throw new Error('binary');
      call = JSON.parse(data.toString()) as CallMessage;
      if (call.type !== 'call' || typeof call.id !== 'number') throw new Error('shape');
    } catch {
      ws.close(1003, 'Expected a JSON call message');
      return;
    }
    void backend
      .call(call.method, call.params)
      .then((reply) => send({ type: 'reply', id: call.id, ...reply }));
  });
  ws.on('close', () => {
    unsubscribe();
    sockets.delete(ws);
  });
}
