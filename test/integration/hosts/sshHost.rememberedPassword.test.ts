/**
 * A remembered password through the real sshd with password authentication: the prompt broker and
 * credential store of the app, with a fake reversible cipher standing in for safeStorage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialStore, type SecretCipher } from '../../../src/main/api/credentialStore';
import { EventHub } from '../../../src/main/api/eventHub';
import { PromptBroker } from '../../../src/main/api/promptBroker';
import type { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import type { ApiEvents } from '../../../src/shared/api/contract';
import { sshdLogSince, sshdLogSize } from '../../support/testHost';
import { waitFor } from '../../support/waitFor';
import { env, makeSshHost, tempDir } from './hostKit';

/** Reversible, and unlike the clear text: each byte flipped, then reversed. */
const fakeCipher: SecretCipher = {
  available: () => true,
  encrypt: (secret) =>
    Buffer.from(
      Buffer.from(secret, 'utf8')
        .map((b) => b ^ 0xa5)
        .reverse(),
    ),
  decrypt: (data) =>
    Buffer.from(
      Buffer.from(data)
        .reverse()
        .map((b) => b ^ 0xa5),
    ).toString('utf8'),
};

const hosts: SshHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

/** One start of the app: a store over `configDir`, a broker answering with `answer`. */
async function appStart(
  configDir: string,
  answer: (prompt: ApiEvents['prompts.opened']) => { values: string[]; remember: boolean },
) {
  const store = new CredentialStore(configDir, fakeCipher);
  await store.load();
  const events = new EventHub();
  const broker = new PromptBroker(events, store);
  const asked: ApiEvents['prompts.opened'][] = [];
  events.subscribe((name, payload) => {
    if (name !== 'prompts.opened') return;
    const prompt = payload as ApiEvents['prompts.opened'];
    asked.push(prompt);
    setImmediate(() => broker.answer(prompt.id, answer(prompt)));
  });
  const { host } = await makeSshHost({
    identityFiles: [],
    authMethods: ['password'],
    prompter: broker.prompterFor('sshcreds conn', `${env.user}@${env.sshHost}`),
  });
  hosts.push(host);
  return { host, asked, store };
}

describe('a remembered password', () => {
  it('is asked and remembered at the first connect, and not asked at the second', async () => {
    const configDir = tempDir('virtdeck-sshcreds-remember-');
    const first = await appStart(configDir, () => ({ values: [env.password], remember: true }));
    await first.host.connect();
    expect(first.asked.map((p) => [p.kind, 'remember' in p && p.remember])).toEqual([
      ['password', 'offered'],
    ]);
    const file = readFileSync(join(configDir, 'credentials.json'), 'utf8');
    expect(file).not.toContain(env.password);
    await first.host.close();

    const offset = sshdLogSize(env);
    const second = await appStart(configDir, () => {
      throw new Error('asked again');
    });
    await second.host.connect();
    expect(second.asked).toEqual([]);
    expect((await second.host.exec(['id', '-un'])).stdout.toString().trim()).toBe(env.user);
    await waitFor('sshd to log the login', () =>
      sshdLogSince(env, offset).includes(`Accepted password for ${env.user}`),
    );
  });

  it('is dropped when the server refuses it, and the prompt comes back', async () => {
    const configDir = tempDir('virtdeck-sshcreds-refused-');
    const stale = new CredentialStore(configDir, fakeCipher);
    await stale.load();
    await stale.remember(
      'sshcreds conn',
      { kind: 'password', user: env.user, host: env.sshHost },
      'an old password',
    );
    const start = await appStart(configDir, () => ({ values: [env.password], remember: false }));
    await start.host.connect();
    expect(start.asked.map((p) => p.kind === 'password' && p.attempt)).toEqual([2]);
    // Not remembered this time: nothing is left for the connection.
    expect(start.store.connectionIds()).toEqual([]);
  });
});
