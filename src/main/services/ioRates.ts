/**
 * Disk and network I/O rates of each domain from the bulk stats' cumulative byte counters
 * (block.N.rd.bytes / wr.bytes, net.N.rx.bytes / tx.bytes), per second between two polls, keyed
 * by UUID. A counter that went down (a restart, an unplugged disk) starts a new series.
 */
import type { IoRates } from '../../shared/api/types';
import type { TypedValue } from '../libvirt/typedParams';

type Totals = { diskRead: number; diskWrite: number; netRx: number; netTx: number };

function sum(values: Record<string, TypedValue>, group: string, field: string): number {
  const count = values[`${group}.count`];
  let total = 0;
  for (let i = 0; i < (typeof count === 'number' ? count : 0); i++) {
    const v = values[`${group}.${i}.${field}`];
    if (typeof v === 'number') total += v;
  }
  return total;
}

export class IoRateTracker {
  private readonly previous = new Map<string, { totals: Totals; time: number }>();

  /** The rates since this domain's last sample; undefined on its first one. */
  rates(uuid: string, values: Record<string, TypedValue>, time: number): IoRates | undefined {
    const totals: Totals = {
      diskRead: sum(values, 'block', 'rd.bytes'),
      diskWrite: sum(values, 'block', 'wr.bytes'),
      netRx: sum(values, 'net', 'rx.bytes'),
      netTx: sum(values, 'net', 'tx.bytes'),
    };
    const before = this.previous.get(uuid);
    this.previous.set(uuid, { totals, time });
    if (!before || time <= before.time) return undefined;
    const seconds = (time - before.time) / 1000;
    const rate = (now: number, then: number) => (now >= then ? (now - then) / seconds : 0);
    return {
      diskReadBps: rate(totals.diskRead, before.totals.diskRead),
      diskWriteBps: rate(totals.diskWrite, before.totals.diskWrite),
      netRxBps: rate(totals.netRx, before.totals.netRx),
      netTxBps: rate(totals.netTx, before.totals.netTx),
    };
  }

  /** Forgets domains not in `seen`, so the map does not grow without bound. */
  retain(seen: Set<string>): void {
    for (const uuid of this.previous.keys()) if (!seen.has(uuid)) this.previous.delete(uuid);
  }
}
