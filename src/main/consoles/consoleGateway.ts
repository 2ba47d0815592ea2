/**
 * The console gateway: one server on 127.0.0.1 (random port). Its WebSockets join a console in
 * the renderer (noVNC, spice-html5, xterm.js) to a byte stream on the host: an SSH forward to the
 * guest's display, or libvirt's console stream. Each connection needs a one-time ticket and an
 * Origin the app's own pages have; anything else is refused before any stream is opened. Its plain
 * HTTP requests carry file transfers to and from volumes, under the same rules (transferRoutes.ts).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { VirtdeckError } from '../../shared/errors';
import { englishText, msg, type Message } from '../../shared/messages/message';
import { hostAllowed } from './loopbackGuard';
import { ConsoleTickets, type PendingConsole } from './consoleTickets';
import type { IssuedTransfer, PendingTransfer } from '../services/storage/pendingTransfer';
import { TransferRoutes } from './transferRoutes';
import { HistoryTap, SerialHistories } from './serialHistory';
import { ViewerForward, type ViewerForwardOptions } from './viewerForward';

export interface ConsoleGatewayOptions {
  /** The Origins of the app's own pages (asked at each connection: a shell learns its port late). */
  allowedOrigins(): readonly string[];
  /** How long a transfer ticket waits for its request (transferRoutes.ts's default otherwise). */
  transferTtlMs?: number;
}

/**
 * Largest message a page may send. A viewer sends key and pointer events, a SPICE link message, a
 * pasted clipboard: far below this; file transfers go over HTTP (transferRoutes.ts).
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/**
 * Bytes a page may send before its console's stream is open (they are kept until then, in
 * memory). A VNC viewer waits for the server's greeting, a SPICE one sends one link message, a
 * serial console what is typed: a page sending more is broken or hostile, and only it is closed.
 */
export const EARLY_INPUT_LIMIT = 256 * 1024;

/** Bytes queued towards a slow page before the host side is paused. */
const HIGH_WATER = 1 << 20;

