/**
 * Questions the backend must ask the user while connecting (password, key passphrase, 2FA codes,
 * an unknown host key), turned into Prompt events the renderer shows as dialogs. The first answer
 * from any window wins. Answers are handed to the waiting SSH code and never stored or logged.
 */
import { randomUUID } from 'node:crypto';
import type { Prompt, PromptAnswer } from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import type { SshPrompter } from '../hosts/ssh/sshPrompter';
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

  constructor(private readonly events: EventHub) {}

  /** Prompts still waiting for an answer, for a window that opens late. */
  open(): Prompt[] {
    return [...this.pending.values()].map((p) => p.prompt);
  }

  answer(id: string, answer: PromptAnswer): void {
    const pending = this.pending.get(id);
    if (!pending) throw new VirtdeckError('invalid-input', 'This question was already answered');
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
    return {
      password: async (req) =>
        firstValue(await ask({ kind: 'password', user: req.user, attempt: req.attempt })),
      passphrase: async (req) =>
        firstValue(await ask({ kind: 'passphrase', keyPath: req.keyPath, attempt: req.attempt })),
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
