/**
 * The browser shell's guard, over real HTTP and WebSocket on loopback: no token, a wrong token, a
 * foreign Host or Origin are refused; the right token gets the page, a cookie, and a working API.
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

interface HttpAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

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
function tryWebSocket(url: string, headers: Record<string, string>): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
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
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Virtdeck</title>');
    backend = await createApiBackend({ configDir: join(dir, 'config'), consoleOrigins: () => [] });
    shell = await startWebShell({ backend, rendererDir, port: 0 });
    token = new URL(shell.url).searchParams.get('token') ?? '';
    origin = `http://127.0.0.1:${shell.port}`;
  });

  afterAll(async () => {
    await shell.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL with a long random token', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('refuses the page without the token, with a wrong one, and for a foreign Host', async () => {
    expect((await get(shell.port, '/')).status).toBe(403);
    expect((await get(shell.port, '/?token=wrong')).status).toBe(403);
    expect((await get(shell.port, `/?token=${token.slice(0, -1)}x`)).status).toBe(403);
    const rebinding = await get(shell.port, `/?token=${token}`, {
      Host: `evil.example:${shell.port}`,
    });
    expect(rebinding.status).toBe(403);
  });

  it('serves the page with the token, and sets a strict cookie for its assets', async () => {
    const page = await get(shell.port, `/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Virtdeck</title>');
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const withCookie = await get(shell.port, '/index.html', { Cookie: `virtdeck_token=${token}` });
    expect(withCookie.status).toBe(200);
    expect(
      (await get(shell.port, '/../../etc/passwd', { Cookie: `virtdeck_token=${token}` })).status,
    ).toBe(404);
  });

  it('refuses a WebSocket without the token or from another Origin', async () => {
    const api = `ws://127.0.0.1:${shell.port}/api`;
    expect(await tryWebSocket(api, { Origin: origin })).toBe(403);
    expect(await tryWebSocket(`${api}?token=${token}`, { Origin: 'http://evil.example' })).toBe(
      403,
    );
    expect(await tryWebSocket(`${api}?token=${token}`, {})).toBe(403);
    expect(await tryWebSocket(api, { Origin: origin, Cookie: `virtdeck_token=${token}` })).toBe(
      'open',
    );
  });

  it('answers API calls over the WebSocket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api?token=${token}`, {
      headers: { Origin: origin },
    });
    await new Promise((resolve) => ws.once('open', resolve));
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
