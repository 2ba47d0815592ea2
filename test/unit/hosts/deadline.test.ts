import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../../src/main/hosts/ssh/deadline';

describe('Deadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires after its period', () => {
    const expired = vi.fn();
    new Deadline(1000, expired);
    vi.advanceTimersByTime(999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledOnce();
  });

  it('stops while the user is asked, then gives a full new period', async () => {
    const expired = vi.fn();
    const deadline = new Deadline(1000, expired);
    vi.advanceTimersByTime(900);
    let answer!: (value: string) => void;
    const asked = deadline.paused(() => new Promise<string>((resolve) => (answer = resolve)));
    vi.advanceTimersByTime(60_000);
    expect(expired).not.toHaveBeenCalled();
    answer('secret');
    await expect(asked).resolves.toBe('secret');
    vi.advanceTimersByTime(999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledOnce();
  });

  it('stays stopped until the last of overlapping prompts is answered', async () => {
    const expired = vi.fn();
    const deadline = new Deadline(1000, expired);
    let first!: () => void;
    let second!: () => void;
    const a = deadline.paused(() => new Promise<void>((r) => (first = r)));
    const b = deadline.paused(() => new Promise<void>((r) => (second = r)));
    first();
    await a;
    vi.advanceTimersByTime(5000);
    expect(expired).not.toHaveBeenCalled();
    second();
    await b;
    vi.advanceTimersByTime(1000);
    expect(expired).toHaveBeenCalledOnce();
  });

  it('never fires once cancelled, even after a prompt', async () => {
    const expired = vi.fn();
    const deadline = new Deadline(1000, expired);
    const asked = deadline.paused(async () => {
      deadline.cancel();
    });
    await asked;
    vi.advanceTimersByTime(10_000);
    expect(expired).not.toHaveBeenCalled();
  });

  it('is disabled by a zero period', () => {
    const expired = vi.fn();
    new Deadline(0, expired);
    vi.advanceTimersByTime(100_000);
    expect(expired).not.toHaveBeenCalled();
  });
});
