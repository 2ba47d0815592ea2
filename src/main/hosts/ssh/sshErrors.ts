import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';

/** What ssh2 and node:net put on their errors. */
export interface TransportError extends Error {
  code?: string | number;
  level?: string;
  hostname?: string;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);

/** Turns an error met while connecting to host:port into the error the user sees. */
export function classifyConnectError(
  err: TransportError,
  target: { host: string; port: number },
): VirtdeckError {
  if (err instanceof VirtdeckError) return err;
  const where = `${target.host}:${target.port}`;
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code !== undefined && DNS_CODES.has(code)) {
    return new VirtdeckError('unreachable', msg('ssh.dnsFailed', { host: target.host, code }), {
      cause: err,
    });
  }
  if (code === 'ECONNREFUSED') {
    return new VirtdeckError('unreachable', msg('ssh.connectionRefused', { where }), {
      cause: err,
    });
  }
  if (err.level === 'client-authentication') {
    return new VirtdeckError(
      'auth-failed',
      msg('ssh.authFailedAt', { where, reason: err.message }),
      {
        cause: err,
      },
    );
  }
  if (err.level === 'handshake') {
    return new VirtdeckError(
      'unreachable',
      msg('ssh.handshakeFailed', { where, reason: err.message }),
      { cause: err },
    );
  }
  return new VirtdeckError(
    'unreachable',
    msg('ssh.cannotConnect', { where, reason: err.message }),
    {
      cause: err,
    },
  );
}

/** Whether a failed (re)connect may be retried without the user: not when the user must act. */
export function isRetryable(err: VirtdeckError): boolean {
  return err.code === 'unreachable' || err.code === 'disconnected' || err.code === 'timeout';
}
