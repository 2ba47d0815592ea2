/**
 * The browser shell's guard. The URL printed at start carries a random token in its fragment,
 * which no browser sends to a server; the page keeps it in its session storage (this origin and
 * tab only) and offers it as a WebSocket subprotocol when it opens the API socket, which alone
 * needs it: the page and its assets are the built renderer, no secret. No cookie: a cookie is sent
 * to every server on 127.0.0.1 whatever its port. The Host and Origin headers are checked
 * too (consoles/loopbackGuard.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tokenFromProtocols } from '../../shared/api/wire';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compared in constant time, so that the time taken tells nothing of how much matched. */
export function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a WebSocket request offers among its subprotocols (Sec-WebSocket-Protocol). */
export function protocolToken(req: IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'] ?? '';
  return tokenFromProtocols(header.split(',').map((p) => p.trim()));
}
