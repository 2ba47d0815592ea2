/** Shared pieces of the Host integration tests (not a test file itself). */
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Host } from '../../../src/main/hosts/host';
import { vi } from 'vitest';
import { SshHost, type SshHostOptions } from '../../../src/main/hosts/ssh/sshHost';
import type { SshPrompter } from '../../../src/main/hosts/ssh/sshPrompter';
import { loadTestHost, tempKnownHosts, type TestHostEnv } from '../../support/testHost';

export const env: TestHostEnv = loadTestHost();

export function tempDir(prefix = 'virtdeck-hosts-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A prompter whose every method is a spy; anything not overridden fails the test if called. */
export function spyPrompter(overrides: Partial<SshPrompter> = {}) {
  const unexpected = (what: string) => () => Promise.reject(new Error(`unexpected ${what} prompt`));
  return {
    password: vi.fn(overrides.password ?? unexpected('password')),
    passphrase: vi.fn(overrides.passphrase ?? unexpected('passphrase')),
    keyboardInteractive: vi.fn(overrides.keyboardInteractive ?? unexpected('keyboard-interactive')),
    confirmHostKey: vi.fn(overrides.confirmHostKey ?? unexpected('host key')),
  };
}

export type KnownHostsKind = 'trusted' | 'changed' | 'other-type' | 'empty';

/**
 * An SshHost for the private sshd, with key auth and a temporary known_hosts of the given kind.
 * Nothing from the real ~/.ssh is used.
 */
export async function makeSshHost(
  overrides: Partial<SshHostOptions> = {},
  knownHosts: KnownHostsKind = 'trusted',
): Promise<{ host: SshHost; dir: string; appKnownHostsFile: string }> {
  const dir = tempDir('virtdeck-ssh-');
  const knownHostsFile = tempKnownHosts(env, dir, knownHosts);
  const appKnownHostsFile = join(dir, 'app_known_hosts');
  const host = new SshHost({
    host: env.sshHost,
    port: env.sshPort,
    user: env.user,
    sshConfigPath: join(dir, 'no_ssh_config'),
    knownHostsFiles: [knownHostsFile],
    appKnownHostsFile,
    identityFiles: [env.clientKey],
    agent: false,
    prompter: spyPrompter(),
    reconnect: { initialDelayMs: 200, maxDelayMs: 2000 },
    ...overrides,
  });
  return { host, dir, appKnownHostsFile };
}

const REMOTE_PROGRAM = 0x20008086;
const REMOTE_PROC_AUTH_LIST = 66;

/**
 * Sends a bare REMOTE_PROC_AUTH_LIST call (the 28-byte RPC header, no body) and resolves with the
 * header of libvirt's answer: proof that a libvirt daemon is at the other end of `stream`.
 */
export function authListProbe(
  stream: Duplex,
  serial = 1,
): Promise<{ program: number; procedure: number; type: number; serial: number; status: number }> {
  const header = Buffer.alloc(28);
  [28, REMOTE_PROGRAM, 1, REMOTE_PROC_AUTH_LIST, 0, serial, 0].forEach((value, i) =>
    header.writeUInt32BE(value, i * 4),
  );
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => reject(new Error('no answer from libvirt within 10 s')), 10_000);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 28) return;
      clearTimeout(timer);
      stream.off('data', onData);
      resolve({
        program: received.readUInt32BE(4),
        procedure: received.readUInt32BE(12),
        type: received.readUInt32BE(16),
        serial: received.readUInt32BE(20),
        status: received.readUInt32BE(24),
      });
    };
    stream.on('data', onData);
    stream.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    stream.write(header);
  });
}

/** A TCP echo server on 127.0.0.1 (or a unix socket echo server when `path` is given). */
export async function echoServer(path?: string): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) =>
    path ? server.listen(path, resolve) : server.listen(0, '127.0.0.1', resolve),
  );
  const port = path ? 0 : (server.address() as AddressInfo).port;
  return { server, port };
}

/** Writes `text` and resolves with the first `text.length` bytes read back. */
export function roundTrip(stream: Duplex, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    stream.on('data', (chunk: Buffer) => {
      got += chunk.toString('utf8');
      if (got.length >= text.length) resolve(got);
    });
    stream.once('error', reject);
    stream.write(text);
  });
}

/** A port on 127.0.0.1 nobody listens on. */
export async function closedPort(): Promise<number> {
  const { server, port } = await echoServer();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The commands running under this host's SSH connection on the server (children of its sshd
 * session process), so checks are not confused by other connections of the same user.
 */
export async function sessionCommands(host: Host): Promise<string[]> {
  const script = 'ps -o pid=,args= --ppid "$PPID" | awk -v me="$$" \'$1 != me\'';
  const result = await host.exec(['sh', '-c', script]);
  return result.stdout
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim().replace(/^\d+\s+/, ''))
    .filter(Boolean);
}
