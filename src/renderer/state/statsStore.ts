import type { StatsBatch } from '../../shared/api/types';
import { RingBuffer } from './ringBuffer';
import { vmKey } from './vmKey';

export interface StatsSample {
  time: number;
  cpuPercent?: number;
  memoryKiB?: number;
}

export const STATS_HISTORY = 300;

/**
 * Live stats, kept apart from the VM configuration: per VM key a ring of the last 300 samples
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
      ring.push({ time: batch.time, cpuPercent: s.cpuPercent, memoryKiB: s.memoryKiB });
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
