/**
 * One saved connection while the app runs: its Host, its libvirt connection, the VM list kept
 * current by libvirt's events, and the stats poller. A lost connection is retried with backoff;
 * its VMs stay listed (the UI greys them) until the host is back and the list is read again.
 */
import type { ApiEvents } from '../../shared/api/contract';
import type {
  ConnectionConfig,
  HostStatus,
  LifecycleAction,
  VmSummary,
} from '../../shared/api/types';
import { VirtdeckError, type ErrorCode } from '../../shared/errors';
import { msg } from '../../shared/messages/message';
import type { LibvirtDriver } from '../../shared/libvirtUri';
import { backoffDelay } from '../hosts/backoff';
import type { Host } from '../hosts/host';
import { LibvirtConnection } from '../libvirt/connection';
import { lookupDomainByUuid, setDomainAutostart } from '../libvirt/domain';
import { subscribeDomainEvents, type DomainEvent } from '../libvirt/events';
import { subscribeResourceEvents } from '../libvirt/resourceEvents';
import { uuidFromString, uuidToString } from '../libvirt/refs';
import type { RpcClient } from '../libvirt/rpc/client';
import { DomainStatsPoller, type DomainSample } from './domainStatsPoller';
import { installRestarter } from './newVm/installRestarter';
import { completeVmSummaries, firstVmSummaries, readVmSummary } from './vmInventory';
import { runLifecycleAction } from './vmLifecycle';

export interface HostSessionDeps {
  emit<E extends keyof ApiEvents>(name: E, payload: ApiEvents[E]): void;
  /** Builds the Host for this connection (LocalHost or SshHost with the app's prompter). */
  createHost(config: ConnectionConfig): Host;
  /** Called when the connection is closed on purpose, so open prompts can be withdrawn. */
  onClosed(connectionId: string): void;
  statsIntervalMs(): number;
  statsActive(): boolean;
  reconnect?: { initialDelayMs: number; maxDelayMs: number };
}

/** Failures that a retry can cure; an auth failure or a changed host key needs the user. */
const RETRYABLE: readonly ErrorCode[] = [
  'unreachable',
  'disconnected',
  'timeout',
  'libvirt-unreachable',
];

/** Events arrive in bursts (a start sends several); one re-read per VM per burst is enough. */
const REFRESH_DELAY_MS = 15;

export class HostSession {
  private host: Host | undefined;
  private connection: LibvirtConnection | undefined;
  private connecting: Promise<void> | undefined;
  private wanted = false;
  /** Bumped on every open and close, so that a late result of an older attempt is dropped. */
  private generation = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private poller: DomainStatsPoller | undefined;
  private listed = false;
  private readonly vms = new Map<string, VmSummary>();
  private readonly refreshQueue = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private current: HostStatus;

  constructor(
    readonly config: ConnectionConfig,
    private readonly deps: HostSessionDeps,
  ) {
    this.current = { connectionId: config.id, phase: 'closed' };
  }

  get status(): HostStatus {
    return this.current;
  }

  vmList(): VmSummary[] {
    return [...this.vms.values()];
  }

