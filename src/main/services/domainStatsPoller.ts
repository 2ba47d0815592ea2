/**
 * Live statistics of every domain on one host from ONE bulk call per interval. The next poll is
 * scheduled only after the previous one completes, so a slow host never piles up calls, and each
 * host has its own poller, so a slow host never delays another. Rates (CPU %) are computed from
 * timestamped counters, keyed by UUID so renames and restarts do not mix series.
 */
import { domainStateName, type DomainState } from '../libvirt/domain';
import { getAllDomainStats, type DomainStatsRecord } from '../libvirt/domainStats';
import { uuidToString } from '../libvirt/refs';
import type { RpcClient } from '../libvirt/rpc/client';
import type { IoRates } from '../../shared/api/types';
import { IoRateTracker } from './ioRates';
import { virDomainStatsTypes } from '../libvirt/rpc/generated/libvirtEnums';
import { isNoSupport } from '../libvirt/rpc/errors';
import { PerDomainStats } from './perDomainStats';

export interface DomainSample {
  uuid: string;
  name: string;
  state: DomainState;
  /** Share of the domain's vCPUs in use, 0-100; absent on the first sample or without cpu stats. */
  cpuPercent?: number;
  /** Memory the guest has (balloon current), KiB. */
  memoryKiB?: number;
  vcpus?: number;
  /** Disk and network bytes per second; absent on the first sample. */
  io?: IoRates;
  /** Epoch ms when the sample was taken. */
  time: number;
}

export interface DomainStatsPollerOptions {
  intervalMs: number;
  onSamples(samples: DomainSample[]): void;
  onError?(err: unknown): void;
}

const GROUPS =
  virDomainStatsTypes.VIR_DOMAIN_STATS_STATE |
  virDomainStatsTypes.VIR_DOMAIN_STATS_CPU_TOTAL |
  virDomainStatsTypes.VIR_DOMAIN_STATS_BALLOON |
  virDomainStatsTypes.VIR_DOMAIN_STATS_VCPU |
  virDomainStatsTypes.VIR_DOMAIN_STATS_BLOCK |
  virDomainStatsTypes.VIR_DOMAIN_STATS_INTERFACE;

export class DomainStatsPoller {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly previousCpu = new Map<string, { cpuNs: number; time: number }>();
  private readonly io = new IoRateTracker();
  /**
   * Whether this connection's driver has the bulk call: asked once (LXC's has not, and libvirtd
   * logs every refusal), then the per-domain calls that driver offers are used instead.
   */
  private bulk: 'unknown' | 'yes' | 'no' = 'unknown';
  private readonly perDomain = new PerDomainStats();

  constructor(
    private readonly rpc: RpcClient,
    private readonly options: DomainStatsPollerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async records(): Promise<DomainStatsRecord[]> {
    if (this.bulk === 'no') return this.perDomain.collect(this.rpc);
    try {
      const records = await getAllDomainStats(this.rpc, GROUPS);
      this.bulk = 'yes';
      return records;
    } catch (err) {
      if (this.bulk === 'unknown' && isNoSupport(err)) {
        this.bulk = 'no';
        return this.perDomain.collect(this.rpc);
      }
      throw err;
    }
  }

  private async tick(): Promise<void> {
    const started = Date.now();
    try {
      const records = await this.records();
      const time = Date.now();
      const seen = new Set<string>();
      const samples = records.map(({ dom, values }) => {
        const uuid = uuidToString(dom.uuid);
        seen.add(uuid);
        const sample: DomainSample = {
          uuid,
          name: dom.name,
          state: domainStateName(Number(values['state.state'] ?? 0)),
          time,
        };
        const vcpus = values['vcpu.current'];
        if (typeof vcpus === 'number') sample.vcpus = vcpus;
        const memory = values['balloon.current'];
        if (typeof memory === 'number') sample.memoryKiB = memory;
        const cpuNs = values['cpu.time'];
        if (typeof cpuNs === 'number') {
          const before = this.previousCpu.get(uuid);
          if (before && time > before.time && cpuNs >= before.cpuNs) {
            const share =
              (cpuNs - before.cpuNs) / ((time - before.time) * 1e6) / (sample.vcpus ?? 1);
            sample.cpuPercent = Math.min(100, Math.max(0, share * 100));
          }
          this.previousCpu.set(uuid, { cpuNs, time });
        }
        sample.io = this.io.rates(uuid, values, time);
        return sample;
      });
      this.io.retain(seen);
      // Forget domains that went away, so the map does not grow without bound.
      for (const uuid of this.previousCpu.keys())
        if (!seen.has(uuid)) this.previousCpu.delete(uuid);
      this.options.onSamples(samples);
    } catch (err) {
      this.options.onError?.(err);
    } finally {
      if (this.running) {
        const wait = Math.max(0, this.options.intervalMs - (Date.now() - started));
        this.timer = setTimeout(() => void this.tick(), wait);
      }
    }
  }
}
