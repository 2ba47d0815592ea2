/**
 * libvirtd restarts under a connected host session (SSH stays up): the session comes back by
 * itself, and the VM list, libvirt's events and the stats all resume on the new connection. A
 * domain defined through the session after the restart proves the new libvirtd defines domains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineDomain, lookupDomainByName } from '../../../src/main/libvirt/domain';
import type { HostStatus } from '../../../src/shared/api/types';
import { startLibvirtd, stopLibvirtd } from '../../support/libvirtd';
import { loadTestHost } from '../../support/testHost';
import { waitFor } from '../../support/waitFor';
import {
  SESSION_PREFIX,
  removeSessionLeftovers,
  smallDomainXml,
  sshSession,
  virshDefine,
  type RecordedSession,
} from './sessionFixtures';

const sessions: RecordedSession[] = [];

beforeAll(() => {
  removeSessionLeftovers();
});

afterAll(async () => {
  // Whatever happened above, leave libvirtd running for the next test file.
  startLibvirtd();
  for (const { session } of sessions) await session.disconnect();
  removeSessionLeftovers();
});

const users = () => {
  const env = loadTestHost();
  return [
    { transport: 'virt-ssh-helper', user: env.user },
    { transport: 'socket forwarding (no helper)', user: env.nohelperUser },
  ];
};

describe.each(users())(
  'libvirtd restarted under a host session over SSH, $transport',
  ({ user }) => {
    it('reconnects by itself: the list, events and stats resume, and defines work', async () => {
      const recorded = sshSession(user);
      sessions.push(recorded);
      const { session, emitted, samples } = recorded;
      await session.connect();
      expect(session.status.phase).toBe('connected');
      await waitFor('stats before the restart', () => samples().length > 0);
      const before = session.libvirt().rpc;

      try {
        await stopLibvirtd();
        await waitFor('the session to see libvirtd go', () => session.status.phase !== 'connected');
        // Down long enough for the session to try again and fail (a restart is rarely instant).
        const from = emitted.length;
        await waitFor('a reconnect attempt while libvirtd is down', () =>
          emitted
            .slice(from)
            .some(
              (e) => e.name === 'hosts.status' && (e.payload as HostStatus).phase === 'connecting',
            ),
        );
        await waitFor('that attempt to fail', () => session.status.phase === 'disconnected');
      } finally {
        startLibvirtd();
      }
      await waitFor('the session to reconnect', () => session.status.phase === 'connected', 60_000);
      expect(session.libvirt().rpc).not.toBe(before);
      const statuses = emitted
        .filter((e) => e.name === 'hosts.status')
        .map((e) => (e.payload as HostStatus).phase);
      expect(statuses).toContain('disconnected');

      // Events: a VM defined behind the app's back after the restart is listed.
      const byVirsh = `${SESSION_PREFIX}after-restart-${user}`;
      virshDefine(byVirsh);
      await waitFor('the VM defined with virsh to be listed', () =>
        session.vmList().some((vm) => vm.name === byVirsh),
      );

      // Stats: new samples arrive from the new connection.
      const seen = samples().length;
      await waitFor('stats after the restart', () => samples().length > seen + 1);
      expect(
        samples()
          .at(-1)
          ?.samples.some((s) => s.uuid.length > 0),
      ).toBe(true);

      // A define through the session succeeds on the restarted libvirtd, and is listed too.
      const bySession = `${SESSION_PREFIX}defined-${user}`;
      const { rpc } = session.libvirt();
      const dom = await defineDomain(rpc, smallDomainXml(bySession));
      expect((await lookupDomainByName(rpc, bySession)).uuid).toEqual(dom.uuid);
      await waitFor('the VM defined through the session to be listed', () =>
        session.vmList().some((vm) => vm.name === bySession),
      );
    });
  },
);
