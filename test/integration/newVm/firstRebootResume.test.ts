/**
 * The install's first-reboot restart survives the app: a VM created through a host session that
 * then goes away (app closed, connection lost) keeps the pending restart in its own metadata, and
 * the next Virtdeck session on the host finishes it. Real TCG guests booting the tiny ISO; the
 * guest reboots with Ctrl+Alt+Del (SeaBIOS resets; on_reboot=destroy stops the install domain).
 * - The guest reboots while no session is connected: the next session finds it shut off by the
 *   guest, with the mark, and starts it from the final definition.
 * - A new session connects while the install still runs: the guest's reboot restarts it.
 * - The creating session's own connection is lost (libvirtd restarts; the guest keeps running):
 *   reconnected, the session restarts the VM at its reboot.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDomainState, getDomainXml, lookupDomainByName } from '../../../src/main/libvirt/domain';
import type { DomainRef } from '../../../src/main/libvirt/refs';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { isInstallPending } from '../../../src/main/services/newVm/installMark';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import type { HostSession } from '../../../src/main/services/hostSession';
import { uploadTinyIso } from '../../support/libvirtFixtures';
import { startLibvirtd, stopLibvirtd } from '../../support/libvirtd';
import { localSession, type RecordedSession } from '../session/sessionFixtures';
import {
  PREFIX,
  bootDevs,
  closeInstallEnv,
  installOptions,
  onReboot,
  openInstallEnv,
  rebootInstall,
  waitUntil,
  type InstallEnv,
} from './installFixtures';

/** VIR_DOMAIN_SHUTOFF_SHUTDOWN: the guest stopped itself (here: its reset, on_reboot=destroy). */
const SHUTOFF_SHUTDOWN = 1;

let env: InstallEnv;
let isoPath: string;
const sessions: RecordedSession[] = [];

beforeAll(async () => {
  env = await openInstallEnv();
  isoPath = (await uploadTinyIso(env.rpc, env.pool.ref, 'install.iso')).path;
});

// Each test's sessions end with it: only the sessions a test opens may finish its VM's install.
afterEach(async () => {
  for (const { session } of sessions.splice(0)) await session.disconnect();
});

afterAll(async () => {
  // Whatever happened in the restart test, leave libvirtd running for the next test file.
  startLibvirtd();
  await closeInstallEnv(env);
});

async function connectedSession(): Promise<RecordedSession> {
  const recorded = localSession();
  sessions.push(recorded);
  await recorded.session.connect();
  expect(recorded.session.status.phase).toBe('connected');
  return recorded;
}

/** Creates the VM in its install phase through a session, then closes that session. */
async function createThenCloseSession(name: string): Promise<DomainRef> {
  const { session } = await connectedSession();
  const dom = await createInstall(session, name);
  await session.disconnect();
  return dom;
}

async function createInstall(session: HostSession, name: string): Promise<DomainRef> {
  const { host, rpc } = session.libvirt();
  const started = await startCreateVm(
    host,
    rpc,
    env.jobs,
    installOptions(env, name, {
      source: { kind: 'iso', path: isoPath },
      disk: { kind: 'new', pool: env.pool.ref.name, sizeGiB: 0.1 },
    }),
  );
  await started.result;
  const dom = await lookupDomainByName(env.rpc, name);
  expect(await isInstallPending(env.rpc, dom)).toBe(true);
  expect(onReboot(await getDomainXml(env.rpc, dom))).toBe('destroy');
  return dom;
}

/** The VM runs again, as a new QEMU process on the final definition, and the mark is gone. */
async function expectRestartedFromDisk(dom: DomainRef): Promise<void> {
  // A new QEMU process (another id), past its start (libvirt starts it paused, then resumes).
  const again = await waitUntil('the restart from the final definition', async () => {
    const now = await lookupDomainByName(env.rpc, dom.name);
    const running = (await getDomainState(env.rpc, now)).state === 'running';
    return running && now.id !== dom.id && now;
  });
  const liveXml = await getDomainXml(env.rpc, again);
  expect(bootDevs(liveXml)).toEqual(['hd']);
  expect(onReboot(liveXml)).toBe('restart');
  await waitUntil('the mark to be cleared', async () => !(await isInstallPending(env.rpc, again)));
}

describe('the first-reboot restart after the creating session is gone', () => {
  it('a VM the guest stopped while no session was connected is started by the next one', async () => {
    const dom = await createThenCloseSession(`${PREFIX}resume-off-${env.tag}`);
    await rebootInstall(env.rpc, dom);
    // Nothing is connected: the install domain stops and stays off, the mark still there.
    await waitUntil('the install domain to stop', async () => {
      const { state } = await getDomainState(env.rpc, dom);
      return state === 'shutoff';
    });
    expect(await getDomainState(env.rpc, dom)).toEqual({
      state: 'shutoff',
      reason: SHUTOFF_SHUTDOWN,
    });
    expect(await isInstallPending(env.rpc, dom)).toBe(true);

    await connectedSession();
    await expectRestartedFromDisk(dom);
  });

  it('a new session that connects during the install restarts the VM at its reboot', async () => {
    const dom = await createThenCloseSession(`${PREFIX}resume-on-${env.tag}`);
    await connectedSession();
    expect((await getDomainState(env.rpc, dom)).state).toBe('running');
    await rebootInstall(env.rpc, dom);
    await expectRestartedFromDisk(dom);
  });

  it('a session that reconnects after libvirtd restarted restarts the VM at its reboot', async () => {
    const { session } = await connectedSession();
    const dom = await createInstall(session, `${PREFIX}resume-restart-${env.tag}`);
    const before = session.libvirt().rpc;
    try {
      await stopLibvirtd();
    } finally {
      startLibvirtd();
    }
    await waitUntil('the session to reconnect', async () => {
      return session.status.phase === 'connected' && session.libvirt().rpc !== before;
    });
    // This file's own connection went with the old libvirtd too.
    await env.conn.close();
    env.conn = await LibvirtConnection.open(env.host, 'qemu:///system');
    env.rpc = env.conn.rpc;
    // The guest kept running through the restart, still in its install phase.
    const running = await lookupDomainByName(env.rpc, dom.name);
    expect(running.id).toBe(dom.id);
    await rebootInstall(env.rpc, running);
    await expectRestartedFromDisk(running);
  });
});
