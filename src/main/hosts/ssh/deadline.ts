/**
 * A timeout for connecting that stops while the user is being asked something: the clock is for
 * the network, not for how long a person takes to type a password. Each resume starts a full
 * new period.
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private pauses = 0;
  private done = false;

  constructor(
    private readonly ms: number,
    private readonly onExpire: () => void,
  ) {
    this.arm();
  }

  /** Runs `task` with the clock stopped. */
  async paused<T>(task: () => Promise<T>): Promise<T> {
    this.pauses += 1;
    clearTimeout(this.timer);
    try {
      return await task();
    } finally {
      this.pauses -= 1;
      if (this.pauses === 0) this.arm();
    }
  }

  cancel(): void {
    this.done = true;
    clearTimeout(this.timer);
  }

  private arm(): void {
    if (this.done || this.ms <= 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.done = true;
      this.onExpire();
    }, this.ms);
  }
}
