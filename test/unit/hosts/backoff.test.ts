import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/main/hosts/backoff';

describe('backoffDelay', () => {
  const options = { initialDelayMs: 1000, maxDelayMs: 60_000 };

  it('doubles from the initial delay and stops at the cap', () => {
    const noJitter = () => 0;
    const schedule = Array.from({ length: 9 }, (_, i) => backoffDelay(i, options, noJitter));
    expect(schedule).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('only shortens a delay, by at most the jitter fraction', () => {
    for (const attempt of [0, 3, 10]) {
      const base = Math.min(60_000, 1000 * 2 ** attempt);
      expect(backoffDelay(attempt, options, () => 0.999)).toBeGreaterThanOrEqual(base * 0.9);
      expect(backoffDelay(attempt, options, () => 0.5)).toBeLessThanOrEqual(base);
    }
    expect(backoffDelay(2, { ...options, jitter: 0.5 }, () => 1)).toBe(2000);
  });

  it('spreads clients that retry at the same time', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4, options)));
    expect(delays.size).toBeGreaterThan(1);
  });

  it('stays finite for absurd attempt numbers', () => {
    expect(backoffDelay(10_000, options, () => 0)).toBe(60_000);
    expect(backoffDelay(-1, options, () => 0)).toBe(1000);
  });
});
