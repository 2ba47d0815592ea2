/**
 * fetchOnHost against a real HTTP server this test starts on 127.0.0.1 (the host is this
 * machine): over SSH as the unprivileged test user (who cannot write the pool's directory), the
 * host's curl fetches into a volume through libvirt's upload; the bytes the pool then holds are
 * the bytes served. A 404, a cancel and a server that dies mid-way leave no volume. The modern
 * host has neither curl nor wget: there the app fetches and says so (`via: 'app'`).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { listVolumes } from '../../../src/main/libvirt/storageVolume';
import {
  checkFetchUrl,
  fetchOnHost,
  probeUrl,
  type HostFetchRequest,
} from '../../../src/main/services/newVm/hostFetch';
import { VirtdeckError } from '../../../src/shared/errors';
import { createTempPool, type TempPool } from '../../support/libvirtFixtures';
import { waitFor } from '../../support/waitFor';
import { modernTransport, transports, type Transport } from '../../support/transports';

const PREFIX = 'installflow-';
const PAYLOAD = randomBytes(3 * 1024 * 1024 + 17);
const ODD_PATH = '/files/cloud image ünï "quoted".img';
let server: Server;
let base: string;
/** Responses of the slow route still open, ended by the test. */
const stalled: { end(): void }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/files/payload.bin' || path === ODD_PATH) {
      res.writeHead(200, { 'content-length': PAYLOAD.length });
      res.end(req.method === 'HEAD' ? undefined : PAYLOAD);
      return;
    }
    if (path === '/redirect') {
      res.writeHead(302, { location: '/files/payload.bin' }).end();
      return;
    }
    if (path === '/slow.bin') {
      // Announces the payload, sends 1 MiB, then waits: the test cancels meanwhile.
      res.writeHead(200, { 'content-length': PAYLOAD.length });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      res.write(PAYLOAD.subarray(0, 1024 * 1024));
      stalled.push({ end: () => res.destroy() });
      return;
    }
    if (path === '/dies.bin') {
      res.writeHead(200, { 'content-length': PAYLOAD.length });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      res.write(PAYLOAD.subarray(0, 512 * 1024), () => res.destroy());
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of stalled) s.end();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Site {
  host: Host;
  conn: LibvirtConnection;
  pool: TempPool;
}

function onHost(transport: Transport): () => Site {
  let site: Site | undefined;
  beforeAll(async () => {
    const host = transport.makeHost();
    const conn = await LibvirtConnection.open(host, 'qemu:///system');
    const pool = await createTempPool(
      conn.rpc,
      `${PREFIX}fetch-${process.pid}-${randomBytes(3).toString('hex')}`,
    );
    site = { host, conn, pool };
  });
  afterAll(async () => {
    await site?.pool.destroy().catch(() => {});
    await site?.conn.close();
    await site?.host.close();
  });
  return () => {
    if (!site) throw new Error('read the site inside a test');
    return site;
  };
}

async function volumeNames(site: Site): Promise<string[]> {
  return (await listVolumes(site.conn.rpc, site.pool.pool)).map((v) => v.name);
}

function request(site: Site, url: string, volumeName: string): HostFetchRequest {
  return { url, pool: site.pool.pool.name, volumeName, format: 'raw' };
}

async function rejection(promise: Promise<unknown>): Promise<VirtdeckError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof VirtdeckError))
    throw new Error(`expected a VirtdeckError, got ${String(err)}`);
  return err;
}

function curlOfTestUserRunning(url: string): boolean {
  try {
    execFileSync('pgrep', ['-u', ssh?.remoteUser ?? '', '-f', `curl .*${url}`]);
    return true;
  } catch {
    return false;
  }
}

const ssh = transports().find((t) => t.name === 'ssh + virt-ssh-helper');
if (!ssh) throw new Error('the ssh + virt-ssh-helper transport is gone');

