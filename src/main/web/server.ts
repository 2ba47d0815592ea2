/**
 * The browser shell: the built renderer and the backend API (one WebSocket at /api) on
 * 127.0.0.1 only, guarded by a per-launch token (see auth.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallMessage, ServerMessage } from '../../shared/api/wire';
import type { ApiBackend } from '../api/apiBackend';
import {
  TOKEN_COOKIE,
  cookieToken,
  hostAllowed,
  newToken,
  originAllowed,
  queryToken,
  sameToken,
} from './auth';
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

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:* http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  // The page URL carries the token: never send it on as a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Largest API message accepted from a page; calls are small, this only stops abuse. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? newToken();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = 0;

  const refuse = (res: ServerResponse, why: string): void => {
    res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
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
    const fromQuery = sameToken(queryToken(req), token);
    if (!fromQuery && !sameToken(cookieToken(req), token)) {
      return refuse(res, 'open the URL that `npm run web` printed (it carries the access token)');
    }
    const headers: Record<string, string> = { ...SECURITY_HEADERS };
    if (fromQuery) {
      headers['Set-Cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!(await serveStatic(options.rendererDir, path, res, headers))) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' });
      res.end('Not found\n');
    }
  }

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const tokenOk = sameToken(queryToken(req), token) || sameToken(cookieToken(req), token);
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

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
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
      if (isBinary) throw new Error('binary');
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
