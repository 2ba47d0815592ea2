import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { childDuplex } from '../childDuplex';
import { expandTokens } from './sshConfigValues';

/** ProxyCommand's tokens (ssh_config(5)): %h host name, %p port, %r remote user, %n alias. */
export interface ProxyTokens {
  h: string;
  p: string;
  r: string;
  n: string;
}

/** Anything here needs a shell: quotes, escapes, expansions, redirections, globs, operators. */
const SHELL_SYNTAX = /["'\\$`|&;<>(){}*?[\]#~=!\n]/;

/** What a token may expand to inside a shell command line: nothing the shell would interpret. */
const SHELL_SAFE_VALUE = /^[\p{L}\p{N}._:@+-]*$/u;

/**
 * The argv that runs a ProxyCommand. Plain words (the usual `nc %h %p`, `ssh -W %h:%p bastion`)
 * are split on blanks and each token expanded inside its word, so a host name can never become
 * shell syntax. Anything else runs as `/bin/sh -c`, as OpenSSH would run it; its tokens must then
 * expand to plain text, which OpenSSH itself checks for host and user names.
 */
export function proxyCommandArgv(template: string, tokens: ProxyTokens, host: string): string[] {
  const withoutTokens = template.replace(/%./g, '');
  const values: Readonly<Record<string, string>> = { ...tokens };
  if (!SHELL_SYNTAX.test(withoutTokens)) {
    const words = template.split(/[ \t]+/).filter((w) => w !== '');
    if (words.length === 0) {
      throw new VirtdeckError('invalid-input', msg('ssh.proxyCommandEmpty', { host }));
    }
    return words.map((word) => expandTokens(word, values, 'ProxyCommand'));
  }
  for (const [token, value] of Object.entries(values)) {
    if (template.includes(`%${token}`) && !SHELL_SAFE_VALUE.test(value)) {
      throw new VirtdeckError('invalid-input', msg('ssh.proxyCommandUnsafe', { value }));
    }
  }
  // OpenSSH runs "exec <command>" so that the shell does not linger between us and the command.
  return ['/bin/sh', '-c', `exec ${expandTokens(template, values, 'ProxyCommand')}`];
}

/** A running ProxyCommand: the stream that carries SSH, and why the command failed, if it did. */
export interface ProxyProcess {
  stream: Duplex;
  /**
   * Settles when the command has exited: its failure (exit status, stderr as the detail), or
   * undefined for a clean exit or one we asked for. The stream may close first, or fail with
   * a mere EPIPE, so this is where the real reason is.
   */
  failure: Promise<VirtdeckError | undefined>;
}

/**
 * Starts the ProxyCommand: its stdin/stdout carry the SSH connection. Destroying the stream ends
 * the command; the command exiting on its own ends the stream.
 */
export function openProxyCommand(argv: readonly string[], host: string): ProxyProcess {
  const [program, ...args] = argv as [string, ...string[]];
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const failed = (stderr: string): VirtdeckError =>
    new VirtdeckError('unreachable', msg('ssh.proxyCommandFailed', { host }), {
      detail: stderr.trim() || undefined,
    });
  const judge = (
    code: number | null,
    signal: NodeJS.Signals | null,
    stderr: string,
  ): VirtdeckError | undefined => (code === 0 || signal === 'SIGTERM' ? undefined : failed(stderr));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  const failure = new Promise<VirtdeckError | undefined>((resolve) => {
    child.on('close', (code, signal) => resolve(judge(code, signal, stderr)));
    child.on('error', (err) => resolve(failed(err.message)));
  });
  const stream = childDuplex(child, judge);
  child.on('error', (err) => stream.destroy(failed(err.message)));
  return { stream, failure };
}