  /** Starts connecting (or joins the attempt in progress); the outcome is in `status`. */
  connect(): Promise<void> {
    this.wanted = true;
    clearTimeout(this.retryTimer);
    if (this.connection) return Promise.resolve();
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Closes on purpose: no reconnect; the VMs leave the list. */
  async disconnect(): Promise<void> {
    this.wanted = false;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.deps.onClosed(this.config.id);
    const connection = this.connection;
    this.dropConnection();
    this.setStatus({ phase: 'closed' });
    if (this.vms.size > 0) {
      this.vms.clear();
      this.deps.emit('vms.delta', {
        connectionId: this.config.id,
        reset: true,
        upsert: [],
        remove: [],
      });
    }
    await connection?.close().catch(() => {});
    await this.host?.close().catch(() => {});
    this.host = undefined;
  }

  async runAction(uuid: string, action: LifecycleAction): Promise<void> {
    const rpc = this.rpc();
    // A row still pending does not know yet whether the VM is a template (which refuses Run).
    const listed = this.vms.get(uuid);
    const vm =
      listed && !listed.pending
        ? listed
        : await readVmSummary(rpc, this.config.id, uuid, this.driver());
    if (!vm) throw new VirtdeckError('invalid-input', msg('lifecycle.vmGone'));
    await runLifecycleAction(rpc, vm, action);
    this.queueRefresh(uuid);
  }

  async setAutostart(uuid: string, autostart: boolean): Promise<void> {
    const rpc = this.rpc();
    await setDomainAutostart(rpc, await lookupDomainByUuid(rpc, uuidFromString(uuid)), autostart);
    // Autostart changes send no libvirt event: read the VM again now.
    await this.refresh(uuid);
  }

  /** Stats follow the app's settings: on / off (window hidden) and the interval. */
  updateStats(): void {
    this.poller?.stop();
    this.poller = undefined;
    const rpc = this.connection?.rpc;
    if (!rpc || !this.listed || !this.deps.statsActive()) return;
    this.poller = new DomainStatsPoller(rpc, {
      intervalMs: this.deps.statsIntervalMs(),
      onSamples: (samples) => this.onSamples(samples),
      // A failed poll is retried at the next tick; a lost connection is handled by onClose.
      onError: () => {},
    });
    this.poller.start();
  }

  /** The host and the RPC client of a connected session, for the services that need both. */
  libvirt(): { host: Host; rpc: LibvirtConnection['rpc']; connection: LibvirtConnection } {
    const rpc = this.rpc();
    if (!this.host || !this.connection) {
      throw new VirtdeckError(
        'disconnected',
        msg('lifecycle.notConnected', { host: this.label() }),
      );
    }
    return { host: this.host, rpc, connection: this.connection };
  }

  private rpc(): LibvirtConnection['rpc'] {
    if (!this.connection || !this.listed) {
      const why = this.current.reason;
      throw new VirtdeckError(
        'disconnected',
        why
          ? msg('lifecycle.notConnectedWhy', { host: this.label(), why })
          : msg('lifecycle.notConnected', { host: this.label() }),
      );
    }
    return this.connection.rpc;
  }

  /** The libvirt driver of this connection's URI (lxc, qemu...), while connected. */
  private driver(): LibvirtDriver | undefined {
    return this.connection?.uri.driver;
  }

  private label(): string {
    return this.config.label ?? this.config.uri;
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    this.setStatus({ phase: 'connecting' });
    let connection: LibvirtConnection | undefined;
    try {
      this.host ??= this.deps.createHost(this.config);
      connection = await LibvirtConnection.open(this.host, this.config.uri);
      if (generation !== this.generation) {
        await connection.close();
        return;
      }
      this.connection = connection;
      const opened = connection;
      connection.rpc.onClose((err) => this.onLost(opened, err));
      const [hostname, versions] = await Promise.all([
        connection.hostname(),
        connection.versions(),
      ]);
      // Subscribe before listing, so that no change falls between the list and the events.
      await subscribeDomainEvents(connection.rpc, (event) => this.onDomainEvent(event));
      // Networks and pools changed outside the app: the open Networks / Storage tabs reload.
      // A libvirt too old for these events still connects; its tabs reload only when asked.
      await subscribeResourceEvents(connection.rpc, ({ kind, name }) =>
        this.deps.emit('host.resourcesChanged', { connectionId: this.config.id, kind, name }),
      ).catch(() => {});
      const vms = await firstVmSummaries(connection.rpc, this.config.id, connection.uri.driver);
      if (generation !== this.generation) return;
      this.vms.clear();
      for (const vm of vms) this.vms.set(vm.uuid, vm);
      this.listed = true;
      this.attempt = 0;
      this.setStatus({
        phase: 'connected',
        hostname,
        hypervisor: versions.hypervisorType,
        libvirtVersion: versions.libvirtVersion,
      });
      this.deps.emit('vms.delta', {
        connectionId: this.config.id,
        reset: true,
        upsert: vms,
        remove: [],
      });
      this.flushRefreshes();
      this.updateStats();
      const rpc = connection.rpc;
      completeVmSummaries(rpc, vms, (rows) => this.completed(rpc, rows)).catch((err: unknown) =>
        console.warn(`${this.label()}: VM tags and sizes: ${String(err)}`),
      );
      // New VMs whose first reboot came (or comes) while no session followed them: finished here.
      installRestarter(connection.rpc)
        .resume()
        .catch((err: unknown) =>
          console.warn(`${this.label()}: pending VM installs: ${String(err)}`),
        );
    } catch (err) {
      if (generation !== this.generation) return;
      if (connection && this.connection === connection) this.dropConnection();
      await connection?.close().catch(() => {});
      this.failed(err);
    }
  }

  private onLost(connection: LibvirtConnection, err: VirtdeckError): void {
    if (this.connection !== connection) return;
    this.dropConnection();
    if (this.wanted) this.failed(err);
  }

  private dropConnection(): void {
    this.poller?.stop();
    this.poller = undefined;
    this.connection = undefined;
    this.listed = false;
    clearTimeout(this.refreshTimer);
    this.refreshQueue.clear();
  }

  private failed(err: unknown): void {
    const error =
      err instanceof VirtdeckError
        ? err
        : new VirtdeckError('protocol', String(err), { cause: err });
    if (!this.wanted) return;
    if (!RETRYABLE.includes(error.code)) {
      this.setStatus({
        phase: 'disconnected',
        reason: error.message,
        ...(error.text ? { reasonText: error.text } : {}),
        errorCode: error.code,
      });
      return;
    }
    const delay = backoffDelay(
      this.attempt++,
      this.deps.reconnect ?? { initialDelayMs: 1000, maxDelayMs: 60_000 },
    );
    this.setStatus({
      phase: 'disconnected',
      reason: error.message,
      ...(error.text ? { reasonText: error.text } : {}),
      errorCode: error.code,
      retryAt: Date.now() + delay,
    });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private setStatus(status: Omit<HostStatus, 'connectionId'>): void {
    // Known once a connect has read the configuration; kept through a later drop.
    const warnings = status.phase === 'closed' ? [] : (this.host?.configWarnings ?? []);
    this.current = {
      connectionId: this.config.id,
      ...status,
      ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
    };
    this.deps.emit('hosts.status', this.current);
  }

  private onDomainEvent(event: DomainEvent): void {
    // A metadata change may be the template mark (DOMAIN_SET_METADATA defines nothing, so no
    // lifecycle event follows it): the row is read again so its badge shows at once.
    if (event.kind === 'lifecycle' || event.kind === 'reboot' || event.kind === 'metadata-change') {
      this.queueRefresh(uuidToString(event.dom.uuid));
    }
  }

  private onSamples(samples: DomainSample[]): void {
    // The bulk stats also carry each VM's state: a VM whose event was missed is re-read.
    for (const s of samples) {
      if (this.vms.get(s.uuid)?.state !== s.state) this.queueRefresh(s.uuid);
    }
    this.deps.emit('stats.samples', {
      connectionId: this.config.id,
      time: samples[0]?.time ?? Date.now(),
      samples: samples.map(({ uuid, cpuPercent, memoryKiB, io }) => ({
        uuid,
        cpuPercent,
        memoryKiB,
        ...io,
      })),
    });
  }

  private queueRefresh(uuid: string): void {
    this.refreshQueue.add(uuid);
    if (!this.listed || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => this.flushRefreshes(), REFRESH_DELAY_MS);
  }

  private flushRefreshes(): void {
    this.refreshTimer = undefined;
    const uuids = [...this.refreshQueue];
    this.refreshQueue.clear();
    for (const uuid of uuids) void this.refresh(uuid).catch(() => {});
  }

  /**
   * The per-VM rest of the first listing arrived. A row an event has read again meanwhile is
   * already whole and newer: it is kept.
   */
  private completed(rpc: RpcClient, rows: VmSummary[]): void {
    if (this.connection?.rpc !== rpc) return;
    const upsert = rows.filter((row) => this.vms.get(row.uuid)?.pending !== undefined);
    if (upsert.length === 0) return;
    for (const row of upsert) this.vms.set(row.uuid, row);
    this.deps.emit('vms.delta', { connectionId: this.config.id, upsert, remove: [] });
  }

  private async refresh(uuid: string): Promise<void> {
    const rpc = this.connection?.rpc;
    if (!rpc) return;
    const vm = await readVmSummary(rpc, this.config.id, uuid, this.driver());
    if (this.connection?.rpc !== rpc) return;
    if (vm) {
      this.vms.set(uuid, vm);
      this.deps.emit('vms.delta', { connectionId: this.config.id, upsert: [vm], remove: [] });
    } else if (this.vms.delete(uuid)) {
      this.deps.emit('vms.delta', { connectionId: this.config.id, upsert: [], remove: [uuid] });
    }
  }
}
