import type { ClientChannel } from 'ssh2';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { ExecOptions, ExecResult } from '../host';
import { settleOnce } from '../settleOnce';
import { destroyChannel, sendSignal, type SshSession } from './sshSession';

/** Runs `command` (already quoted for the remote shell) and collects its output. */
export function runExec(
  session: SshSession,
  command: string,
  name: string,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const { signal } = options;
  const cancelled = (): VirtdeckError =>
    new VirtdeckError(
      'cancelled',
      msg('host.execCancelled', { program: name, host: session.label }),
    );
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise<ExecResult>((resolve, reject) => {
    let channel: ClientChannel | undefined;
    const stop = (ch: ClientChannel): void => {
      sendSignal(ch, 'TERM');
      destroyChannel(ch, cancelled(), true);
    };
    const outcome = settleOnce(signal, () => {
      outcome.settle(() => reject(cancelled()));
      if (channel) stop(channel);
    });
    const settle = outcome.settle;

    const prepare = (ch: ClientChannel): void => {
      channel = ch;
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let code: number | null | undefined;
      if (options.stdout) ch.pipe(options.stdout, { end: false });
      else ch.on('data', (chunk: Buffer) => stdout.push(chunk));
      ch.stderr.on('data', (chunk: Buffer) => {
        stderr.push(chunk);
        options.onStderr?.(chunk);
      });
      ch.on('exit', (exitCode: number | null) => {
        code = exitCode;
      });
      ch.on('error', (err: Error) => settle(() => reject(err)));
      ch.on('close', () =>
        settle(() => {
          if (code !== undefined) {
            resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) });
            return;
          }
          reject(
            session.dropped ??
              new VirtdeckError(
                'disconnected',
                msg('ssh.noExitStatus', { program: name, host: session.label }),
              ),
          );
        }),
      );
      // Cancelled while the channel was being opened: the command may already be running.
      if (outcome.settled) {
        stop(ch);
        return;
      }
      if (options.stdin !== undefined) ch.end(options.stdin);
      else ch.end();
    };
    session.execChannel(command, prepare).catch((err: unknown) => settle(() => reject(err)));
  });
}
