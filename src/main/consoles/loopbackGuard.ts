/**
 * Who may talk to a server of ours on the loopback address: the Host header must name 127.0.0.1
 * or localhost on that server's own port (no DNS rebinding: a page of another site resolved to
 * 127.0.0.1 sends its own name), and a WebSocket's Origin must be one of those pages. Shared by
 * the console gateway, its transfer routes and the browser shell, which sits above them.
 */
import type { IncomingMessage } from 'node:http';

/** The names a loopback server answers to: 127.0.0.1 and localhost on its port. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  return allowedHosts(port).includes(req.headers.host ?? '');
}

/** A WebSocket must come from our own page: browsers always send Origin on WebSocket requests. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin !== undefined && allowedHosts(port).some((h) => origin === `http://${h}`);
}
