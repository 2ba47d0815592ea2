import { VirtdeckError } from '../../../shared/errors';

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
    return new VirtdeckError(
      'unreachable',
      `Cannot resolve the host name "${target.host}" (${code}); check the name or your DNS`,
      { cause: err },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new VirtdeckError(
      'unreachable',
      `Connection to ${where} was refused: is sshd running there, and is the port right?`,
      { cause: err },
    );
  }
  if (err.level === 'client-authentication') {
    return new VirtdeckError('auth-failed', `Authentication to ${where} failed: ${err.message}`, {
      cause: err,
    });
  }
  if (err.level === 'handshake') {
    return new VirtdeckError(
      'unreachable',
      `The SSH handshake with ${where} failed: ${err.message}`,
      { cause: err },
    );
  }
  return new VirtdeckError('unreachable', `Cannot connect to ${where}: ${err.message}`, {
    cause: err,
  });
}

/** Whether a failed (re)connect may be retried without the user: not when the user must act. */
export function isRetryable(err: VirtdeckError): boolean {
  return err.code === 'unreachable' || err.code === 'disconnected' || err.code === 'timeout';
}
