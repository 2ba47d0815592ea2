import type { ClientChannel } from 'ssh2';
import { VirtdeckError } from '../../../shared/errors';
import type { ExecOptions, ExecResult } from '../host';
import { destroyChannel, type SshSession } from './sshSession';

/** What ssh2 keeps private but we need: the way to signal a process after its stdin is closed. */
interface ChannelInternals {
  outgoing?: { id: number; state: string };
  _client?: { _protocol?: { signal(channelId: number, signal: string): void } };
}

/**
 * Asks sshd to signal the remote process group. Channel.signal() refuses once our side of the
 * channel is ended, which it is as soon as stdin has been sent; the request is still valid then.
 */
function sendSignal(channel: ClientChannel, signal: string): void {
  const internals = channel as unknown as ChannelInternals;
  try {
    if (internals.outgoing?.state === 'open' || internals.outgoing?.state === 'eof') {
      internals._client?._protocol?.signal(internals.outgoing.id, signal);
    }
  } catch {
    // Best effort: closing the channel below still ends our side.
  }
}

/** Runs `command` (already quoted for the remote shell) and collects its output. */
export async function runExec(
  session: SshSession,
  command: string,
  name: string,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const { signal } = options;
  const cancelled = (): VirtdeckError =>
    new VirtdeckError('cancelled', `${name} on ${session.label} was cancelled`);
  if (signal?.aborted) throw cancelled();
  const channel = await session.execChannel(command);
  if (signal?.aborted) {
    channel.close();
    throw cancelled();
  }
  return new Promise<ExecResult>((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let code: number | null | undefined;
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      done();
    };
    const onAbort = (): void => {
      sendSignal(channel, 'TERM');
      settle(() => reject(cancelled()));
      destroyChannel(channel, cancelled(), true);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    channel.on('data', (chunk: Buffer) => stdout.push(chunk));
    channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    channel.on('exit', (exitCode: number | null) => {
      code = exitCode;
    });
    channel.on('error', (err: Error) => settle(() => reject(err)));
    channel.on('close', () =>
      settle(() => {
        if (code === undefined) {
          reject(
            session.dropped ??
              new VirtdeckError(
                'disconnected',
                `${name} on ${session.label} ended without an exit status`,
              ),
          );
          return;
        }
        resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) });
      }),
    );
    if (options.stdin !== undefined) channel.end(options.stdin);
    else channel.end();
  });
}
