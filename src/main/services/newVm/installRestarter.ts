/**
 * The install's first reboot, as virt-install and virt-manager handle it: the install-phase
 * domain is destroyed when the guest reboots (on_reboot=destroy; its persistent definition is
 * already the final one, booting from the disk), and the app starts it again, so the installed
 * system boots and the open console reconnects (it does on every start).
 *
 * One watcher per libvirt connection (per host), in the backend, so it works with no window open.
 * The pending restart is kept in the domain's own metadata (./installMark), not only in memory:
 * when the creating app is closed or its connection lost, the next Virtdeck session on the host
 * (this app again, or another one) finishes it. Every session calls resume() when it connects:
 * from then on any marked VM's stop is followed, and the marked VMs found stopped are settled.
 * The VM the create job starts is also watched in memory from before its start, for a first
 * reboot that comes before its mark is written.
 *
 * Only a stop the guest asked for is followed by a start (libvirt reports a guest reset under
 * on_reboot=destroy as "stopped: shutdown", the same as a guest power-off at the end of an install,
 * which virt-install also follows with a start). A forced off, a crash or a failed start is the
 * user's or the host's decision: the VM is left off and its mark removed. The mark is removed
 * BEFORE the start, so that a VM is never started twice for one install (two sessions, or a crash
 * between the two steps); the price is a VM left off when that start then fails, which is what
 * happened before the mark existed (started by hand, it boots from the disk all the same).
 */
