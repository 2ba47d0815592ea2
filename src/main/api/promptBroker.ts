/**
 * Questions the backend must ask the user while connecting (password, key passphrase, 2FA codes,
 * an unknown host key), turned into Prompt events the renderer shows as dialogs. The first answer
 * from any window wins. Answers are handed to the waiting SSH code and never logged; a password
 * or passphrase the user asked to remember goes to the CredentialStore (encrypted), and is given
 * back instead of asking at the next first attempt.
 */
import { randomUUID } from 'node:crypto';
import type { Prompt, PromptAnswer } from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import { msg } from '../../shared/messages/message';
import type { SshPrompter } from '../hosts/ssh/sshPrompter';
import type { CredentialStore, SecretSlot } from './credentialStore';
import type { EventHub } from './eventHub';

type PromptBody = Prompt extends infer P
  ? P extends Prompt
    ? Omit<P, 'id' | 'connectionId' | 'hostLabel'>
    : never
  : never;

interface Pending {
  prompt: Prompt;
  resolve(answer: PromptAnswer): void;
}

export class PromptBroker {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly events: EventHub,
    private readonly credentials?: CredentialStore,
  ) {}

  /** Prompts still waiting for an answer, for a window that opens late. */
  open(): Prompt[] {
    return [...this.pending.values()].map((p) => p.prompt);
  }

  answer(id: string, answer: PromptAnswer): void {
    const pending = this.pending.get(id);
    if (!pending) throw new VirtdeckError('invalid-input', msg('api.alreadyAnswered'));
    this.settle(id, answer);
  }

  /** Withdraws every open prompt of a connection (it was closed), as if cancelled. */
  withdraw(connectionId: string): void {
    for (const [id, p] of this.pending) {
      if (p.prompt.connectionId === connectionId) this.settle(id, { cancelled: true });
    }
  }

  /** The SshPrompter for one connection: each question becomes a Prompt event. */
  prompterFor(connectionId: string, hostLabel: string): SshPrompter {
    const ask = (body: PromptBody): Promise<PromptAnswer> =>
      new Promise((resolve) => {
        const prompt = { ...body, id: randomUUID(), connectionId, hostLabel } as Prompt;
        this.pending.set(prompt.id, { prompt, resolve });
        this.events.emit('prompts.opened', prompt);
      });
    const firstValue = (a: PromptAnswer): string | null =>
      'values' in a ? (a.values[0] ?? '') : null;
    const store = this.credentials;
    const remember = store?.mode ?? 'browser-mode';
    /**
     * A first attempt uses the remembered secret, if any. A later attempt means the server (or
     * the key file) refused the previous one: a remembered secret is then dropped, and the user
     * asked. The answer is remembered when the user ticked "Remember".
     */
    const secret = async (
      slot: SecretSlot,
      attempt: number,
      body: PromptBody,
    ): Promise<string | null> => {
      if (store && attempt === 1) {
        const recalled = await store.recall(connectionId, slot);
        if (recalled !== undefined) return recalled;
      } else if (store) {
        await store.drop(connectionId, slot);
      }
      const answer = await ask(body);
      const value = firstValue(answer);
      if (store && value !== null && 'remember' in answer && answer.remember) {
        await store.remember(connectionId, slot, value);
      }
      return value;
    };
    return {
      password: (req) =>
        secret({ kind: 'password', user: req.user, host: req.host }, req.attempt, {
          kind: 'password',
          user: req.user,
          attempt: req.attempt,
          remember,
        }),
      passphrase: (req) =>
        secret({ kind: 'passphrase', keyPath: req.keyPath }, req.attempt, {
          kind: 'passphrase',
          keyPath: req.keyPath,
          attempt: req.attempt,
          remember,
        }),
      keyboardInteractive: async (req) => {
        const answer = await ask({
          kind: 'keyboard-interactive',
          user: req.user,
          name: req.name,
          instructions: req.instructions,
          fields: req.prompts,
        });
        return 'values' in answer ? answer.values : null;
      },
      confirmHostKey: async (req) => {
        const answer = await ask({ kind: 'host-key', ...req });
        return 'accept' in answer && answer.accept;
      },
    };
  }

  private settle(id: string, answer: PromptAnswer): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    this.events.emit('prompts.closed', { id });
    pending.resolve(answer);
  }
}
