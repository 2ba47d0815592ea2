/**
 * File transfers on the console gateway's loopback HTTP server, for bytes that live in the page
 * (a File picked or dropped) or must land on the user's disk (a download):
 *
 *   PUT /transfer?token=T   the request body goes into the transfer (a volume upload)
 *   GET /transfer?token=T   the transfer's bytes come back as an attachment (a volume download)
 *
 * A token works once and expires unused after TRANSFER_TTL_MS. The Host header must name the
 * loopback address we listen on (no DNS rebinding). A request carrying an Origin must come from
 * the app's own pages, which alone get CORS headers (the page's fetch PUT is cross-origin: the
 * gateway has a port of its own); a download is a plain navigation, which carries no Origin, so
 * there the token alone admits it. Electron's file:// pages send "Origin: null" on fetch, which
 * counts as theirs when file:// is one of the allowed origins.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  IssuedTransfer,
  PendingDownload,
  PendingTransfer,
  PendingUpload,
} from '../services/storage/pendingTransfer';
import { hostAllowed } from './loopbackGuard';

export const TRANSFER_TTL_MS = 60_000;
export const TRANSFER_PATH = '/transfer';

export interface TransferRoutesOptions {
  port(): number;
  allowedOrigins(): readonly string[];
  ttlMs?: number;
}

export class TransferRoutes {
  private readonly pending = new Map<
    string,
    { transfer: PendingTransfer; timer: NodeJS.Timeout }
  >();
  private readonly active = new Set<ServerResponse>();

  constructor(private readonly options: TransferRoutesOptions) {}

  issue(transfer: PendingTransfer): IssuedTransfer {
    const token = randomBytes(32).toString('base64url');
    const timer = setTimeout(() => this.expire(token), this.options.ttlMs ?? TRANSFER_TTL_MS);
    timer.unref();
    this.pending.set(token, { transfer, timer });
    return {
      url: `http://127.0.0.1:${this.options.port()}${TRANSFER_PATH}?token=${token}`,
      revoke: () => this.expire(token),
    };
  }

  /** Unused tickets and transfers running now. */
  get size(): number {
    return this.pending.size + this.active.size;
  }

  /** Whether `url` is one of our download URLs (Electron lets the window "navigate" to it). */
  isTransferUrl(url: string): boolean {
    try {
      const u = new URL(url);
      return (
        u.protocol === 'http:' &&
        u.host === `127.0.0.1:${this.options.port()}` &&
        u.pathname === TRANSFER_PATH
      );
    } catch {
      return false;
    }
  }

  /** Serves `req` when it is a transfer request; false leaves it to the caller. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== TRANSFER_PATH) return false;
    const hostOk = hostAllowed(req, this.options.port());
    const origin = req.headers.origin;
    const originOk = origin !== undefined && this.originAllowed(origin);
    const cors: Record<string, string> = originOk
      ? {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Expose-Headers': 'Content-Disposition',
          Vary: 'Origin',
        }
      : {};
    const reply = (status: number, body?: object, close = false): void => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(status, {
        ...cors,
        'Cache-Control': 'no-store',
        ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        ...(close ? { Connection: 'close' } : {}),
      });
      res.end(body ? JSON.stringify(body) : undefined);
    };

    if (!hostOk || (origin !== undefined && !originOk)) {
      reply(403, { error: 'Forbidden' }, true);
      return true;
    }
    if (req.method === 'OPTIONS') {
      if (!originOk) {
        reply(403, { error: 'Forbidden' }, true);
        return true;
      }
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, PUT',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '60',
        ...(req.headers['access-control-request-private-network'] === 'true'
          ? { 'Access-Control-Allow-Private-Network': 'true' }
          : {}),
      });
      res.end();
      return true;
    }

    const entry = this.take(url.searchParams.get('token'));
    if (req.method === 'PUT' && originOk && entry?.kind === 'upload') {
      void this.serveUpload(entry, req, res, reply);
    } else if (req.method === 'GET' && entry?.kind === 'download') {
      void this.serveDownload(entry, res, cors);
    } else {
      if (entry) entry.expired();
      // A failed navigation must not replace the app's page: 204 keeps the page where it is.
      const navigation = req.method === 'GET' && origin === undefined;
      reply(
        navigation ? 204 : 403,
        navigation ? undefined : { error: 'Unknown or expired transfer' },
        true,
      );
    }
    return true;
  }

  /** Ends every transfer still running and forgets every ticket (the app is closing). */
  close(): void {
    for (const token of [...this.pending.keys()]) this.expire(token);
    for (const res of this.active) res.destroy();
  }

  private originAllowed(origin: string): boolean {
    const allowed = this.options.allowedOrigins();
    return allowed.includes(origin) || (origin === 'null' && allowed.includes('file://'));
  }

  private take(token: string | null): PendingTransfer | undefined {
    if (!token) return undefined;
    const entry = this.pending.get(token);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.pending.delete(token);
    return entry.transfer;
  }

  private expire(token: string): void {
    const entry = this.pending.get(token);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(token);
    entry.transfer.expired();
  }

  private async serveUpload(
    upload: PendingUpload,
    req: IncomingMessage,
    res: ServerResponse,
    reply: (status: number, body?: object, close?: boolean) => void,
  ): Promise<void> {
    this.active.add(res);
    const header = req.headers['content-length'];
    const length = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
    try {
      const bytes = await upload.receive(req, length);
      reply(200, { bytes });
    } catch (err) {
      // The rest of the body is not read: close the connection after the answer.
      reply(errorStatus(err), { error: err instanceof Error ? err.message : String(err) }, true);
    } finally {
      this.active.delete(res);
    }
  }

  private async serveDownload(
    download: PendingDownload,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    this.active.add(res);
    res.writeHead(200, {
      ...cors,
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': contentDisposition(download.filename),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...(download.size !== undefined ? { 'Content-Length': String(download.size) } : {}),
    });
    try {
      await download.send(res);
    } catch {
      // The headers are out: a cut connection is how the browser learns the download failed.
      res.destroy();
    } finally {
      this.active.delete(res);
    }
  }
}

function errorStatus(err: unknown): number {
  const code = (err as { code?: unknown }).code;
  if (code === 'invalid-input') return 400;
  if (code === 'cancelled') return 409;
  return 500;
}

/** attachment; an ASCII fallback name and the exact one in RFC 5987 form. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\/]/g, '_') || 'download';
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
