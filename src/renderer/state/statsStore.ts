import type { StatsBatch } from '../../shared/api/types';
import { RingBuffer } from './ringBuffer';
import { vmKey } from './vmKey';

export interface StatsSample {
  time: number;
  cpuPercent?: number;
  memoryKiB?: number;
  /** Disk and network I/O, bytes per second (all disks, all NICs). */
  diskReadBps?: number;
  diskWriteBps?: number;
  netRxBps?: number;
  netTxBps?: number;
}

/** Samples per VM to start with: 5 minutes at the default 1 s interval. */
export const STATS_HISTORY = 300;
/** The graphs show at least this much, whatever the interval (settings allow 250 ms to 60 s). */
export const STATS_WINDOW_MS = 5 * 60_000;
/** A ring grows up to this: the window at the shortest interval the settings allow. */
export const STATS_MAX_HISTORY = Math.ceil(STATS_WINDOW_MS / 250) + 2;

/**
 * The ring to push into at `time`: when the sample it would drop is still inside the window (a
 * short interval), a larger ring with the same samples, so the graphs keep 5 minutes.
 */
function keepWindow(
  rings: Map<string, RingBuffer<StatsSample>>,
  key: string,
  ring: RingBuffer<StatsSample>,
  time: number,
): RingBuffer<StatsSample> {
  const oldest = ring.first();
  if (ring.size < ring.capacity || ring.capacity >= STATS_MAX_HISTORY) return ring;
  if (!oldest || oldest.time < time - STATS_WINDOW_MS) return ring;
  const bigger = new RingBuffer<StatsSample>(Math.min(ring.capacity * 2, STATS_MAX_HISTORY));
  for (const sample of ring.lastN()) bigger.push(sample);
  rings.set(key, bigger);
  return bigger;
}

/**
 * Live stats, kept apart from the VM configuration: per VM key a ring of at least 5 minutes
 * and its own subscribers, so a tick re-renders only the rows on screen that show that VM.
 */
export class StatsStore {
  private readonly rings = new Map<string, RingBuffer<StatsSample>>();
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Map<string, Set<() => void>>();

  push(batch: StatsBatch): void {
    const touched: string[] = [];
    for (const s of batch.samples) {
      const key = vmKey(batch.connectionId, s.uuid);
      let ring = this.rings.get(key);
      if (!ring) {
        ring = new RingBuffer<StatsSample>(STATS_HISTORY);
        this.rings.set(key, ring);
      }
      ring = keepWindow(this.rings, key, ring, batch.time);
      ring.push({
        time: batch.time,
        cpuPercent: s.cpuPercent,
        memoryKiB: s.memoryKiB,
        diskReadBps: s.diskReadBps,
        diskWriteBps: s.diskWriteBps,
        netRxBps: s.netRxBps,
        netTxBps: s.netTxBps,
      });
      this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
      touched.push(key);
    }
    for (const key of touched) this.notify(key);
  }

  /** Forgets VMs that are gone (removed, or no longer listed after a reset). */
  drop(keys: Iterable<string>): void {
    for (const key of keys) {
      if (!this.rings.delete(key)) continue;
      this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
      this.notify(key);
    }
  }

  keys(): IterableIterator<string> {
    return this.rings.keys();
  }

  version(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  samples(key: string, n?: number): StatsSample[] {
    return this.rings.get(key)?.lastN(n) ?? [];
  }

  last(key: string): StatsSample | undefined {
    return this.rings.get(key)?.last();
  }

  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  private notify(key: string): void {
    const set = this.listeners.get(key);
    if (set) for (const listener of [...set]) listener();
  }
}
