/**
 * "Open in remote-viewer": a port on 127.0.0.1 (random) forwarded to one VM's display through the
 * host's own forward (the SSH connection's channel, as the gateway's consoles use). It is for one
 * viewer: it waits LAUNCH_WAIT_MS for it, takes its connection (SPICE: its channels), takes it
 * back within RECONNECT_GRACE_MS after it dropped, and closes once the viewer is gone.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** How long the port waits for the viewer to connect first. */
export const LAUNCH_WAIT_MS = 60_000;
/** How long after the viewer's last connection closed it may connect again. */
export const RECONNECT_GRACE_MS = 10_000;

export interface ViewerForwardOptions {
  /** Opens a stream to the display (a forward over the host's connection). */
  open(): Promise<Duplex>;
  /** SPICE opens one connection per channel at once; VNC is one connection. */
  concurrent: boolean;
  launchWaitMs?: number;
  graceMs?: number;
}

export class ViewerForward {
  private readonly sockets = new Set<Socket>();
  private readonly streams = new Set<Duplex>();
  private timer?: NodeJS.Timeout;
  private closed = false;
  private readonly done: Promise<void>;
  private resolveDone!: () => void;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly options: ViewerForwardOptions,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.wait(options.launchWaitMs ?? LAUNCH_WAIT_MS);
    server.on('connection', (socket) => this.accept(socket));
  }

  static async start(options: ViewerForwardOptions): Promise<ViewerForward> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new ViewerForward(server, (server.address() as AddressInfo).port, options);
  }

  /** Resolves once the forward closed (viewer gone, never came, or close()). */
  get finished(): Promise<void> {
    return this.done;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const socket of this.sockets) socket.destroy();
    for (const stream of this.streams) stream.destroy();
    this.server.close(() => this.resolveDone());
  }

  private wait(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.close(), ms);
    this.timer.unref();
  }

  private accept(socket: Socket): void {
    // One viewer: a second connection while one is open is someone else (SPICE's channels aside).
    if (this.closed || (!this.options.concurrent && this.sockets.size > 0)) {
      socket.destroy();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.sockets.add(socket);
    let stream: Duplex | undefined;
    const drop = () => {
      if (!this.sockets.delete(socket)) return;
      socket.destroy();
      if (stream) {
        this.streams.delete(stream);
        stream.destroy();
      }
      if (this.sockets.size === 0 && !this.closed)
        this.wait(this.options.graceMs ?? RECONNECT_GRACE_MS);
    };
    socket.on('close', drop);
    socket.on('error', drop);
    socket.pause();
    this.options.open().then(
      (opened) => {
        if (!this.sockets.has(socket)) {
          opened.destroy();
          return;
        }
        stream = opened;
        this.streams.add(opened);
        opened.on('close', drop);
        opened.on('error', drop);
        socket.pipe(opened);
        opened.pipe(socket);
        socket.resume();
      },
      () => drop(),
    );
  }
}
