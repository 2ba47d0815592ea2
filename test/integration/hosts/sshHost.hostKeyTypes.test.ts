/**
 * Host key types against sshds of the test's own (the shared private sshd has one ed25519 key):
 * the known type is asked for first, a server without it is refused rather than trusted on first
 * use, and SHA-1 RSA host key signatures (ssh-rsa) are not accepted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import { startTempSshd, type TempSshd } from '../../support/tempSshd';
import { waitFor } from '../../support/waitFor';
import { env, makeSshHost, spyPrompter, tempDir } from './hostKit';

describe('SshHost host key types', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const sshd = async (options: Parameters<typeof startTempSshd>[1]): Promise<TempSshd> => {
    const started = await startTempSshd(env, options);
    cleanups.push(started.stop);
    return started;
  };

  /** An SshHost for the temporary sshd whose known_hosts holds `keys` ("type base64") for it. */
  const hostFor = async (server: TempSshd, keys: string[], prompter = spyPrompter()) => {
    const knownHosts = join(tempDir(), 'known_hosts');
    writeFileSync(knownHosts, keys.map((k) => `[127.0.0.1]:${server.port} ${k}\n`).join(''));
    const { host } = await makeSshHost({
      host: '127.0.0.1',
      port: server.port,
      knownHostsFiles: [knownHosts],
      prompter,
    });
    cleanups.push(() => host.close());
    return { host, prompter };
  };

  const connectError = (host: SshHost) =>
    host.connect().then(
      () => undefined,
      (err: unknown) => err,
    );

  it('asks the server for the key type already known, so a known ECDSA key is used over ed25519', async () => {
    const server = await sshd({ keyTypes: ['ed25519', 'ecdsa'] });
    const [ed25519, ecdsa] = server.hostKeys;
    if (!ed25519 || !ecdsa) throw new Error('the sshd has not both keys');
    // Nothing known: ssh2's first choice, ed25519, is what the server shows.
    const asked: string[] = [];
    const fresh = await hostFor(
      server,
      [],
      spyPrompter({
        confirmHostKey: async (req) => {
          asked.push(req.keyType);
          return false;
        },
      }),
    );
    expect(await connectError(fresh.host)).toMatchObject({ code: 'host-key-unknown-rejected' });
    expect(asked).toEqual(['ssh-ed25519']);
    // The ECDSA key known: the server is asked for it first, and it is trusted without a question.
    const known = await hostFor(server, [ecdsa]);
    await known.host.connect();
    expect((await known.host.exec(['id', '-un'])).stdout.toString().trim()).toBe(env.user);
    expect(known.prompter.confirmHostKey).not.toHaveBeenCalled();
  });

  it('refuses a server with only an ECDSA key when an ed25519 key is known for it, without asking', async () => {
    const server = await sshd({ keyTypes: ['ecdsa'] });
    const otherServer = await sshd({ keyTypes: ['ed25519'] });
    const { host, prompter } = await hostFor(server, otherServer.hostKeys);
    const err = await connectError(host);
    expect(err).toMatchObject({ code: 'host-key-other-type' });
    expect((err as Error).message).toContain('ecdsa-sha2-nistp256');
    expect((err as Error).message).toContain('ssh-ed25519');
    for (const prompt of Object.values(prompter)) expect(prompt).not.toHaveBeenCalled();
    // Refused during the key exchange: sshd never saw a user name.
    expect(server.log()).not.toMatch(/Accepted |Failed |Invalid user|userauth/);
  });

  it('does not accept an RSA host key signed with SHA-1 (ssh-rsa), only with SHA-2', async () => {
    const sha1Only = await sshd({ keyTypes: ['rsa'], hostKeyAlgorithms: 'ssh-rsa' });
    const old = await hostFor(sha1Only, sha1Only.hostKeys);
    const err = await connectError(old.host);
    expect(err).toMatchObject({ code: 'unreachable' });
    // Both sides see the mismatch after the KEXINITs cross: ssh2 fails the handshake, unless
    // sshd's reset arrives first. Either way sshd says why: no host key algorithm in common.
    expect((err as Error).message).toMatch(/handshake|ECONNRESET/i);
    await waitFor('sshd to log the failed negotiation', () =>
      /no matching host key type found/.test(sha1Only.log()),
    );
    expect(old.prompter.confirmHostKey).not.toHaveBeenCalled();

    // The same kind of key with rsa-sha2-256/512 (the server's default) is fine.
    const sha2 = await sshd({ keyTypes: ['rsa'] });
    const current = await hostFor(sha2, sha2.hostKeys);
    await current.host.connect();
    expect(current.prompter.confirmHostKey).not.toHaveBeenCalled();
  });
});
