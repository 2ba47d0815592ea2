/**
 * One libvirt registration per event on the session's connection: the paths that subscribe to
 * events while a host session is connected (the New VM first-reboot watcher, a second domain
 * listener, the Networks / Storage tabs' resource listeners) get libvirt's events without a
 * second registration, which libvirtd refuses ("event callback already tracked") and logs as an
 * error. Every call's answer on the connection is recorded: none may be that error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeDomainEvents, type DomainEvent } from '../../../src/main/libvirt/events';
import { subscribeResourceEvents } from '../../../src/main/libvirt/resourceEvents';
import { installRestarter } from '../../../src/main/services/newVm/installRestarter';
import { waitFor } from '../../support/waitFor';
import { virsh } from '../host/hostFixtures';
import {
  SESSION_PREFIX,
  removeSessionLeftovers,
  sshSession,
  virshDefine,
  type RecordedSession,
} from './sessionFixtures';

let recorded: RecordedSession;
/** libvirtd's answers refusing a registration; other errors (a VM read as it goes) are normal. */
const refusals: string[] = [];

beforeAll(async () => {
  removeSessionLeftovers();
  recorded = sshSession();
  await recorded.session.connect();
  expect(recorded.session.status.phase).toBe('connected');
  // Every answer libvirtd gives on the session's connection from now on, as the app gets it.
  const { rpc } = recorded.session.libvirt();
  const call = rpc.call.bind(rpc);
  rpc.call = ((...args: Parameters<typeof call>) =>
    call(...args).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (/already tracked/.test(message)) refusals.push(`${args[0]}: ${message}`);
      throw err;
    })) as typeof rpc.call;
});

afterAll(async () => {
  await recorded?.session.disconnect();
  removeSessionLeftovers();
});

describe('events on a connected host session', () => {
  it('are shared by every listener, with no second registration refused by libvirtd', async () => {
    const { rpc } = recorded.session.libvirt();
    const name = `${SESSION_PREFIX}shared-${process.pid}`;
    // The New VM wizard's watcher, a second domain listener and the resource listeners.
    await installRestarter(rpc).watch('00000000-0000-4000-8000-000000000001');
    const seen: DomainEvent[] = [];
    const leave = await subscribeDomainEvents(rpc, (e) => seen.push(e));
    const leaveResources = await subscribeResourceEvents(rpc, () => {});

    virshDefine(name);
    await waitFor('the second listener to see the define', () =>
      seen.some((e) => e.kind === 'lifecycle' && e.dom.name === name && e.event === 'defined'),
    );
    await waitFor('the session to list the VM', () =>
      recorded.session.vmList().some((vm) => vm.name === name),
    );

    // The other listeners leave: the session still follows libvirt's events.
    await leave();
    await leaveResources();
    installRestarter(rpc).unwatch('00000000-0000-4000-8000-000000000001');
    virsh('undefine', name);
    await waitFor('the session to drop the VM', () =>
      recorded.session.vmList().every((vm) => vm.name !== name),
    );
    expect(refusals).toEqual([]);
  });
});
