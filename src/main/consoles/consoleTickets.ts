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
}

export class ConsoleTickets {
  private readonly pending = new Map<string, { console: PendingConsole; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(console: PendingConsole): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    this.pending.set(token, { console, expires: this.now() + TICKET_TTL_MS });
    return token;
  }

  /** The console for `token`, removing the ticket: a second use finds nothing. */
  take(token: string | null | undefined): PendingConsole | undefined {
    if (!token) return undefined;
    const entry = this.pending.get(token);
    this.pending.delete(token);
    if (!entry || entry.expires < this.now()) return undefined;
    return entry.console;
  }

  get size(): number {
    this.sweep();
    return this.pending.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, entry] of this.pending) if (entry.expires < now) this.pending.delete(token);
  }
}