describe('over SSH as the test user, with the host’s curl', () => {
  const site = onHost(ssh);

  it('streams the served bytes into a new volume, with progress and the total', async () => {
    const s = site();
    const seen: [number, number | undefined][] = [];
    const vias: string[] = [];
    const name = `${PREFIX}payload 'ü' $(id);x`;
    const result = await fetchOnHost(s.host, s.conn.rpc, {
      ...request(s, `${base}/files/payload.bin`, name),
      onProgress: (done, total) => seen.push([done, total]),
      onVia: (via) => vias.push(via),
    });
    expect(result.via).toBe('curl');
    expect(vias).toEqual(['curl']);
    expect(result.bytes).toBe(PAYLOAD.length);
    expect(result.path).toBe(`${s.pool.path}/${name}`);
    expect(readFileSync(ssh.localPath(result.path)).equals(PAYLOAD)).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual([PAYLOAD.length, PAYLOAD.length]);
    expect(seen.every(([, total]) => total === PAYLOAD.length)).toBe(true);
  });

  it('fetches a URL whose path has spaces, quotes and unicode, following a redirect too', async () => {
    const s = site();
    const odd = await fetchOnHost(
      s.host,
      s.conn.rpc,
      request(s, `${base}${ODD_PATH}`, `${PREFIX}odd ünï`),
    );
    expect(readFileSync(ssh.localPath(odd.path)).equals(PAYLOAD)).toBe(true);
    const moved = await fetchOnHost(
      s.host,
      s.conn.rpc,
      request(s, `${base}/redirect`, `${PREFIX}redirected`),
    );
    expect(readFileSync(ssh.localPath(moved.path)).equals(PAYLOAD)).toBe(true);
  });

  it('refuses a 404 in the server’s words and leaves no volume', async () => {
    const s = site();
    const err = await rejection(
      fetchOnHost(s.host, s.conn.rpc, request(s, `${base}/missing.iso`, `${PREFIX}missing`)),
    );
    expect(err.message).toContain('404');
    expect(await volumeNames(s)).not.toContain(`${PREFIX}missing`);
  });

  it('deletes the volume when the server dies mid-way', async () => {
    const s = site();
    const err = await rejection(
      fetchOnHost(s.host, s.conn.rpc, request(s, `${base}/dies.bin`, `${PREFIX}dies`)),
    );
    expect(err.code).toBe('host-tool');
    expect(await volumeNames(s)).not.toContain(`${PREFIX}dies`);
  });

  it('cancels mid-way: the tool stops and the volume is gone', async () => {
    const s = site();
    const abort = new AbortController();
    const err = await rejection(
      fetchOnHost(s.host, s.conn.rpc, {
        ...request(s, `${base}/slow.bin`, `${PREFIX}cancelled`),
        signal: abort.signal,
        onProgress: (done) => {
          // Well inside the 1 MiB sent: some of it may wait in the tool's buffers.
          if (done >= 256 * 1024) abort.abort();
        },
      }),
    );
    expect(err.code).toBe('cancelled');
    expect(await volumeNames(s)).not.toContain(`${PREFIX}cancelled`);
    // The host's curl is stopped too, not left hanging on the stalled server.
    await waitFor('the host’s curl to end', () => !curlOfTestUserRunning(`${base}/slow.bin`));
  });

  it('probes an ftp:// URL with the host’s tool: refused when nothing answers', async () => {
    const s = site();
    // Port 1 on the loopback: nothing listens there.
    const probe = await probeUrl(s.host, checkFetchUrl('ftp://127.0.0.1:1/pub/x.iso'));
    expect(probe).toMatchObject({ ok: false, via: 'curl' });
    expect(probe.problem).toMatch(/connect|refused/i);
  });

  it('refuses bad URLs before anything is made', async () => {
    const s = site();
    for (const url of ['not a url', 'file:///etc/passwd', 'http://user:pw@127.0.0.1/x']) {
      const err = await rejection(fetchOnHost(s.host, s.conn.rpc, request(s, url, `${PREFIX}bad`)));
      expect(err.code).toBe('invalid-input');
    }
    expect(await volumeNames(s)).not.toContain(`${PREFIX}bad`);
  });
});

describe('on a host with neither curl nor wget (the modern host)', () => {
  const modern = modernTransport();
  const site = onHost(modern);

  it('fetches through the app and says so', async () => {
    const s = site();
    const vias: string[] = [];
    const result = await fetchOnHost(s.host, s.conn.rpc, {
      ...request(s, `${base}/files/payload.bin`, `${PREFIX}via app ü`),
      onVia: (via) => vias.push(via),
    });
    expect(result.via).toBe('app');
    expect(vias).toEqual(['app']);
    expect(readFileSync(modern.localPath(result.path)).equals(PAYLOAD)).toBe(true);
  });

  it('refuses ftp:// there up front, with nothing made', async () => {
    const s = site();
    const err = await rejection(
      fetchOnHost(s.host, s.conn.rpc, request(s, 'ftp://127.0.0.1/x.iso', `${PREFIX}ftp`)),
    );
    expect(err.code).toBe('invalid-input');
    expect(err.message).toContain('neither curl nor wget');
    expect(await volumeNames(s)).not.toContain(`${PREFIX}ftp`);
  });
});
