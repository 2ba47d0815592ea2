/**
 * The browser shell's guard, over real HTTP and WebSocket on loopback. The page and its assets are
 * the built renderer, no secret: anyone on this machine may fetch them (a foreign Host header is
 * refused: DNS rebinding), and no cookie is ever set (a cookie would reach every other server on
 * 127.0.0.1, whatever its port). The API WebSocket needs the per-launch token, offered as a
 * WebSocket subprotocol, and the page's own Origin. No request path reaches outside the renderer.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiBackend } from '../../../src/main/api/createApiBackend';
import type { ApiBackend } from '../../../src/main/api/apiBackend';
import { startWebShell, type WebShell } from '../../../src/main/web/server';
import { API_PROTOCOL, apiProtocols } from '../../../src/shared/api/wire';

interface HttpAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A GET with `path` sent as it is written (node:http does not normalise it, unlike new URL). */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves 'open' or the HTTP status it was refused with. */
function tryWebSocket(
  url: string,
  headers: Record<string, string>,
  protocols: string[] = [],
): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('browser shell', () => {
  let dir: string;
  let backend: ApiBackend;
  let shell: WebShell;
  let token: string;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'virtdeck-web-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(
      join(rendererDir, 'index.html'),
      '<!doctype html><meta\n  http-equiv="Content-Security-Policy"\n' +
        `  content="connect-src 'self' ws://127.0.0.1:*"\n/><title>Virtdeck</title>`,
    );
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
    // Beside the renderer, where a path escaping it would land.
    writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET');
    backend = await createApiBackend({ configDir: join(dir, 'config'), consoleOrigins: () => [] });
    shell = await startWebShell({ backend, rendererDir, port: 0 });
    token = new URLSearchParams(new URL(shell.url).hash.slice(1)).get('token') ?? '';
    origin = `http://127.0.0.1:${shell.port}`;
  });

  afterAll(async () => {
    await shell.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL with a long random token in its fragment (never sent to a server)', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });

  it('serves the page and its assets without the token, and never sets a cookie', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const answer = await get(shell.port, path);
      expect(answer.status).toBe(200);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    expect((await get(shell.port, '/')).body).toContain('<title>Virtdeck</title>');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const rebinding = await get(shell.port, '/', { Host: `evil.example:${shell.port}` });
    expect(rebinding.status).toBe(403);
  });

  it.each([
    '/../secret.txt',
    '/../../../../../../etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '/..\\secret.txt',
    '/%',
  ])('answers the raw path %s with no file from outside the renderer', async (path) => {
    const answer = await get(shell.port, path);
    expect([400, 403, 404]).toContain(answer.status);
    expect(answer.body).not.toContain('TOP-SECRET');
    expect(answer.body).not.toMatch(/root:/);
  });

  it('refuses a WebSocket without the token, with a wrong one, from another Origin or Host', async () => {
    const api = `ws://127.0.0.1:${shell.port}/api`;
    const wrong = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
    expect(await tryWebSocket(api, { Origin: origin })).toBe(403);
    expect(await tryWebSocket(api, { Origin: origin }, [API_PROTOCOL])).toBe(403);
    expect(await tryWebSocket(api, { Origin: origin }, apiProtocols(wrong))).toBe(403);
    // The token in the URL (the old way) or in a cookie admits nothing.
    expect(await tryWebSocket(`${api}?token=${token}`, { Origin: origin })).toBe(403);
    expect(await tryWebSocket(api, { Origin: origin, Cookie: `virtdeck_token=${token}` })).toBe(
      403,
    );
    expect(await tryWebSocket(api, { Origin: 'http://evil.example' }, apiProtocols(token))).toBe(
      403,
    );
    expect(await tryWebSocket(api, {}, apiProtocols(token))).toBe(403);
    const rebinding = { Origin: origin, Host: `evil.example:${shell.port}` };
    expect(await tryWebSocket(api, rebinding, apiProtocols(token))).toBe(403);
    expect(await tryWebSocket(api, { Origin: origin }, apiProtocols(token))).toBe('open');
  });

  it('sends a policy naming only its own origin and the console gateway port', async () => {
    const page = await get(shell.port, '/');
    const policy = String(page.headers['content-security-policy']);
    // The page's own <meta> policy says the same, but for frame-ancestors (ignored in a meta).
    expect(policy).toContain("; frame-ancestors 'none'");
    expect(/content="([^"]*)"/.exec(page.body)?.[1]).toBe(
      policy.replace("; frame-ancestors 'none'", ''),
    );
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain(':*');
    expect(policy).toMatch(
      new RegExp(
        `connect-src 'self' ws://127\\.0\\.0\\.1:${shell.port} ws://localhost:${shell.port} ` +
          `ws://127\\.0\\.0\\.1:(\\d+) http://127\\.0\\.0\\.1:\\1;`,
      ),
    );
  });

  it('answers API calls over the WebSocket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api`, apiProtocols(token), {
      headers: { Origin: origin },
    });
    await new Promise((resolve) => ws.once('open', resolve));
    // The server picks the plain protocol: the token is never echoed back.
    expect(ws.protocol).toBe(API_PROTOCOL);
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(data.toString()) as Record<string, unknown>;
        if (msg.type === 'reply') resolve(msg);
      }),
    );
    ws.send(JSON.stringify({ type: 'call', id: 7, method: 'session.snapshot', params: null }));
    const answer = await reply;
    expect(answer).toMatchObject({ id: 7, ok: true, result: { connections: [], vms: [] } });
    ws.close();
  });
});
