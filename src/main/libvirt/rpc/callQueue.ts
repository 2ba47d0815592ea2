/**
 * Keeps the calls outstanding at the daemon within what it serves at once. libvirtd reads at most
 * max_client_requests (5 by default) messages per client before it has answered them; past that
 * it stops reading the client's socket altogether, so our keepalive PONGs and stream packets sit
 * unread too, and it logs "Client hit max requests limit". Calls beyond the limit wait here, in
 * the order they were made; keepalive and stream packets never come through here.
 */
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';

/**
 * libvirtd's default max_client_requests minus one: the daemon counts the buffer it keeps ready
 * for the next message among the five, so a fifth outstanding call already fills it (and logs
 * the warning), and a PONG or stream packet behind it would wait for a reply.
 */
export const DEFAULT_MAX_OUTSTANDING_CALLS = 4;

export class CallQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number = DEFAULT_MAX_OUTSTANDING_CALLS) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new VirtdeckError('invalid-input', msg('rpc.callLimit', { limit }));
    }
  }

  /** Calls sent and not yet answered. */
  get outstanding(): number {
    return this.active;
  }

  /** Runs `send` at once when a place is free, otherwise when one frees up. */
  enqueue(send: () => void): void {
    if (this.active < this.limit) {
      this.active++;
      send();
    } else {
      this.waiting.push(send);
    }
  }

  /** A sent call was answered: its place goes to the oldest waiting call. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active = Math.max(0, this.active - 1);
  }

  /** The connection ended: nothing waiting will be sent (its callers are failed elsewhere). */
  clear(): void {
    this.waiting.length = 0;
    this.active = 0;
  }
}