import { getDomainState, getDomainXml, listAllDomains, startDomain } from '../../libvirt/domain';
import { subscribeLifecycleEvents, type LifecycleEvent } from '../../libvirt/events';
import { uuidToString, type DomainRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { Element } from '@xmldom/xmldom';
import { firstChild, parseXml } from '../../xml/xmlDocument';
import { clearInstallPending, isInstallPending, markInstallPending } from './installMark';
import {
  virConnectListAllDomainsFlags,
  virDomainEventStoppedDetailType,
  virDomainShutoffReason,
} from '../../libvirt/rpc/generated/libvirtEnums';

/**
 * How a domain stopped. SHUTDOWN: the guest shut down (or reset under on_reboot=destroy).
 * FAILED: a start that failed. Not the install's end: the create job retries or rolls back (and
 * ends the watch); its event may even come after a retry began.
 */
const {
  VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN: STOPPED_SHUTDOWN,
  VIR_DOMAIN_EVENT_STOPPED_FAILED: STOPPED_FAILED,
  VIR_DOMAIN_EVENT_STOPPED_SAVED: STOPPED_SAVED,
} = virDomainEventStoppedDetailType;
/** Why a domain is shut off: the guest stopped itself; the domain was managed-saved. */
const { VIR_DOMAIN_SHUTOFF_SHUTDOWN: SHUTOFF_SHUTDOWN, VIR_DOMAIN_SHUTOFF_SAVED: SHUTOFF_SAVED } =
  virDomainShutoffReason;

export type RestartOutcome =
  { uuid: string; restarted: true } | { uuid: string; restarted: false; reason: string };

export class InstallRestarter {
  private readonly watched = new Set<string>();
  /** Marks being written, so that a stop seen meanwhile waits before it removes the mark. */
  private readonly marking = new Map<string, Promise<void>>();
  /** VMs whose stop is being handled (seen both by resume()'s scan and by an event). */
  private readonly settling = new Set<string>();
  private listening: Promise<void> | undefined;
  private readonly listeners = new Set<(outcome: RestartOutcome) => void>();

  constructor(private readonly rpc: RpcClient) {}

  /** Watches the VM `uuid` from now on; resolves once libvirt's events are subscribed. */
  async watch(uuid: string): Promise<void> {
    this.watched.add(uuid);
    try {
      await this.listen();
    } catch (err) {
      this.watched.delete(uuid);
      throw err;
    }
  }

  /**
   * Writes the pending restart into `dom`'s persistent (final) definition, so that any later
   * session finishes it. Skipped when the first reboot has already been handled. A failure is
   * only logged: this connection's watch still restarts the VM while it lasts.
   */
  async markPending(dom: DomainRef): Promise<void> {
    const uuid = uuidToString(dom.uuid);
    if (!this.watched.has(uuid)) return;
    const writing = markInstallPending(this.rpc, dom).catch((err: unknown) =>
      console.warn(
        `New VM ${uuid}: the pending first-reboot restart was not saved: ${String(err)}`,
      ),
    );
    this.marking.set(uuid, writing);
    await writing;
    if (this.marking.get(uuid) === writing) this.marking.delete(uuid);
  }

  /**
   * For a session that has just connected: follows the marked VMs' stops from now on, and
   * settles the marked VMs that are already stopped or no longer in their install phase.
   */
  async resume(): Promise<void> {
    await this.listen();
    const doms = await listAllDomains(
      this.rpc,
      virConnectListAllDomainsFlags.VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
    );
    // Asked all at once (the calls are pipelined): one round trip, not one per VM.
    const pending = await Promise.all(
      doms.map((dom) => isInstallPending(this.rpc, dom).catch(() => false)),
    );
    for (const [i, dom] of doms.entries()) {
      // One VM going away meanwhile (or refusing) does not keep the others waiting.
      if (pending[i]) {
        await this.resumeOne(dom).catch((err: unknown) =>
          console.warn(`New VM ${uuidToString(dom.uuid)}: pending install: ${String(err)}`),
        );
      }
    }
  }

  unwatch(uuid: string): void {
    this.watched.delete(uuid);
  }

  isWatching(uuid: string): boolean {
    return this.watched.has(uuid);
  }

  /** Tells `listener` what became of each watched VM's stop (tests, logs). */
  onOutcome(listener: (outcome: RestartOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The connection's shared lifecycle registration (the host session's, when it has one). */
  private listen(): Promise<void> {
    this.listening ??= subscribeLifecycleEvents(this.rpc, ({ dom, event, detail }) =>
      this.onLifecycle(dom, event, detail),
    ).then(
      () => {},
      (err: unknown) => {
        this.listening = undefined;
        throw err;
      },
    );
    return this.listening;
  }

  /**
   * A marked VM found when a session connects. Shut off by the guest itself (its reboot under
   * on_reboot=destroy, while no session was there): started, as the watch would have done. Shut
   * off for any other reason (forced off, crashed, failed, or "unknown" after a host or libvirtd
   * restart): nobody can tell the guest asked, and starting a VM its user or host stopped would
   * surprise them; it is left off, and the mark removed (the install phase is over either way;
   * started by hand it boots from the disk). Managed-saved: still in its install phase once
   * restored, so the mark stays. Running its install (on_reboot=destroy): the events follow it.
   * Running anything else (started by hand meanwhile, from the final definition): mark removed,
   * or that VM's next power-off would be taken for the install's reboot.
   */
  private async resumeOne(dom: DomainRef): Promise<void> {
    const { state, reason } = await getDomainState(this.rpc, dom);
    if (state === 'shutoff') {
      if (reason === SHUTOFF_SAVED) return;
      await this.settle(dom, reason === SHUTOFF_SHUTDOWN, `found shut off (reason ${reason})`);
      return;
    }
    const live = parseXml(await getDomainXml(this.rpc, dom)).documentElement as Element;
    if (firstChild(live, 'on_reboot')?.textContent?.trim() !== 'destroy') {
      await clearInstallPending(this.rpc, dom);
    }
  }

  private onLifecycle(dom: DomainRef, event: LifecycleEvent, detail: number): void {
    const uuid = uuidToString(dom.uuid);
    if (event === 'undefined') {
      this.watched.delete(uuid);
      return;
    }
    // A managed save is no end of the install phase: restored, it still reboots into a stop.
    if (event !== 'stopped' || detail === STOPPED_FAILED || detail === STOPPED_SAVED) return;
    // Taken now, with the watch, so that a mark written later is never left behind.
    const watchedHere = this.watched.delete(uuid);
    const beingMarked = this.marking.get(uuid);
    void (async () => {
      await beingMarked;
      if (!watchedHere && !(await isInstallPending(this.rpc, dom).catch(() => false))) return;
      await this.settle(dom, detail === STOPPED_SHUTDOWN, `stopped (detail ${detail})`);
    })().catch((err: unknown) => console.warn(`New VM ${uuid}: ${String(err)}`));
  }

  /** Ends the install phase of a stopped VM: mark removed, then started if the guest asked. */
  private async settle(dom: DomainRef, byGuest: boolean, why: string): Promise<void> {
    const uuid = uuidToString(dom.uuid);
    if (this.settling.has(uuid)) return;
    this.settling.add(uuid);
    try {
      await clearInstallPending(this.rpc, dom);
      if (!byGuest) {
        this.tell({ uuid, restarted: false, reason: why });
        return;
      }
      await startDomain(this.rpc, dom).catch(async (err: unknown) => {
        // Another Virtdeck session on this host saw the same stop and started it first.
        if ((await getDomainState(this.rpc, dom)).state !== 'running') throw err;
      });
      this.tell({ uuid, restarted: true });
    } catch (err) {
      this.tell({
        uuid,
        restarted: false,
        reason: err instanceof Error ? err.message : String(err),
      });
    } finally {
      this.settling.delete(uuid);
    }
  }

  private tell(outcome: RestartOutcome): void {
    if (!outcome.restarted) {
      console.warn(`New VM ${outcome.uuid}: not started after its install: ${outcome.reason}`);
    }
    for (const listener of this.listeners) listener(outcome);
  }
}

const restarters = new WeakMap<RpcClient, InstallRestarter>();

/** The watcher of this connection's installs (made on first use; gone with the connection). */
export function installRestarter(rpc: RpcClient): InstallRestarter {
  let restarter = restarters.get(rpc);
  if (!restarter) {
    restarter = new InstallRestarter(rpc);
    restarters.set(rpc, restarter);
  }
  return restarter;
}
