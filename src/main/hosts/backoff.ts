export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Fraction of each delay that is randomly taken off, so that many clients do not retry in step. */
  jitter?: number;
}

/**
 * Delay before reconnect attempt number `attempt` (0-based): initialDelayMs doubling each time,
 * capped at maxDelayMs. The jitter only shortens a delay, so the cap is never exceeded.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const { initialDelayMs, maxDelayMs, jitter = 0.1 } = options;
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const base = Math.min(maxDelayMs, initialDelayMs * 2 ** exponent);
  return Math.round(base * (1 - jitter * random()));
}
