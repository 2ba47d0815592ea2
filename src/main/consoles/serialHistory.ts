/**
 * Serial history: a serial console's stream from libvirt stays open after its last tab closed,
 * and what the guest prints meanwhile is kept (up to HISTORY_BYTES, oldest dropped), so the next
 * tab starts with it (as cockpit-machines does). Every tab of one console shares the one stream:
 * each sees the guest's output and may type. The stream is closed when the guest or the
 * connection closes it, after IDLE_CLOSE_MS without a tab, or when the gateway closes.
 */
import { Duplex } from 'node:stream';

/** What is kept of a console's output while no tab (or any tab) is attached. */
export const HISTORY_BYTES = 256 * 1024;
/** A console nobody looks at for this long is closed (its history with it). */
export const IDLE_CLOSE_MS = 30 * 60_000;
/** Output queued towards one slow tab beyond which that tab is dropped (it reconnects). */
const TAP_LIMIT = 4 * 1024 * 1024;

/** The last `limit` bytes written, and how many were dropped before them. */
export class ByteHistory {
  private chunks: Buffer[] = [];
  private size = 0;
  private droppedBytes = 0;

  constructor(private readonly limit = HISTORY_BYTES) {}

  append(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit) {
      const first = this.chunks[0] as Buffer;
      const excess = this.size - this.limit;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
        this.droppedBytes += first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
        this.droppedBytes += excess;
      }
    }
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }

  get dropped(): number {
    return this.droppedBytes;
  }
}

/** One tab's view of a shared serial console: the history first, then the live output. */
export class HistoryTap extends Duplex {
  constructor(
    /** Bytes of the guest's output dropped before the history this tab was given. */
    readonly droppedBefore: number,
    private readonly writeToGuest: (chunk: Buffer, done: (err?: Error | null) => void) => void,
    private readonly detach: (tap: HistoryTap) => void,
  ) {
    super();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.writeToGuest(chunk, done);
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.detach(this);
    done(err);
  }

  /** Live output; a tab that does not keep up is closed rather than buffered without bound. */
  deliver(chunk: Buffer): void {
    if (this.readableLength > TAP_LIMIT) this.destroy(new Error('The page fell behind'));
    else this.push(chunk);
  }
}

interface Shared {
  owner: object;
  stream: Promise<Duplex>;
  history: ByteHistory;
  taps: Set<HistoryTap>;
  idle?: NodeJS.Timeout;
}

export class SerialHistories {
  private readonly consoles = new Map<string, Shared>();

  constructor(private readonly idleCloseMs = IDLE_CLOSE_MS) {}

  /**
   * A tab on the serial console `key`, opening its stream with `open` unless it is open already
   * for the same `owner` (the libvirt connection: a reconnected one opens it anew).
   */
  async attach(key: string, owner: object, open: () => Promise<Duplex>): Promise<HistoryTap> {
    let shared = this.consoles.get(key);
    if (shared && shared.owner !== owner) {
      this.end(key, shared);
      shared = undefined;
    }
    if (!shared) shared = this.start(key, owner, open);
    const current = shared;
    const stream = await current.stream;
    if (this.consoles.get(key) !== current) throw new Error('The console closed');
    if (current.idle) clearTimeout(current.idle);
    current.idle = undefined;
    const tap = new HistoryTap(
      current.history.dropped,
      (chunk, done) => void stream.write(chunk, done),
      (t) => this.detach(key, current, t),
    );
    const past = current.history.bytes;
    if (past.length > 0) tap.push(past);
    current.taps.add(tap);
    return tap;
  }

  /** Consoles whose stream is open now (with or without a tab). */
  get size(): number {
    return this.consoles.size;
  }

  close(): void {
    for (const [key, shared] of this.consoles) this.end(key, shared);
  }

  private start(key: string, owner: object, open: () => Promise<Duplex>): Shared {
    const shared: Shared = {
      owner,
      stream: open(),
      history: new ByteHistory(),
      taps: new Set(),
    };
    this.consoles.set(key, shared);
    shared.stream.then(
      (stream) => {
        if (this.consoles.get(key) !== shared) {
          stream.destroy();
          return;
        }
        stream.on('data', (chunk: Buffer) => {
          shared.history.append(chunk);
          for (const tap of shared.taps) tap.deliver(chunk);
        });
        const closed = () => this.end(key, shared);
        stream.on('end', closed);
        stream.on('close', closed);
        stream.on('error', closed);
      },
      () => this.end(key, shared),
    );
    return shared;
  }

  private detach(key: string, shared: Shared, tap: HistoryTap): void {
    shared.taps.delete(tap);
    if (shared.taps.size > 0 || this.consoles.get(key) !== shared) return;
    shared.idle = setTimeout(() => this.end(key, shared), this.idleCloseMs);
    shared.idle.unref();
  }

  private end(key: string, shared: Shared): void {
    if (this.consoles.get(key) === shared) this.consoles.delete(key);
    if (shared.idle) clearTimeout(shared.idle);
    for (const tap of shared.taps) {
      tap.push(null);
      tap.destroy();
    }
    shared.taps.clear();
    shared.stream.then(
      (stream) => stream.destroy(),
      () => {},
    );
  }
}
