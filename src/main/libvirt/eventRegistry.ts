/**
 * One libvirt registration per event and connection, shared by every listener of that event.
 *
 * libvirt keeps one callback per event id on a connection: a second CONNECT_*_EVENT_REGISTER_ANY
 * for the same id is refused ("event callback already tracked", logged as an error by libvirtd).
 * The host session, the new-VM first-reboot watcher and the Networks / Storage tabs all want the
 * same events, so each event id is registered once, its messages fan out to all listeners, and
 * the registration is removed when the last listener leaves.
 */
import type { EventName, EventOf, RpcClient } from './rpc/client';

/** How one event id is registered and removed, and the message its callbacks arrive as. */
export interface EventSource<E extends EventName> {
  /** Unique per registration, e.g. "domain:0" for the domain lifecycle event. */
  key: string;
  message: E;
  register(rpc: RpcClient): Promise<number>;
  deregister(rpc: RpcClient, callbackID: number): Promise<unknown>;
}

type Listener = (msg: unknown) => void;

interface Entry {
  listeners: Set<Listener>;
  /** The callback id, once libvirt has answered the registration. */
  registered: Promise<number>;
  stopMessages(): void;
}

export class EventRegistry {
  private readonly entries = new Map<string, Entry>();
  /** Deregistrations in flight, so that a new registration of the same id waits for them. */
  private readonly leaving = new Map<string, Promise<void>>();

  constructor(private readonly rpc: RpcClient) {}

  /** How many listeners an event has (tests). */
  listenerCount(key: string): number {
    return this.entries.get(key)?.listeners.size ?? 0;
  }

  /**
   * Calls `listener` with each message of `source`'s event; resolves once libvirt has the
   * registration. Returns the function that removes this listener (and the registration with
   * the last one).
   */
  async subscribe<E extends EventName>(
    source: EventSource<E>,
    listener: (msg: EventOf<E>) => void,
  ): Promise<() => Promise<void>> {
    const entry = this.entries.get(source.key) ?? this.add(source);
    const l = listener as Listener;
    entry.listeners.add(l);
    try {
      await entry.registered;
    } catch (err) {
      entry.listeners.delete(l);
      throw err;
    }
    let left = false;
    return async () => {
      if (left) return;
      left = true;
      entry.listeners.delete(l);
      if (entry.listeners.size === 0 && this.entries.get(source.key) === entry) {
        await this.remove(source, entry);
      }
    };
  }

  private add<E extends EventName>(source: EventSource<E>): Entry {
    const listeners = new Set<Listener>();
    // Every message of this name on the connection comes from this one registration.
    const stopMessages = this.rpc.onEvent(source.message, (msg) => {
      for (const l of [...listeners]) l(msg);
    });
    const before = this.leaving.get(source.key) ?? Promise.resolve();
    const registered = before.then(() => source.register(this.rpc));
    const entry: Entry = { listeners, registered, stopMessages };
    this.entries.set(source.key, entry);
    registered.catch(() => {
      // A refused registration is not kept: the next subscriber asks libvirt again.
      if (this.entries.get(source.key) === entry) this.entries.delete(source.key);
      stopMessages();
    });
    return entry;
  }

  private async remove<E extends EventName>(source: EventSource<E>, entry: Entry): Promise<void> {
    this.entries.delete(source.key);
    entry.stopMessages();
    const done = (async () => {
      const callbackID = await entry.registered.catch(() => undefined);
      if (callbackID === undefined || this.rpc.closed) return;
      await source.deregister(this.rpc, callbackID).catch(() => {});
    })();
    this.leaving.set(source.key, done);
    await done;
    if (this.leaving.get(source.key) === done) this.leaving.delete(source.key);
  }
}

const registries = new WeakMap<RpcClient, EventRegistry>();

/** The registry of this connection (made on first use; gone with the connection). */
export function eventRegistry(rpc: RpcClient): EventRegistry {
  let registry = registries.get(rpc);
  if (!registry) {
    registry = new EventRegistry(rpc);
    registries.set(rpc, registry);
  }
  return registry;
}

/** Makes several subscriptions at once; one function removes them all (all or none are made). */
export async function subscribeAll(
  rpc: RpcClient,
  subscriptions: ((registry: EventRegistry) => Promise<() => Promise<void>>)[],
): Promise<() => Promise<void>> {
  const registry = eventRegistry(rpc);
  const leaves: (() => Promise<void>)[] = [];
  const leaveAll = async () => {
    await Promise.all(leaves.splice(0).map((leave) => leave()));
  };
  try {
    for (const subscribe of subscriptions) leaves.push(await subscribe(registry));
  } catch (err) {
    await leaveAll();
    throw err;
  }
  return leaveAll;
}
