import type { Duplex } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { parseLibvirtUri } from '../../../shared/libvirtUri';
import type { Message } from '../../../shared/messages/message';
import type {
  ExecOptions,
  ExecResult,
  ForwardTarget,
  Host,
  HostFiles,
  HostState,
  LibvirtStream,
} from '../host';
import { HostStateStore } from '../hostStateStore';
import { shellQuote } from '../shellQuote';
import { backoffDelay } from '../backoff';
import { IdentityKeys } from './identityKeys';
import { openLibvirtOverSsh } from './libvirtOverSsh';
import { sftpFiles } from './sftpFiles';
import { DEFAULT_AUTH_METHODS } from './sshAuth';
import { connectChain } from './sshConnect';
import { isRetryable } from './sshErrors';
import { runExec } from './sshExec';
import { planHops } from './sshHopPlan';
import type { SshHostOptions } from './sshHostOptions';
import { SshSession } from './sshSession';

export type { SshHostOptions } from './sshHostOptions';

/**
 * A libvirt host reached over SSH: ONE ssh2 connection (through any ProxyJump hosts) carrying
 * every exec, SFTP session, port forward and libvirt stream. A lost connection fails everything
 * open on it with 'disconnected' and is re-established with backoff, unless the user closed the
 * host or the last attempt needs the user (authentication, host key).
 */
export class SshHost implements Host {
  readonly label: string;
  private readonly states = new HostStateStore({
    kind: 'disconnected',
    reason: 'Not connected yet',
  });
  private readonly keys = new IdentityKeys();
  private session: SshSession | undefined;
  private user = '';
  private connecting: Promise<void> | undefined;
  private attemptAbort: AbortController | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectAttempt = 0;
  private closed = false;
  /** What ~/.ssh/config asked for that is not done (Match exec), as of the last connect. */
  private warnings: Message[] = [];

  constructor(private readonly options: SshHostOptions) {
    const { host, user, port } = options;
    this.label = `${user ? `${user}@` : ''}${host}${port ? `:${port}` : ''}`;
  }

  get state(): HostState {
    return this.states.get();
  }

  get configWarnings(): readonly Message[] {
    return this.warnings;
  }

  /** Exec channels, SFTP sessions, forwards and libvirt streams open right now. */
  get openChannelCount(): number {
    return this.session?.openCount ?? 0;
  }

  onStateChange(listener: (state: HostState) => void): () => void {
    return this.states.subscribe(listener);
  }

  connect(): Promise<void> {
    if (this.session) return Promise.resolve();
    this.closed = false;
    clearTimeout(this.reconnectTimer);
    this.connecting ??= this.attempt().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.attemptAbort?.abort();
    const session = this.session;
    this.session = undefined;
    if (session) {
      session.abortAll(
        new VirtdeckError('disconnected', msg('ssh.connectionClosed', { host: this.label })),
        true,
      );
      await session.end();
    }
    await this.connecting?.catch(() => {});
    this.states.set({ kind: 'closed' });
  }

  async exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    if (argv.length === 0) throw new VirtdeckError('invalid-input', msg('host.noProgram'));
    const session = await this.ready();
    return runExec(session, shellQuote(argv), argv[0] as string, options);
  }

  async files(): Promise<HostFiles> {
    const session = await this.ready();
    return sftpFiles(session, await session.sftp());
  }

  async forward(target: ForwardTarget): Promise<Duplex> {
    const session = await this.ready();
    return target.kind === 'tcp'
      ? session.forwardTcp(target.host, target.port)
      : session.forwardUnix(target.path);
  }

  async openLibvirtStream(uri: string): Promise<LibvirtStream> {
    const parsed = parseLibvirtUri(uri);
    if (parsed.host !== undefined) {
      throw new VirtdeckError(
        'invalid-input',
        msg('ssh.uriNamesHost', { uri, localUri: parsed.localUri }),
      );
    }
    const session = await this.ready();
    return openLibvirtOverSsh(session, this.user, parsed);
  }

  /** The live session, waiting for a connect in progress; fails fast when there is none. */
  private async ready(): Promise<SshSession> {
    // Why a connect failed is told to whoever called connect(); here it only means "not connected".
    if (!this.session && this.connecting) await this.connecting.catch(() => {});
    if (this.session) return this.session;
    const state = this.state;
    const host = this.label;
    throw new VirtdeckError(
      'disconnected',
      state.kind === 'closed'
        ? msg('ssh.connectionIsClosed', { host })
        : state.kind === 'disconnected' && state.reason
          ? msg('ssh.notConnectedWhy', { host, reason: state.reason })
          : msg('ssh.notConnected', { host }),
    );
  }

  private async attempt(): Promise<void> {
    this.states.set({ kind: 'connecting' });
    const abort = (this.attemptAbort = new AbortController());
    try {
      const plan = await planHops(this.options);
      this.warnings = plan.warnings;
      const target = plan.hops[plan.hops.length - 1];
      // The drop callback is wired before the session object exists.
      const created: { session?: SshSession } = {};
      const clients = await connectChain(
        plan.hops,
        {
          appKnownHostsFile: this.options.appKnownHostsFile,
          authMethods: this.options.authMethods ?? DEFAULT_AUTH_METHODS,
          prompter: this.options.prompter,
          keys: this.keys,
          readyTimeoutMs: this.options.readyTimeoutMs ?? plan.connectTimeoutMs ?? 10_000,
          signal: abort.signal,
        },
        (reason) => {
          if (created.session) this.onDrop(created.session, reason);
        },
      );
      const session = (created.session = new SshSession(clients, this.label));
      if (this.closed) {
        await session.end();
        throw new VirtdeckError('cancelled', msg('ssh.connectionClosed', { host: this.label }));
      }
      this.session = session;
      this.user = target?.user ?? '';
      this.reconnectAttempt = 0;
      this.states.set({ kind: 'connected' });
    } catch (err) {
      const error =
        err instanceof VirtdeckError
          ? err
          : new VirtdeckError(
              'unreachable',
              msg('ssh.cannotConnectHost', { host: this.label, reason: String(err) }),
              { cause: err },
            );
      if (!this.closed) {
        this.states.set({
          kind: 'disconnected',
          reason: error.message,
          ...(error.text ? { reasonText: error.text } : {}),
        });
      }
      throw error;
    } finally {
      if (this.attemptAbort === abort) this.attemptAbort = undefined;
    }
  }

  private onDrop(session: SshSession, reason: string): void {
    if (this.session !== session) return;
    this.session = undefined;
    session.abortAll(
      new VirtdeckError('disconnected', msg('ssh.lostConnection', { host: this.label, reason })),
      false,
    );
    // With jump hosts, the hops before the lost one may still be up.
    void session.end();
    if (!this.closed) this.scheduleReconnect(reason);
  }

  private scheduleReconnect(reason: string): void {
    const delay = backoffDelay(this.reconnectAttempt++, {
      initialDelayMs: this.options.reconnect?.initialDelayMs ?? 1000,
      maxDelayMs: this.options.reconnect?.maxDelayMs ?? 60_000,
    });
    this.states.set({ kind: 'disconnected', reason, retryAt: Date.now() + delay });
    this.reconnectTimer = setTimeout(() => {
      if (this.closed || this.session || this.connecting) return;
      this.connect().catch((err: unknown) => {
        if (this.closed || !(err instanceof VirtdeckError) || !isRetryable(err)) return;
        this.scheduleReconnect(err.message);
      });
    }, delay);
  }
}
