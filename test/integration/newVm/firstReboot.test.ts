/**
 * The install's first reboot, as virt-install does it: a VM created from the tiny ISO boots it
 * (its banner on the serial console); the guest reboots (Ctrl+Alt+Del, which SeaBIOS turns into a
 * reset; the install XML says on_reboot=destroy, so the domain stops) and the app's watcher starts
 * it again, now a new QEMU process running the final definition: disk first, on_reboot=restart.
 * A VM forced off during its install is left off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  destroyDomain,
  getDomainState,
  getDomainXml,
  lookupDomainByUuid,
} from '../../../src/main/libvirt/domain';
import { subscribeDomainEvents } from '../../../src/main/libvirt/events';
import { uuidToString } from '../../../src/main/libvirt/refs';
import {
  installRestarter,
  type RestartOutcome,
} from '../../../src/main/services/newVm/installRestarter';
import { isInstallPending } from '../../../src/main/services/newVm/installMark';
import { uploadTinyIso } from '../../support/libvirtFixtures';
import {
  PREFIX,
  bootDevs,
  closeInstallEnv,
  createVm,
  installOptions,
  onReboot,
  openInstallEnv,
  rebootInstall,
  waitUntil,
  type InstallEnv,
} from './installFixtures';

let env: InstallEnv;
let isoPath: string;
const outcomes: RestartOutcome[] = [];

beforeAll(async () => {
  env = await openInstallEnv();
  // As in the app: the host session has subscribed to libvirt's domain events on the connection
  // first; the watcher shares that registration (libvirt refuses a second one).
  await subscribeDomainEvents(env.rpc, () => {});
  isoPath = (await uploadTinyIso(env.rpc, env.pool.ref, 'install.iso')).path;
  installRestarter(env.rpc).onOutcome((o) => outcomes.push(o));
});

afterAll(() => closeInstallEnv(env));

describe('after the install reboots', () => {
  it('the VM is started again from the final definition (disk first)', async () => {
    const name = `${PREFIX}reboot ${env.tag} "x" $(y)`;
    const dom = await createVm(
      env,
      installOptions(env, name, {
        source: { kind: 'iso', path: isoPath },
        disk: { kind: 'new', pool: env.pool.ref.name, sizeGiB: 0.1 },
      }),
    );
    const uuid = uuidToString(dom.uuid);
    const installXml = await getDomainXml(env.rpc, dom);
    expect(bootDevs(installXml)).toEqual(['cdrom', 'hd']);
    expect(onReboot(installXml)).toBe('destroy');
    expect(installRestarter(env.rpc).isWatching(uuid)).toBe(true);

    const firstId = dom.id;

    // The install media really booted (isolinux's banner on the serial console); the guest
    // reboots: Ctrl+Alt+Del, which SeaBIOS handles by resetting the machine.
    await rebootInstall(env.rpc, dom);
    const outcome = await waitUntil('the restart', async () =>
      outcomes.find((o) => o.uuid === uuid),
    );
    expect(outcome).toEqual({ uuid, restarted: true });

    const again = await lookupDomainByUuid(env.rpc, dom.uuid);
    expect((await getDomainState(env.rpc, again)).state).toBe('running');
    // A new QEMU process, running the final XML: disk first, reboots are reboots again.
    expect(again.id).not.toBe(firstId);
    const liveXml = await getDomainXml(env.rpc, again);
    expect(bootDevs(liveXml)).toEqual(['hd']);
    expect(onReboot(liveXml)).toBe('restart');
    expect(installRestarter(env.rpc).isWatching(uuid)).toBe(false);
    expect(await isInstallPending(env.rpc, again)).toBe(false);
  });

  it('a VM forced off during its install stays off', async () => {
    const name = `${PREFIX}forced-off-${env.tag}`;
    const dom = await createVm(
      env,
      installOptions(env, name, { source: { kind: 'iso', path: isoPath } }),
    );
    const uuid = uuidToString(dom.uuid);
    await destroyDomain(env.rpc, dom);
    const outcome = await waitUntil('the watcher to see the stop', async () =>
      outcomes.find((o) => o.uuid === uuid),
    );
    expect(outcome.restarted).toBe(false);
    expect((await getDomainState(env.rpc, dom)).state).toBe('shutoff');
    // Its install phase is over: no later session restarts it.
    expect(await isInstallPending(env.rpc, dom)).toBe(false);
  });
});
