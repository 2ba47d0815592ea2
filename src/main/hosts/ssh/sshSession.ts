import { Duplex } from 'node:stream';
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { VirtdeckError, type ErrorCode } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';

/** Something open on the connection that must not outlive it. */
export interface SessionResource {
  /** `alive`: the connection is still up (closed on purpose), so the server can still be told. */
  abort(err: VirtdeckError, alive: boolean): void;
}

/**
 * One established connection (the target's Client, after any jump hosts) and everything open on
 * it. When the connection drops, `abortAll` fails every open channel and pending request with the
 * same 'disconnected' error, so callers see why, and nothing stays half-open.
 */
export class SshSession {
  private readonly resources = new Set<SessionResource>();
  private readonly closed = new WeakSet<Client>();
  private dropError: VirtdeckError | undefined;

  constructor(
    private readonly clients: readonly Client[],
    readonly label: string,
  ) {
    for (const client of clients) client.once('close', () => this.closed.add(client));
  }

  get client(): Client {
    return this.clients[this.clients.length - 1] as Client;
  }

  /** Channels, SFTP sessions and streams currently open. */
  get openCount(): number {
    return this.resources.size;
  }

  /** The error the connection was lost with, once it is lost. */
  get dropped(): VirtdeckError | undefined {
    return this.dropError;
  }

  track(resource: SessionResource): () => void {
    if (this.dropError) {
      resource.abort(this.dropError, false);
      return () => {};
    }
    this.resources.add(resource);
    return () => this.resources.delete(resource);
  }

  /** Fails everything open with `err`; `alive` as in SessionResource.abort. */
  abortAll(err: VirtdeckError, alive: boolean): void {
    this.dropError ??= err;
    const open = [...this.resources];
    this.resources.clear();
    for (const resource of open) resource.abort(err, alive);
  }

  /** Ends the connection (every hop) politely; resolves once the sockets are closed (or after 2 s). */
  async end(): Promise<void> {
    const open = this.clients.filter((client) => !this.closed.has(client));
    const closed = open.map(
      (client) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000);
          client.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        }),
    );
    for (const client of [...open].reverse()) client.end();
    await Promise.all(closed);
  }

  /** A session channel running `command` through the user's login shell. */
  /**
   * A session channel running `command` through the user's login shell. `prepare` gets the
   * channel before anything else runs: ssh2 may emit 'exit' in the same tick as it hands the
   * channel over (when the command ends at once), before a promise continuation could listen.
   */
  execChannel(command: string, prepare: (channel: ClientChannel) => void): Promise<ClientChannel> {
    return this.openChannel(
      (host, reason) => msg('ssh.execFailed', { host, reason }),
      'disconnected',
      (cb) => this.client.exec(command, cb),
      prepare,
      // A command without a terminal outlives its channel unless signalled.
      true,
    );
  }

  forwardTcp(host: string, port: number): Promise<ClientChannel> {
    return this.openChannel(
      (label, reason) =>
        msg('ssh.tcpOpenFailed', { target: `${host}:${port}`, host: label, reason }),
      'unreachable',
      (cb) => this.client.forwardOut('127.0.0.1', 0, host, port, cb),
    );
  }

  forwardUnix(path: string): Promise<ClientChannel> {
    return this.openChannel(
      (host, reason) => msg('ssh.socketOpenFailed', { path, host, reason }),
      'unreachable',
      (cb) => this.client.openssh_forwardOutStreamLocal(path, cb),
    );
  }

  /** An SFTP session; the caller tracks it (see sftpFiles), as it also owns its file streams. */
  sftp(): Promise<SFTPWrapper> {
    return this.open<SFTPWrapper>(
      (host, reason) => msg('ssh.sftpFailed', { host, reason }),
      'unreachable',
      (cb) => this.client.sftp(cb),
    );
  }

  private openChannel(
    what: FailureText,
    code: ErrorCode,
    start: (cb: (err: Error | undefined, channel: ClientChannel) => void) => void,
    prepare?: (channel: ClientChannel) => void,
    isCommand = false,
  ): Promise<ClientChannel> {
    return this.open<ClientChannel>(what, code, (cb) =>
      start((err, channel) => {
        if (!err) {
          prepare?.(channel);
          const untrack = this.track({
            abort: (e, alive) => {
              if (alive && isCommand) sendSignal(channel, 'TERM');
              destroyChannel(channel, e, alive);
            },
          });
          channel.once('close', untrack);
        }
        cb(err, channel);
      }),
    );
  }

  private open<T>(
    what: FailureText,
    code: ErrorCode,
    start: (cb: (err: Error | undefined, value: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const failed = (err: unknown): void => {
        const message = err instanceof Error ? err.message : String(err);
        reject(
          this.dropError ?? new VirtdeckError(code, what(this.label, message), { cause: err }),
        );
      };
      if (this.dropError) {
        reject(this.dropError);
        return;
      }
      try {
        start((err, value) => (err ? failed(err) : resolve(value)));
      } catch (err) {
        // ssh2 throws synchronously when the socket is already gone.
        failed(err);
      }
    });
  }
}

/**
 * Fails a channel with `err`. ssh2's own Channel.destroy() closes the channel but drops the error,
 * so the reader would see a clean end. The error is emitted here and now rather than by Node's
 * destroy(err), which waits a tick: on a drop, ssh2 emits the channel's 'close' synchronously
 * right after us, and readers must learn why before they learn that it closed. With nobody
 * listening for errors there is nobody to tell, and throwing here would break ssh2's cleanup.
 * `wire` also sends the close to the server (pointless, and unsafe, once the connection is gone).
 */
export function destroyChannel(channel: ClientChannel, err: Error, wire: boolean): void {
  if (wire) channel.close();
  if (channel.destroyed) return;
  if (channel.listenerCount('error') > 0) channel.emit('error', err);
  Duplex.prototype.destroy.call(channel);
}

/** What ssh2 keeps private but we need: the way to signal a process after its stdin is closed. */
/** What failed, said with the host's label and the reason the transport gave. */
type FailureText = (host: string, reason: string) => Message;

interface ChannelInternals {
  outgoing?: { id: number; state: string };
  _client?: { _protocol?: { signal(channelId: number, signal: string): void } };
}

/**
 * Asks sshd to signal the remote command's process group. Channel.signal() refuses once our side
 * of the channel is ended, which it is as soon as stdin has been sent; the request is valid then.
 */
export function sendSignal(channel: ClientChannel, signal: string): void {
  const internals = channel as unknown as ChannelInternals;
  try {
    if (internals.outgoing?.state === 'open' || internals.outgoing?.state === 'eof') {
      internals._client?._protocol?.signal(internals.outgoing.id, signal);
    }
  } catch {
    // Best effort: closing the channel still ends our side.
  }
}