export class ConsoleGateway {
  private readonly tickets = new ConsoleTickets();
  private readonly sessions = new Set<{ ws: WebSocket; stream?: Duplex }>();
  /** Serial consoles kept open between tabs, with what they printed meanwhile. */
  readonly serialHistories = new SerialHistories();
  private readonly viewerForwards = new Set<ViewerForward>();

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    private readonly wss: WebSocketServer,
    readonly port: number,
    private readonly transfers: TransferRoutes,
  ) {}

  static async start(options: ConsoleGatewayOptions): Promise<ConsoleGateway> {
    let port = 0;
    // Plain HTTP serves file transfers (transferRoutes.ts); WebSockets serve consoles.
    const transfers = new TransferRoutes({
      port: () => port,
      allowedOrigins: options.allowedOrigins,
      ttlMs: options.transferTtlMs,
    });
    const server = createServer((req, res) => {
      if (transfers.handle(req, res)) return;
      res.writeHead(404);
      res.end();
    });
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_MESSAGE_BYTES,
      // noVNC and spice-html5 may ask for a subprotocol ("binary"); the bytes are the same.
      handleProtocols: (protocols) => protocols.values().next().value ?? false,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    const gateway = new ConsoleGateway(server, wss, port, transfers);
    server.on('upgrade', (req, socket, head) => {
      const admitted = gateway.admit(req, options);
      if (!admitted) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        socket.destroy();
        return;
      }
      wss.handleUpgrade(
        req,
        socket,
        head,
        (ws) => void gateway.serve(ws, admitted.token, admitted.pending),
      );
    });
    return gateway;
  }

  /** A ticket URL for a console session that opens when the page connects. */
  issue(console: PendingConsole): string {
    return `ws://127.0.0.1:${this.port}/console?token=${this.tickets.issue(console)}`;
  }

  /** A loopback port forwarded to one display, for one remote-viewer (viewerForward.ts). */
  async forwardForViewer(options: ViewerForwardOptions): Promise<ViewerForward> {
    const forward = await ViewerForward.start(options);
    this.viewerForwards.add(forward);
    void forward.finished.then(() => this.viewerForwards.delete(forward));
    return forward;
  }

  /** Viewer forwards open now. */
  get openViewerForwards(): number {
    return this.viewerForwards.size;
  }

  /** A one-time URL for a file transfer (PUT for an upload, GET for a download). */
  issueTransfer(transfer: PendingTransfer): IssuedTransfer {
    return this.transfers.issue(transfer);
  }

  /** Whether `url` is one of this gateway's transfer URLs. */
  isTransferUrl(url: string): boolean {
    return this.transfers.isTransferUrl(url);
  }

  /** Transfer tickets not yet used plus transfers running now. */
  get openTransfers(): number {
    return this.transfers.size;
  }

  /** Console sessions open now (each one a WebSocket and its stream on the host). */
  get openSessions(): number {
    return this.sessions.size;
  }

  async close(): Promise<void> {
    this.transfers.close();
    this.serialHistories.close();
    for (const forward of this.viewerForwards) forward.close();
    for (const session of this.sessions) {
      session.stream?.destroy();
      session.ws.terminate();
    }
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private admit(
    req: IncomingMessage,
    options: ConsoleGatewayOptions,
  ): { token: string; pending: PendingConsole } | undefined {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    const token = url.searchParams.get('token');
    // The Host check stops DNS rebinding: a page of another site that resolves its name to
    // 127.0.0.1 would name itself in the Host header (and the ticket would stay unused).
    if (
      url.pathname !== '/console' ||
      !hostAllowed(req, this.port) ||
      !origin ||
      !options.allowedOrigins().includes(origin)
    ) {
      return undefined;
    }
    // Taken here, before the stream opens: a token is tried once, even if opening then fails.
    const pending = this.tickets.take(token);
    return pending && token ? { token, pending } : undefined;
  }

  private async serve(ws: WebSocket, token: string, pending: PendingConsole): Promise<void> {
    const session: { ws: WebSocket; stream?: Duplex } = { ws };
    this.sessions.add(session);
    let closed = false;
    const finish = (code: number, said: Message | string): void => {
      const reason = closeReason(said);
      if (closed) return;
      closed = true;
      this.sessions.delete(session);
      this.tickets.release(token);
      session.stream?.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
    };
    ws.on('close', () => finish(1000, ''));
    ws.on('error', () => finish(1011, msg('consoleGateway.wsError')));
    // Bytes the page sends before the host side is ready are kept, in order.
    const early: Buffer[] = [];
    let earlyBytes = 0;
    ws.on('message', (data: Buffer) => {
      earlyBytes += data.length;
      if (earlyBytes <= EARLY_INPUT_LIMIT) {
        early.push(data);
        return;
      }
      early.length = 0;
      finish(1008, msg('consoleGateway.tooMuchInput'));
    });

    let stream: Duplex;
    try {
      stream = await pending.open();
    } catch (err) {
      finish(1011, errorSaid(err));
      return;
    }
    if (closed) {
      stream.destroy();
      return;
    }
    session.stream = stream;
    ws.removeAllListeners('message');
    // The only text frame a console sends: the serial history lost its oldest bytes (the page
    // says so above what it shows); everything else is the console's own bytes, binary.
    if (stream instanceof HistoryTap && stream.droppedBefore > 0) {
      ws.send(JSON.stringify({ historyDropped: stream.droppedBefore }));
    }
    for (const chunk of early) stream.write(chunk);
    // The stream's own buffer bounds what waits for the host (an SSH channel's is its 2 MiB
    // window); 'drain' follows only a write that found it full.
    ws.on('message', (data: Buffer) => {
      if (!stream.write(data) && !ws.isPaused) {
        ws.pause();
        stream.once('drain', () => ws.resume());
      }
    });
    let queued = 0;
    stream.on('data', (chunk: Buffer) => {
      queued += chunk.length;
      if (queued > HIGH_WATER) stream.pause();
      ws.send(chunk, { binary: true }, () => {
        queued -= chunk.length;
        if (queued <= HIGH_WATER / 2 && stream.isPaused()) stream.resume();
      });
    });
    stream.on('end', () => finish(1000, msg('consoleGateway.closed')));
    stream.on('close', () => finish(1000, msg('consoleGateway.closed')));
    stream.on('error', (err) => finish(1011, errorSaid(err)));
  }
}

/** What an error says: its message as a key when it has one, else its words. */
function errorSaid(err: unknown): Message | string {
  if (err instanceof VirtdeckError && err.text) return err.text;
  return err instanceof Error ? err.message : String(err);
}

/**
 * A WebSocket close reason, at most 123 bytes: a message as its JSON (the page shows it in the
 * user's language, renderer/views/console/closeReason.ts) when it fits, else its English words cut
 * short, as are words that are not ours.
 */
function closeReason(said: Message | string): string {
  if (typeof said !== 'string') {
    const json = JSON.stringify(said);
    if (Buffer.byteLength(json) <= 123) return json;
  }
  const words = typeof said === 'string' ? said : englishText(said);
  let cut = words.slice(0, 120);
  while (Buffer.byteLength(cut) > 123) cut = cut.slice(0, -1);
  return cut;
}
