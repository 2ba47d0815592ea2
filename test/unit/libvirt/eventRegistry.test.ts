/**
 * One libvirt registration per event and connection: a fake daemon that refuses a second
 * registration of an event id, as libvirtd does ("event callback already tracked"), sees each id
 * registered once however many listeners subscribe; each message reaches every listener; the
 * registration is removed with the last listener, and a later subscriber registers it again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { subscribeDomainEvents, subscribeLifecycleEvents } from '../../../src/main/libvirt/events';
import { eventRegistry } from '../../../src/main/libvirt/eventRegistry';
import { subscribeResourceEvents } from '../../../src/main/libvirt/resourceEvents';
import { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { FakeDaemon, memoryPair, remoteError } from './fakeDaemon';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A daemon that keeps libvirt's rule: one callback per event id and connection. */
function libvirtLikeDaemon() {
  const pair = memoryPair();
  cleanups.push(() => pair.cleanup());
  const daemon = new FakeDaemon(pair.daemon);
  const client = new RpcClient(pair.client, { label: 'test@fake' });
  const tracked = new Map<number, string>();
  const log: string[] = [];
  let nextId = 1;
  const register = (family: string, eventID: number) => {
    const key = `${family}:${eventID}`;
    log.push(`register ${key}`);
    if ([...tracked.values()].includes(key)) return undefined;
    const callbackID = nextId++;
    tracked.set(callbackID, key);
    return callbackID;
  };
  const refused = remoteError({ message: 'invalid argument: event callback already tracked' });
  daemon.handle('CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY', (c) => {
    const callbackID = register('domain', c.args.eventID);
    if (callbackID === undefined) c.fail(refused);
    else c.reply({ callbackID });
  });
  daemon.handle('CONNECT_NETWORK_EVENT_REGISTER_ANY', (c) => {
    const callbackID = register('network', c.args.eventID);
    if (callbackID === undefined) c.fail(refused);
    else c.reply({ callbackID });
  });
  daemon.handle('CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY', (c) => {
    const callbackID = register('pool', c.args.eventID);
    if (callbackID === undefined) c.fail(refused);
    else c.reply({ callbackID });
  });
  const deregister = (callbackID: number) => {
    log.push(`deregister ${tracked.get(callbackID)}`);
    tracked.delete(callbackID);
  };
  daemon.handle('CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY', (c) => {
    deregister(c.args.callbackID);
    c.reply(null);
  });
  daemon.handle('CONNECT_NETWORK_EVENT_DEREGISTER_ANY', (c) => {
    deregister(c.args.callbackID);
    c.reply(null);
  });
  daemon.handle('CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY', (c) => {
    deregister(c.args.callbackID);
    c.reply(null);
  });
  const callbackOf = (key: string) => [...tracked.entries()].find(([, k]) => k === key)?.[0] ?? -1;
  return { daemon, client, tracked, log, callbackOf };
}

const dom = { name: 'vm1', uuid: Buffer.alloc(16, 7), id: 3 };

describe('the event registry', () => {
  it('registers each event once for many listeners and gives every listener each message', async () => {
    const { daemon, client, tracked, log, callbackOf } = libvirtLikeDaemon();
    const session: string[] = [];
    const details: string[] = [];
    const restarter: string[] = [];
    await subscribeDomainEvents(client, (e) => session.push(e.kind));
    const leaveDetails = await subscribeDomainEvents(client, (e) => details.push(e.kind));
    await subscribeLifecycleEvents(client, (e) => restarter.push(e.event));
    await subscribeResourceEvents(client, () => {});
    await subscribeResourceEvents(client, () => {});

    // Seven domain events, one network and two pool events: each registered exactly once.
    expect(log.filter((l) => l.startsWith('register'))).toHaveLength(10);
    expect(new Set(log).size).toBe(log.length);
    expect(tracked.size).toBe(10);

    daemon.sendEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', {
      callbackID: callbackOf('domain:0'),
      msg: { dom, event: 2, detail: 0 },
    });
    daemon.sendEvent('DOMAIN_EVENT_CALLBACK_REBOOT', {
      callbackID: callbackOf('domain:1'),
      msg: { dom },
    });
    await expect.poll(() => restarter).toEqual(['started']);
    await expect.poll(() => session).toEqual(['lifecycle', 'reboot']);
    expect(details).toEqual(['lifecycle', 'reboot']);

    // One listener leaving keeps the registration for the others.
    await leaveDetails();
    await leaveDetails();
    expect(log.filter((l) => l.startsWith('deregister'))).toEqual([]);
    expect(eventRegistry(client).listenerCount('domain:0')).toBe(2);
  });

  it('deregisters with the last listener, and registers again for a new one', async () => {
    const { daemon, client, log, callbackOf } = libvirtLikeDaemon();
    const first = await subscribeLifecycleEvents(client, () => {});
    const second = await subscribeLifecycleEvents(client, () => {});
    await first();
    expect(log).toEqual(['register domain:0']);
    await second();
    expect(log).toEqual(['register domain:0', 'deregister domain:0']);
    expect(eventRegistry(client).listenerCount('domain:0')).toBe(0);

    const seen: string[] = [];
    await subscribeLifecycleEvents(client, (e) => seen.push(e.event));
    expect(log).toEqual(['register domain:0', 'deregister domain:0', 'register domain:0']);
    daemon.sendEvent('DOMAIN_EVENT_CALLBACK_LIFECYCLE', {
      callbackID: callbackOf('domain:0'),
      msg: { dom, event: 5, detail: 0 },
    });
    await expect.poll(() => seen).toEqual(['stopped']);
  });

  it('a subscriber arriving while the last one leaves waits for the deregistration', async () => {
    const { client, log, tracked } = libvirtLikeDaemon();
    const leave = await subscribeLifecycleEvents(client, () => {});
    const leaving = leave();
    const again = subscribeLifecycleEvents(client, () => {});
    await Promise.all([leaving, again]);
    expect(log).toEqual(['register domain:0', 'deregister domain:0', 'register domain:0']);
    expect(tracked.size).toBe(1);
  });

  it('a refused registration fails the subscribe and is asked again by the next one', async () => {
    const { daemon, client, log } = libvirtLikeDaemon();
    let refuse = true;
    daemon.handle('CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY', (c) => {
      log.push('register');
      if (refuse) c.fail(remoteError({ message: 'not supported' }));
      else c.reply({ callbackID: 9 });
    });
    await expect(subscribeLifecycleEvents(client, () => {})).rejects.toThrow(/not supported/);
    refuse = false;
    await subscribeLifecycleEvents(client, () => {});
    expect(log).toEqual(['register', 'register']);
  });
});
