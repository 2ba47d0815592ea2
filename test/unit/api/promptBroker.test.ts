import { describe, expect, it } from 'vitest';
import type { ApiEvents } from '../../../src/shared/api/contract';
import { EventHub } from '../../../src/main/api/eventHub';
import { PromptBroker } from '../../../src/main/api/promptBroker';

function setup() {
  const events = new EventHub();
  const seen: { name: string; payload: unknown }[] = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  const broker = new PromptBroker(events);
  const opened = () =>
    seen
      .filter((e) => e.name === 'prompts.opened')
      .map((e) => e.payload as ApiEvents['prompts.opened']);
  return { broker, seen, opened };
}

describe('PromptBroker', () => {
  it('turns a password question into a prompt event and hands the answer back once', async () => {
    const { broker, seen, opened } = setup();
    const prompter = broker.prompterFor('conn1', 'root@kvm1');
    const password = prompter.password({ host: 'kvm1', user: 'root', attempt: 1 });
    const [prompt] = opened();
    expect(prompt).toMatchObject({
      kind: 'password',
      user: 'root',
      connectionId: 'conn1',
      hostLabel: 'root@kvm1',
    });
    expect(broker.open()).toHaveLength(1);
    broker.answer(prompt!.id, { values: ['s3cret'] });
    expect(await password).toBe('s3cret');
    expect(seen.at(-1)).toEqual({ name: 'prompts.closed', payload: { id: prompt!.id } });
    // A second window answering late is told it was already answered; nothing else happens.
    expect(() => broker.answer(prompt!.id, { values: ['other'] })).toThrow(/already answered/);
    // The secret is in no event.
    expect(JSON.stringify(seen)).not.toContain('s3cret');
  });

  it('maps host keys to yes / no and withdraws the prompts of a closed connection', async () => {
    const { broker, opened } = setup();
    const prompter = broker.prompterFor('conn1', 'h');
    const accepted = prompter.confirmHostKey({
      host: 'h',
      port: 22,
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:x',
    });
    broker.answer(opened()[0]!.id, { accept: true });
    expect(await accepted).toBe(true);

    const passphrase = prompter.passphrase({ keyPath: '/k', attempt: 1 });
    const codes = prompter.keyboardInteractive({
      host: 'h',
      user: 'u',
      name: '',
      instructions: '',
      prompts: [{ prompt: 'Code:', echo: true }],
    });
    const hostKey = prompter.confirmHostKey({
      host: 'h',
      port: 22,
      keyType: 't',
      fingerprint: 'f',
    });
    broker.withdraw('conn1');
    expect(await passphrase).toBeNull();
    expect(await codes).toBeNull();
    expect(await hostKey).toBe(false);
    expect(broker.open()).toEqual([]);
  });
});
