import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { connect as netConnect, type Socket } from 'node:net';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { VirtdeckError } from '../../shared/errors';
import { englishText, msg } from '../../shared/messages/message';
import { parseLibvirtUri, type LibvirtUri } from '../../shared/libvirtUri';
import { childDuplex } from './childDuplex';
import {
  asLibvirtStream,
  type ExecOptions,
  type ExecResult,
  type ForwardTarget,
  type Host,
  type HostFiles,
  type HostState,
  type LibvirtStream,
} from './host';
import { HostStateStore } from './hostStateStore';
import { isSessionUri, libvirtSocketCandidates } from './libvirtSockets';
import { localFiles } from './localFiles';
import { settleOnce } from './settleOnce';

/** This machine: programs run without a shell, files through node:fs, libvirt on its sockets. */
export class LocalHost implements Host {
  readonly label = 'localhost';
  private readonly states = new HostStateStore({
    kind: 'disconnected',
    reason: 'Not connected yet',
  });
  private readonly children = new Set<ChildProcess>();
  private readonly streams = new Set<Duplex>();
  private readonly fileSets = new Set<HostFiles>();

  get state(): HostState {
    return this.states.get();
  }

  /** Child processes still running (exec, virt-ssh-helper). */
  get openChildCount(): number {
    return this.children.size;
  }

  /** Streams open: forwards, libvirt sockets and virt-ssh-helper streams. */
  get openStreamCount(): number {
    return this.streams.size;
  }

  onStateChange(listener: (state: HostState) => void): () => void {
    return this.states.subscribe(listener);
  }

  async connect(): Promise<void> {
    if (this.state.kind !== 'connected') this.states.set({ kind: 'connected' });
  }

  async close(): Promise<void> {
    for (const files of this.fileSets) files.close();
    this.fileSets.clear();
    for (const stream of this.streams) stream.destroy();
    const exits = [...this.children].map((child) =>
      child.exitCode === null && child.signalCode === null
        ? once(child, 'close')
        : Promise.resolve(),
    );
    for (const child of this.children) child.kill('SIGTERM');
    await Promise.all(exits);
    this.states.set({ kind: 'closed' });
  }

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (this.state.kind === 'closed') return Promise.reject(this.closedError());
    const [program, ...args] = argv;
    if (program === undefined) {
      return Promise.reject(new VirtdeckError('invalid-input', msg('host.noProgram')));
    }
    const { signal } = options;
    const cancelled = (): VirtdeckError =>
      new VirtdeckError('cancelled', msg('host.execCancelled', { program, host: this.label }));
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise<ExecResult>((resolve, reject) => {
      const child = this.spawnTracked(program, args);
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      const { settle } = settleOnce(signal, () => {
        child.kill('SIGTERM');
        settle(() => reject(cancelled()));
      });
      if (options.stdout) child.stdout.pipe(options.stdout, { end: false });
      else child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr.push(chunk);
        options.onStderr?.(chunk);
      });
      child.stdin.on('error', () => {});
      child.on('error', (err: NodeJS.ErrnoException) =>
        settle(() => {
          // What a shell would answer, so callers treat a missing program alike on every host.
          if (err.code === 'ENOENT') {
            resolve({
              code: 127,
              stdout: Buffer.alloc(0),
              stderr: Buffer.from(`${program}: command not found\n`),
            });
          } else reject(err);
        }),
      );
      child.on('close', (code) =>
        settle(() =>
          resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) }),
        ),
      );
      child.stdin.end(options.stdin);
    });
  }

  async files(): Promise<HostFiles> {
    if (this.state.kind === 'closed') throw this.closedError();
    const files = localFiles();
    const close = files.close.bind(files);
    const tracked: HostFiles = {
      ...files,
      close: () => {
        this.fileSets.delete(tracked);
        close();
      },
    };
    this.fileSets.add(tracked);
    return tracked;
  }

  async forward(target: ForwardTarget): Promise<Duplex> {
    if (this.state.kind === 'closed') throw this.closedError();
    const where = target.kind === 'tcp' ? `${target.host}:${target.port}` : target.path;
    try {
      return await this.connectSocket(target);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new VirtdeckError(
        'unreachable',
        msg('host.forwardFailed', { where, host: this.label, reason: message }),
        { cause: err },
      );
    }
  }

  async openLibvirtStream(uri: string): Promise<LibvirtStream> {
    const parsed = parseLibvirtUri(uri);
    if (this.state.kind === 'closed') throw this.closedError();
    if (parsed.host !== undefined) {
      throw new VirtdeckError(
        'invalid-input',
        msg('host.uriNamesHost', { uri, localUri: parsed.localUri }),
      );
    }
    const failures: string[] = [];
    if (isSessionUri(parsed)) {
      // The helper starts the per-user daemon when it is not running, as libvirt's own client does.
      const helper = await this.startHelper(parsed).catch((err: unknown) => {
        failures.push(`virt-ssh-helper: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      });
      if (helper) return asLibvirtStream(helper, 'local-helper');
    }
    const runtimeDir = process.env.XDG_RUNTIME_DIR || join(homedir(), '.cache');
    for (const path of libvirtSocketCandidates(parsed, runtimeDir)) {
      try {
        return asLibvirtStream(await this.connectSocket({ kind: 'unix', path }), 'local-socket');
      } catch (err) {
        failures.push(`${path}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    throw new VirtdeckError(
      'libvirt-unreachable',
      msg('host.libvirtUnreachable', {
        uri: parsed.localUri,
        tried: failures.join('; '),
        user: userInfo().username,
      }),
    );
  }

  /** Like SshHost: a closed host serves nothing until connect() is called again. */
  private closedError(): VirtdeckError {
    return new VirtdeckError('disconnected', msg('host.closed', { host: this.label }));
  }

  private async startHelper(uri: LibvirtUri): Promise<Duplex> {
    const child = this.spawnTracked('virt-ssh-helper', [uri.localUri]);
    const spawned = once(child, 'spawn');
    child.once('error', () => {});
    await spawned;
    const duplex = childDuplex(child, (code, signal, stderr) =>
      code === 0
        ? undefined
        : new VirtdeckError(
            'libvirt-unreachable',
            code === null
              ? msg('host.helperKilled', {
                  uri: uri.localUri,
                  signal: String(signal),
                  reason: said(stderr),
                })
              : msg('host.helperExited', { uri: uri.localUri, status: code, reason: said(stderr) }),
          ),
    );
    this.streams.add(duplex);
    duplex.once('close', () => this.streams.delete(duplex));
    return duplex;
  }

  private spawnTracked(program: string, args: readonly string[]): ChildProcessWithoutNullStreams {
    const child = spawn(program, args, { stdio: 'pipe' });
    this.children.add(child);
    child.once('close', () => this.children.delete(child));
    // A failed spawn emits 'error' and then 'close'; the set is cleaned up either way.
    child.once('error', () => this.children.delete(child));
    return child;
  }

  private connectSocket(target: ForwardTarget): Promise<Socket> {
    return new Promise<Socket>((resolve, reject) => {
      const socket =
        target.kind === 'tcp'
          ? netConnect({ host: target.host, port: target.port })
          : netConnect({ path: target.path });
      const onError = (err: Error): void => reject(err);
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        this.streams.add(socket);
        socket.once('close', () => this.streams.delete(socket));
        resolve(socket);
      });
    });
  }
}

/** A helper's stderr as it said it, or that it said nothing. */
function said(stderr: string): string {
  return stderr.trim() || englishText(msg('host.noErrorMessage'));
}
