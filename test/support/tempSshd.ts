/**
 * A short-lived sshd of a test's own, on 127.0.0.1, with the host keys (and host key algorithms)
 * the test asks for: for the host-key cases the shared private sshd, with its one ed25519 key,
 * cannot show. It lets the test users in with the same authorized_keys as the private sshd.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isListening, type TestHostEnv } from './testHost';
import { waitFor } from './waitFor';

export interface TempSshd {
  port: number;
  /** "type base64" of each host key, in the order asked for. */
  hostKeys: string[];
  /** The sshd's output (it runs with -e: its log goes to stderr). */
  log(): string;
  stop(): Promise<void>;
}

const KEYGEN_ARGS: Record<string, string[]> = {
  ed25519: ['-t', 'ed25519'],
  ecdsa: ['-t', 'ecdsa', '-b', '256'],
  rsa: ['-t', 'rsa', '-b', '2048'],
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startTempSshd(
  env: TestHostEnv,
  options: { keyTypes: (keyof typeof KEYGEN_ARGS)[]; hostKeyAlgorithms?: string },
): Promise<TempSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'virtdeck-sshd-'));
  const hostKeys = options.keyTypes.map((type) => {
    const file = join(dir, `host_${type}`);
    execFileSync('ssh-keygen', ['-q', ...(KEYGEN_ARGS[type] ?? []), '-N', '', '-f', file]);
    return file;
  });
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      ...hostKeys.map((file) => `HostKey ${file}`),
      ...(options.hostKeyAlgorithms ? [`HostKeyAlgorithms ${options.hostKeyAlgorithms}`] : []),
      'PidFile none',
      `AuthorizedKeysFile ${env.authorizedKeys}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      `AllowUsers ${env.user}`,
      'UseDNS no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  let output = '';
  // -D: in the foreground, so this test owns the process and ends it by its pid.
  const sshd: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  sshd.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => sshd.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (sshd.exitCode === null && sshd.signalCode === null) {
      sshd.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      `the temporary sshd to listen on port ${port}`,
      () => {
        if (sshd.exitCode !== null) throw new Error(`sshd exited: ${output}`);
        return isListening(port);
      },
      10_000,
      50,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    port,
    hostKeys: hostKeys.map((file) =>
      readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' '),
    ),
    log: () => output,
    stop,
  };
}
