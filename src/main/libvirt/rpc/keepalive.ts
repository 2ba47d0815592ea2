/**
 * libvirt's keepalive protocol from the client side: answer the daemon's PINGs, and when nothing
 * has arrived for a whole interval, send our own PING. After `count` silent intervals in a row the
 * connection is declared dead, so a host that vanished without closing TCP is noticed in about
 * interval x count, not after the OS's TCP timeout.
 */
export interface KeepaliveOptions {
  intervalMs: number;
  count: number;
  sendPing(): void;
  onDead(silentMs: number): void;
}

export class Keepalive {
  private timer: NodeJS.Timeout | null = null;
  private heardSinceTick = true;
  private silentTicks = 0;

  constructor(private readonly options: KeepaliveOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    // Keepalive alone must not keep a Node process (a CLI, a test) alive.
    this.timer.unref();
  }

  /** Any packet from the daemon proves it is alive. */
  heard(): void {
    this.heardSinceTick = true;
  }

  private tick(): void {
    if (this.heardSinceTick) {
      this.heardSinceTick = false;
      this.silentTicks = 0;
      return;
    }
    this.silentTicks++;
    if (this.silentTicks > this.options.count) {
      this.stop();
      this.options.onDead(this.silentTicks * this.options.intervalMs);
      return;
    }
    this.options.sendPing();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
