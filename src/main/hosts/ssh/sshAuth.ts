import type { AnyAuthMethod, AuthenticationType, NextAuthHandler, Prompt } from 'ssh2';
import { VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { IdentitiesOnlyAgent, sha2OnlyAgent, type IdentityKeys } from './identityKeys';
import type { SshPrompter } from './sshPrompter';

export type SshAuthMethod = 'agent' | 'publickey' | 'password' | 'keyboard-interactive';

/** OpenSSH's order for what it can do without the user first, then what needs the user. */
export const DEFAULT_AUTH_METHODS: readonly SshAuthMethod[] = [
  'agent',
  'publickey',
  'password',
  'keyboard-interactive',
];

const MAX_PROMPT_ATTEMPTS = 3;

export interface AuthPlan {
  /** The host as shown in prompts. */
  host: string;
  user: string;
  /** ssh-agent socket (or 'pageant'); undefined for none. */
  agent: string | undefined;
  /** IdentitiesOnly: the agent offers only the keys of these files (see HopSpec). */
  agentKeysFrom?: readonly string[] | undefined;
  /** Private key files to try, in order; missing ones are skipped. */
  identityFiles: readonly string[];
  methods: readonly SshAuthMethod[];
  prompter: SshPrompter;
  keys: IdentityKeys;
  /** Runs a prompt with the connect timeout stopped. */
  paused<T>(task: () => Promise<T>): Promise<T>;
  /** Ends the attempt with `err` as its outcome. */
  fail(err: VirtdeckError): void;
}

type AuthHandler = (
  methodsLeft: AuthenticationType[] | null,
  partialSuccess: boolean | null,
  next: NextAuthHandler,
) => void;

/**
 * ssh2's authHandler: first "none" (the server's answer lists the methods it accepts), then each
 * method of `plan.methods` the server still lists, until one succeeds. Credentials live only in
 * the request handed to ssh2.
 */
export function createAuthHandler(plan: AuthPlan): AuthHandler {
  const { user: username } = plan;
  let agentTried = false;
  let keyIndex = 0;
  let passwordAttempts = 0;
  let keyboardAttempts = 0;
  let tried: string[] = [];

  const keyboardPrompt = (
    name: string,
    instructions: string,
    _lang: string,
    prompts: Prompt[],
    finish: (answers: string[]) => void,
  ): void => {
    const request = {
      host: plan.host,
      user: username,
      name,
      instructions,
      prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })),
    };
    plan
      .paused(() => plan.prompter.keyboardInteractive(request))
      .then(
        (answers) => {
          if (answers === null)
            plan.fail(cancelled(msg('ssh.cancelledLoginPrompt', { host: plan.host })));
          else finish(answers);
        },
        (err: unknown) => plan.fail(asVirtdeckError(err)),
      );
  };

  const pick = async (left: readonly string[]): Promise<AnyAuthMethod | false> => {
    for (const method of plan.methods) {
      if (method === 'agent' && plan.agent && !agentTried && left.includes('publickey')) {
        agentTried = true;
        tried.push('agent');
        const agent = sha2OnlyAgent(plan.agent);
        return {
          type: 'agent',
          username,
          agent: plan.agentKeysFrom ? new IdentitiesOnlyAgent(agent, plan.agentKeysFrom) : agent,
        };
      }
      if (method === 'publickey' && left.includes('publickey')) {
        while (keyIndex < plan.identityFiles.length) {
          const path = plan.identityFiles[keyIndex++] as string;
          const key = await plan.keys.load(path, (attempt) =>
            plan.paused(() => plan.prompter.passphrase({ keyPath: path, attempt })),
          );
          if (key) {
            tried.push(`key ${path}`);
            return { type: 'publickey', username, key };
          }
        }
      }
      if (method === 'password' && left.includes('password')) {
        if (passwordAttempts < MAX_PROMPT_ATTEMPTS) {
          passwordAttempts += 1;
          const attempt = passwordAttempts;
          const password = await plan.paused(() =>
            plan.prompter.password({ host: plan.host, user: username, attempt }),
          );
          if (password === null)
            throw cancelled(
              msg('ssh.cancelledPasswordPrompt', { user: username, host: plan.host }),
            );
          tried.push('password');
          return { type: 'password', username, password };
        }
      }
      if (method === 'keyboard-interactive' && left.includes('keyboard-interactive')) {
        if (keyboardAttempts < MAX_PROMPT_ATTEMPTS) {
          keyboardAttempts += 1;
          tried.push('keyboard-interactive');
          return { type: 'keyboard-interactive', username, prompt: keyboardPrompt };
        }
      }
    }
    return false;
  };

  return (methodsLeft, _partialSuccess, next) => {
    if (methodsLeft === null) {
      next({ type: 'none', username });
      return;
    }
    pick(methodsLeft).then(
      (method) => {
        if (method === false) {
          const triedText = [...new Set(tried)].join(', ');
          const accepted = methodsLeft.join(', ');
          tried = [];
          const said = { user: username, host: plan.host, accepted, tried: triedText };
          plan.fail(
            new VirtdeckError(
              'auth-failed',
              msg(
                accepted
                  ? triedText
                    ? 'ssh.permissionDenied'
                    : 'ssh.permissionDeniedUntried'
                  : triedText
                    ? 'ssh.permissionDeniedNothing'
                    : 'ssh.permissionDeniedNone',
                said,
              ),
            ),
          );
        }
        // ssh2 takes false for "no more methods" (its typings omit it).
        (next as (method: AnyAuthMethod | false) => void)(method);
      },
      (err: unknown) => plan.fail(asVirtdeckError(err)),
    );
  };
}

function cancelled(what: Message): VirtdeckError {
  return new VirtdeckError('cancelled', what);
}

function asVirtdeckError(err: unknown): VirtdeckError {
  if (err instanceof VirtdeckError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new VirtdeckError('auth-failed', msg('ssh.authFailed', { reason: message }), {
    cause: err,
  });
}
