import type { Duplex, Readable, Writable } from 'node:stream';
import type { LibvirtTransport } from '../../shared/api/hostTypes';
import type { Message } from '../../shared/messages/message';

/**
 * A Host is a place where libvirt runs: this machine (LocalHost) or a machine reached over one
 * SSH connection (SshHost). Everything above this layer (the libvirt RPC client, consoles, file
 * browsing, qemu-img) goes through this interface and never knows which kind it has.
 */
export type HostState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  /**
   * Lost or failed; `retryAt` (epoch ms) is set while an automatic reconnect is scheduled.
   * `reasonText` is the reason as a key and parameters when the error said it as one.
   */
  | { kind: 'disconnected'; reason: string; reasonText?: Message; retryAt?: number }
  /** Closed on purpose by the user: no reconnect. */
  | { kind: 'closed' };

export interface ExecOptions {
  stdin?: Buffer | string;
  signal?: AbortSignal;
  /**
   * Where stdout goes, with backpressure, instead of being collected (a download on the host
   * streamed into a volume); the result's stdout is then empty. It is not ended.
   */
  stdout?: Writable;
  /** Each stderr chunk as it comes (a tool's progress lines); it is still collected too. */
  onStderr?: (chunk: Buffer) => void;
}

export interface ExecResult {
  /** Exit code, or null when the command died by a signal. */
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** Where a forwarded stream ends on the host: a TCP port (usually on its loopback) or a unix socket. */
export type ForwardTarget =
  { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

/** A byte stream to a libvirt daemon, saying which way it goes. */
export type LibvirtStream = Duplex & { readonly libvirtTransport: LibvirtTransport };

/** Marks `stream` with the transport it was opened through. */
export function asLibvirtStream(stream: Duplex, transport: LibvirtTransport): LibvirtStream {
  return Object.assign(stream, { libvirtTransport: transport });
}

export interface HostFileEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  mtimeMs: number;
}

/** File access on the host: the local file system, or SFTP over the host's SSH connection. */
export interface HostFiles {
  list(dir: string): Promise<HostFileEntry[]>;
  stat(path: string): Promise<HostFileEntry>;
  /** `range`: from byte `start` to byte `end` (inclusive), as fs.createReadStream counts. */
  createReadStream(path: string, range?: { start: number; end?: number }): Readable;
  createWriteStream(path: string): Writable;
  unlink(path: string): Promise<void>;
  close(): void;
}

export interface Host {
  /** What the user calls this host, e.g. "localhost" or "root@kvm1:2222". */
  readonly label: string;
  readonly state: HostState;
  /**
   * What the host's configuration asked for that is not done (an SSH host: a `Match exec` block
   * of ~/.ssh/config, skipped), as of the last connect; the user sees them on the connection.
   */
  readonly configWarnings?: readonly Message[];
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  onStateChange(listener: (state: HostState) => void): () => void;
  /** Connects (or waits for a connect in progress). Rejects with a VirtdeckError. */
  connect(): Promise<void>;
  /** Closes on purpose: every open stream ends, no reconnect follows. */
  close(): Promise<void>;
  /**
   * A byte stream to the libvirt daemon serving `uri` (the host-local form, e.g. qemu:///system),
   * ready for the RPC client.
   */
  openLibvirtStream(uri: string): Promise<LibvirtStream>;
  /** Runs argv[0] with the remaining arguments; each argument reaches the program unchanged. */
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  files(): Promise<HostFiles>;
  /** A byte stream to a TCP port or unix socket on the host (VNC / SPICE displays). */
  forward(target: ForwardTarget): Promise<Duplex>;
}
