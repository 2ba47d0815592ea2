/**
 * One-time console tickets: an unguessable token stands for one console session the backend has
 * prepared. A token works once and expires unused after 30 s, so a leaked URL is worth nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';

export const TICKET_TTL_MS = 30_000;

export interface PendingConsole {
  /** Opens the byte stream to the console (a forward to the display, or libvirt's stream). */
  open(): Promise<Duplex>;
  /** What the session is, for logs and counts; never a secret. */
  describe: string;
  /**
   * SPICE opens one connection per channel (main, display, inputs, cursor, ...) to the same URL:
   * its ticket then admits further connections while one of them is still open.
   */
  multiple?: boolean;
}

export class ConsoleTickets {
  private readonly pending = new Map<
    string,
    { console: PendingConsole; expires: number; open: number }
  >();

  constructor(private readonly now: () => number = Date.now) {}

  issue(console: PendingConsole): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    this.pending.set(token, { console, expires: this.now() + TICKET_TTL_MS, open: 0 });
    return token;
  }

  /**
   * The console for `token`. A ticket works once; a `multiple` one works again only while a
   * connection made with it is open (see release), never after they all closed.
   */
  take(token: string | null | undefined): PendingConsole | undefined {
    if (!token) return undefined;
    const entry = this.pending.get(token);
    if (!entry) return undefined;
    const inUse = entry.open > 0;
    if (!inUse && entry.expires < this.now()) {
      this.pending.delete(token);
      return undefined;
    }
    if (!entry.console.multiple) this.pending.delete(token);
    else entry.open++;
    return entry.console;
  }

  /** A connection made with a `multiple` ticket closed; the last one ends the ticket. */
  release(token: string): void {
    const entry = this.pending.get(token);
    if (!entry || !entry.console.multiple) return;
    entry.open--;
    if (entry.open <= 0) this.pending.delete(token);
  }

  get size(): number {
    this.sweep();
    return this.pending.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, entry] of this.pending) {
      if (entry.open === 0 && entry.expires < now) this.pending.delete(token);
    }
  }
}
