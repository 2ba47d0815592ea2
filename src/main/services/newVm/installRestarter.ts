/**
 * The install's first reboot, as virt-install and virt-manager handle it: the install-phase
 * domain is destroyed when the guest reboots (on_reboot=destroy; its persistent definition is
 * already the final one, booting from the disk), and the app starts it again, so the installed
 * system boots and the open console reconnects (it does on every start).
 *
 * One watcher per libvirt connection (per host), in the backend, so it works with no window open.
 * It lives only while the app runs and that connection stays up: the VMs in their install phase
 * are kept in memory, so an install whose first reboot comes after the app was closed (or the
 * connection was lost) simply stays off; started by hand, it boots from the disk all the same.
 *
 * Only a stop the guest asked for is followed by a start (libvirt reports a guest reset under
 * on_reboot=destroy as "stopped: shutdown", the same as a guest power-off at the end of an install,
 * which virt-install also follows with a start). A forced off, a crash or a failed start is the
 * user's or the host's decision: the VM is left off and no longer watched.
 */
import { startDomain } from '../../libvirt/domain';
import { subscribeLifecycleEvents, type LifecycleEvent } from '../../libvirt/events';
import { uuidToString, type DomainRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';

/** VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN: the guest shut down (or reset under on_reboot=destroy). */
const STOPPED_SHUTDOWN = 0;
/**
 * VIR_DOMAIN_EVENT_STOPPED_FAILED: a start that failed. Not the install's end: the create job
 * retries or rolls back (and ends the watch); its event may even come after a retry began.
 */
const STOPPED_FAILED = 5;

export type RestartOutcome =
  { uuid: string; restarted: true } | { uuid: string; restarted: false; reason: string };

export class InstallRestarter {
  private readonly watched = new Set<string>();
  private listening: Promise<void> | undefined;
  private readonly listeners = new Set<(outcome: RestartOutcome) => void>();

  constructor(private readonly rpc: RpcClient) {}

  /** Watches the VM `uuid` from now on; resolves once libvirt's events are subscribed. */
  async watch(uuid: string): Promise<void> {
    this.watched.add(uuid);
    this.listening ??= this.listen();
    try {
      await this.listening;
    } catch (err) {
      this.listening = undefined;
      this.watched.delete(uuid);
      throw err;
    }
  }

  /** The connection's shared lifecycle registration (the host session's, when it has one). */
  private async listen(): Promise<void> {
    await subscribeLifecycleEvents(this.rpc, ({ dom, event, detail }) =>
      this.onLifecycle(dom, event, detail),
    );
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

  private onLifecycle(dom: DomainRef, event: LifecycleEvent, detail: number): void {
    const uuid = uuidToString(dom.uuid);
    if (!this.watched.has(uuid)) return;
    if (event === 'undefined') {
      this.watched.delete(uuid);
      return;
    }
    if (event !== 'stopped' || detail === STOPPED_FAILED) return;
    this.watched.delete(uuid);
    if (detail !== STOPPED_SHUTDOWN) {
      this.tell({ uuid, restarted: false, reason: `stopped (detail ${detail})` });
      return;
    }
    startDomain(this.rpc, dom).then(
      () => this.tell({ uuid, restarted: true }),
      (err: unknown) =>
        this.tell({
          uuid,
          restarted: false,
          reason: err instanceof Error ? err.message : String(err),
        }),
    );
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
