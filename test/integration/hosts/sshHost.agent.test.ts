/**
 * Authentication through a real ssh-agent holding the (encrypted) client key: the agent signs,
 * no key file is read and no passphrase is asked.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/waitFor';
import { existsSync } from 'node:fs';
import { env, makeSshHost, spyPrompter, tempDir } from './hostKit';

describe('SshHost with an ssh-agent', () => {
  let agent: ChildProcess;
  let socket: string;

  beforeAll(async () => {
    socket = join(tempDir('virtdeck-agent-'), 'agent.sock');
    // -D: stay in the foreground, so the test owns the process and can end it.
    agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    await waitFor('ssh-agent to listen', () => existsSync(socket), 10_000, 50);
    // The encrypted key goes in with its passphrase given once, through ssh-add's askpass.
    const askpass = join(tempDir('virtdeck-askpass-'), 'askpass.sh');
    execFileSync('sh', [
      '-c',
      `printf '#!/bin/sh\\necho "$VD_PASS"\\n' > "$1"; chmod 700 "$1"`,
      'sh',
      askpass,
    ]);
    execFileSync('ssh-add', [env.clientKeyEncrypted], {
      env: {
        SSH_AUTH_SOCK: socket,
        SSH_ASKPASS: askpass,
        SSH_ASKPASS_REQUIRE: 'force',
        DISPLAY: 'none',
        VD_PASS: env.clientKeyPassphrase,
      },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  });

  afterAll(() => {
    agent?.kill();
  });

  it('logs in with the agent’s key without asking anything', async () => {
    const prompter = spyPrompter();
    const { host } = await makeSshHost({ agent: socket, identityFiles: [], prompter });
    try {
      await host.connect();
      expect((await host.exec(['id', '-un'])).stdout.toString().trim()).toBe(env.user);
      expect(prompter.passphrase).not.toHaveBeenCalled();
      expect(prompter.password).not.toHaveBeenCalled();
    } finally {
      await host.close();
    }
  });
});
