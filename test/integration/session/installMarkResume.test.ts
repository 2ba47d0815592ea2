/**
 * A session that connects settles the pending first-reboot marks it cannot act on: a marked VM
 * that is off for a reason other than the guest's own stop (here: never started, "unknown") stays
 * off, and a marked VM running outside its install phase (started by hand from its final,
 * on_reboot=restart definition) is not restarted later; both lose the mark. The guest's own stop
 * is in test/integration/newVm/firstRebootResume.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  defineDomain,
  getDomainState,
  lookupDomainByName,
  startDomain,
} from '../../../src/main/libvirt/domain';
import { isInstallPending, markInstallPending } from '../../../src/main/services/newVm/installMark';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { waitFor } from '../../support/waitFor';
import {
  SESSION_PREFIX,
  localSession,
  removeSessionLeftovers,
  smallDomainXml,
  type RecordedSession,
} from './sessionFixtures';

const host = new LocalHost();
let conn: LibvirtConnection;
const sessions: RecordedSession[] = [];

beforeAll(async () => {
  removeSessionLeftovers();
  conn = await LibvirtConnection.open(host, 'qemu:///system');
});

afterEach(async () => {
  for (const { session } of sessions.splice(0)) await session.disconnect();
});

afterAll(async () => {
  removeSessionLeftovers();
  await conn?.close();
  await host.close();
});

async function connectSession(): Promise<void> {
  const recorded = localSession();
  sessions.push(recorded);
  await recorded.session.connect();
  expect(recorded.session.status.phase).toBe('connected');
}

describe('pending first-reboot marks found when a session connects', () => {
  it('a marked VM off for another reason than its guest stays off and loses the mark', async () => {
    const dom = await defineDomain(conn.rpc, smallDomainXml(`${SESSION_PREFIX}mark-off`));
    await markInstallPending(conn.rpc, dom);
    expect(await getDomainState(conn.rpc, dom)).toMatchObject({ state: 'shutoff' });

    await connectSession();
    await waitFor('the mark to be removed', async () => !(await isInstallPending(conn.rpc, dom)));
    expect((await getDomainState(conn.rpc, dom)).state).toBe('shutoff');
  });

  it('a marked VM running outside its install phase loses the mark and keeps running', async () => {
    const dom = await defineDomain(conn.rpc, smallDomainXml(`${SESSION_PREFIX}mark-running`));
    await markInstallPending(conn.rpc, dom);
    await startDomain(conn.rpc, dom);
    const running = await lookupDomainByName(conn.rpc, dom.name);

    await connectSession();
    await waitFor('the mark to be removed', async () => !(await isInstallPending(conn.rpc, dom)));
    const now = await lookupDomainByName(conn.rpc, dom.name);
    expect(now.id).toBe(running.id);
    expect((await getDomainState(conn.rpc, now)).state).toBe('running');
  });
});
