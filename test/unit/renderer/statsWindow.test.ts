/**
 * The VM page's graphs show the last 5 minutes: the stats store keeps at least that much history
 * at every interval the settings allow (250 ms to 60 s), and no more samples than it needs.
 */
import { describe, expect, it } from 'vitest';
import {
  STATS_HISTORY,
  STATS_MAX_HISTORY,
  STATS_WINDOW_MS,
  StatsStore,
} from '../../../src/renderer/state/statsStore';

function fill(intervalMs: number, durationMs: number): StatsStore {
  const stats = new StatsStore();
  for (let time = 0; time <= durationMs; time += intervalMs) {
    stats.push({
      connectionId: 'c',
      time,
      samples: [{ uuid: 'v', cpuPercent: 1, diskReadBps: time, netTxBps: 2 * time }],
    });
  }
  return stats;
}

const span = (stats: StatsStore) => {
  const all = stats.samples('c/v');
  return (all.at(-1)?.time ?? 0) - (all[0]?.time ?? 0);
};

describe('stats history for the graphs', () => {
  it.each([250, 500, 1000, 2000, 60_000])(
    'keeps at least 5 minutes at a %i ms interval',
    (interval) => {
      const stats = fill(interval, 12 * 60_000);
      expect(span(stats)).toBeGreaterThanOrEqual(STATS_WINDOW_MS);
      expect(stats.samples('c/v').length).toBeLessThanOrEqual(STATS_MAX_HISTORY);
    },
  );

  it('does not grow when the default ring already covers the window', () => {
    expect(fill(1000, 20 * 60_000).samples('c/v').length).toBeLessThanOrEqual(2 * STATS_HISTORY);
    expect(fill(5000, 60 * 60_000).samples('c/v')).toHaveLength(STATS_HISTORY);
  });

  it('keeps the disk and network rates with each sample', () => {
    const last = fill(1000, 10_000).last('c/v');
    expect(last).toMatchObject({ time: 10_000, diskReadBps: 10_000, netTxBps: 20_000 });
  });
});
