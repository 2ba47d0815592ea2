/**
 * The gateway's transfer routes on a real loopback HTTP server, with fake transfers: who is let
 * in (Host, Origin, Electron's "null" origin, preflight), tickets that work once and expire, and
 * what a failed navigation gets (204: the app's page stays).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransferRoutes, contentDisposition } from '../../../src/main/consoles/transferRoutes';
import type { PendingTransfer } from '../../../src/main/services/storage/pendingTransfer';

const ORIGIN = 'http://127.0.0.1:9999';
let server: Server | undefined;

async function serve(allowed: string[], ttlMs?: number) {
  let port = 0;
  const routes = new TransferRoutes({ port: () => port, allowedOrigins: () => allowed, ttlMs });
  server = createServer((req, res) => {
    if (!routes.handle(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return { routes, port };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

function upload() {
  let got = '';
  const expired = vi.fn<() => void>();
  const pending: PendingTransfer = {
    kind: 'upload',
    describe: 'test upload',
    receive: async (body: Readable) => {
      for await (const chunk of body) got += (chunk as Buffer).toString();
      return got.length;
    },
    expired,
  };
  return Object.assign(pending, { expired, got: () => got });
}

describe('transfer routes', () => {
  it('takes a PUT from an allowed origin once', async () => {
    const { routes } = await serve([ORIGIN]);
    const pending = upload();
    const { url } = routes.issue(pending);
    const ok = await send(url, 'PUT', { Origin: ORIGIN }, 'hello');
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(pending.got()).toBe('hello');
    expect((await send(url, 'PUT', { Origin: ORIGIN }, 'again')).status).toBe(403);
    expect(routes.size).toBe(0);
  });

  it('refuses other origins, a PUT without Origin, and a wrong Host', async () => {
    const { routes, port } = await serve([ORIGIN]);
    const pending = upload();
    const { url } = routes.issue(pending);
    expect((await send(url, 'PUT', { Origin: 'http://evil.example' }, 'x')).status).toBe(403);
    expect((await send(url, 'PUT', {}, 'x')).status).toBe(403);
    // A PUT without Origin spent the ticket (it was taken): the real page would get a fresh one.
    const second = routes.issue(upload());
    const rebinding = await send(
      second.url,
      'PUT',
      { Origin: ORIGIN, Host: `evil.example:${port}` },
      'x',
    );
    expect(rebinding.status).toBe(403);
    expect(pending.got()).toBe('');
  });

  it("answers a preflight from the app's origin only", async () => {
    const { routes } = await serve([ORIGIN]);
    const { url } = routes.issue(upload());
    const ok = await send(url, 'OPTIONS', {
      Origin: ORIGIN,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Private-Network': 'true',
    });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-methods']).toBe('GET, PUT');
    expect(ok.headers['access-control-allow-private-network']).toBe('true');
    expect((await send(url, 'OPTIONS', { Origin: 'http://evil.example' })).status).toBe(403);
    // The preflight did not use the ticket.
    expect(routes.size).toBe(1);
  });

  it("counts Electron's file:// pages (Origin: null) as the app's", async () => {
    const { routes } = await serve(['file://']);
    const pending = upload();
    const { url } = routes.issue(pending);
    expect((await send(url, 'PUT', { Origin: 'null' }, 'from electron')).status).toBe(200);
    expect(pending.got()).toBe('from electron');
  });

  it('expires an unused ticket and tells the transfer', async () => {
    const { routes } = await serve([ORIGIN], 30);
    const pending = upload();
    const { url } = routes.issue(pending);
    await new Promise((r) => setTimeout(r, 80));
    expect(pending.expired).toHaveBeenCalledOnce();
    expect((await send(url, 'PUT', { Origin: ORIGIN }, 'late')).status).toBe(403);
  });

  it('serves a download as an attachment; a failed navigation gets 204', async () => {
    const { routes } = await serve([ORIGIN]);
    const { url } = routes.issue({
      kind: 'download',
      describe: 'test download',
      filename: 'disk ü.qcow2',
      size: 5,
      send: async (out) => {
        out.end('bytes');
      },
      expired: vi.fn<() => void>(),
    });
    expect(routes.isTransferUrl(url)).toBe(true);
    expect(routes.isTransferUrl('http://127.0.0.1:1/transfer?token=x')).toBe(false);
    const got = await send(url, 'GET');
    expect(got.status).toBe(200);
    expect(got.body).toBe('bytes');
    expect(got.headers['content-disposition']).toBe(contentDisposition('disk ü.qcow2'));
    expect(got.headers['access-control-allow-origin']).toBeUndefined();
    expect((await send(url, 'GET')).status).toBe(204);
    expect((await send(url, 'GET', { Origin: ORIGIN })).status).toBe(403);
  });

  it('writes the exact file name in RFC 5987 form with an ASCII fallback', () => {
    expect(contentDisposition('a "b"/\u00fc.iso')).toBe(
      `attachment; filename="a _b___.iso"; filename*=UTF-8''a%20%22b%22%2F%C3%BC.iso`,
    );
  });
});
