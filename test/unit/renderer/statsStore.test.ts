import { describe, expect, it, vi } from 'vitest';
import { RingBuffer } from '../../../src/renderer/state/ringBuffer';
import { STATS_HISTORY, StatsStore } from '../../../src/renderer/state/statsStore';

describe('RingBuffer', () => {
  it('keeps the newest items in order', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.last()).toBeUndefined();
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.lastN()).toEqual([3, 4, 5]);
    expect(ring.lastN(2)).toEqual([4, 5]);
    expect(ring.last()).toBe(5);
  });
});

describe('StatsStore', () => {
  it('notifies only the VMs in a batch and caps the history', () => {
    const stats = new StatsStore();
    const a = vi.fn();
    const b = vi.fn();
    stats.subscribe('c1/a', a);
    const stopB = stats.subscribe('c1/b', b);
    for (let t = 0; t < STATS_HISTORY + 10; t++) {
      // 2 s apart: 300 samples already cover more than the 5-minute window, so no growth.
      stats.push({ connectionId: 'c1', time: t * 2000, samples: [{ uuid: 'a', cpuPercent: t }] });
    }
    expect(a).toHaveBeenCalledTimes(STATS_HISTORY + 10);
    expect(b).not.toHaveBeenCalled();
    expect(stats.samples('c1/a')).toHaveLength(STATS_HISTORY);
    expect(stats.samples('c1/a', 2).map((s) => s.cpuPercent)).toEqual([
      STATS_HISTORY + 8,
      STATS_HISTORY + 9,
    ]);
    const v = stats.version('c1/a');
    stats.drop(['c1/a']);
    expect(stats.version('c1/a')).toBe(v + 1);
    expect(stats.samples('c1/a')).toEqual([]);
    stopB();
  });
});
