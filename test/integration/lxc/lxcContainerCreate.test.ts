/**
 * The New container services on the real LXC driver, locally and over SSH (as the unprivileged
 * test user): the XML libvirt keeps for an application container (init, its arguments in order,
 * a bridge-less NAT NIC with the chosen MAC, the host directory as root, the idmap); bad input
 * (a root file system that is not there or not a directory, an init missing or not executable in
 * it, a relative command) refused on its field with nothing defined.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerOptions } from '../../../src/shared/api/methods/lxc';
import { InvalidInputError } from '../../../src/shared/errors';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { getDomainXml, listAllDomains } from '../../../src/main/libvirt/domain';
import { checkNewContainer, createContainer } from '../../../src/main/services/lxc/createContainer';
import { containerHostFacts } from '../../../src/main/services/lxc/containerHostFacts';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { removeContainers } from '../../support/lxcFixtures';
import { transports } from '../../support/transports';

/** A root file system readable by every user: /bin/sh (a link, absolute, resolved inside it). */
function makeRootfs(): string {
  const dir = mkdtempSync(join(tmpdir(), "lxc rootfs 'ü' "));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'sbin'));
  writeFileSync(join(dir, 'bin', 'busybox'), '#!/bin/sh\n', { mode: 0o755 });
  symlinkSync('/bin/busybox', join(dir, 'bin', 'sh'));
  writeFileSync(join(dir, 'sbin', 'init'), 'not a program', { mode: 0o644 });
  writeFileSync(join(dir, 'file'), '');
  return dir;
}

async function fieldsOf(run: Promise<unknown>): Promise<Record<string, unknown>> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidInputError);
  return (err as InvalidInputError).fields ?? {};
}

for (const transport of transports().slice(0, 2)) {
  describe(`New container (${transport.name})`, () => {
    const name = `lxc-create 'ü' $(x); ${transport.name}`;
    let host: Host;
    let conn: LibvirtConnection;
    let rootfs: string;
    const base = (): ContainerOptions => ({
      connectionId: 'c',
      kind: 'app',
      name,
      rootfs,
      init: '/bin/sh',
      initArgs: ['-c', 'echo "a b"; sleep 1'],
      memoryMiB: 64,
      vcpus: 1,
      network: { kind: 'network', name: 'default', mac: '52:54:00:AB:cd:01' },
      idmap: false,
      start: false,
    });
    const defined = async () => (await listAllDomains(conn.rpc)).map((d) => d.name);

    beforeAll(async () => {
      rootfs = makeRootfs();
      host = transport.makeHost();
      conn = await LibvirtConnection.open(host, 'lxc:///system');
      await removeContainers(conn.rpc, [name]);
    });

    afterAll(async () => {
      if (conn) {
        await removeContainers(conn.rpc, [name]);
        await conn.close();
      }
      await host?.close();
      rmSync(rootfs, { recursive: true, force: true });
    });

    it('refuses a root file system that is not there or not a directory', async () => {
      const missing = await fieldsOf(
        checkNewContainer(host, conn, { ...base(), rootfs: `${rootfs}/nope` }),
      );
      expect(String(missing.rootfs)).toContain(`${rootfs}/nope does not exist on the host`);
      const file = await fieldsOf(
        checkNewContainer(host, conn, { ...base(), rootfs: `${rootfs}/file` }),
      );
      expect(String(file.rootfs)).toBe(`${rootfs}/file is not a directory`);
      const os = await fieldsOf(
        checkNewContainer(host, conn, {
          ...base(),
          kind: 'os',
          rootfs: undefined,
          init: undefined,
        }),
      );
      expect(String(os.rootfs)).toBe('Choose the root file system directory on the host');
      expect(await defined()).not.toContain(name);
    });

    it('refuses an init that is missing, not executable or relative in the root file system', async () => {
      const missing = await fieldsOf(
        checkNewContainer(host, conn, { ...base(), init: '/usr/bin/env' }),
      );
      expect(String(missing.init)).toBe(`/usr/bin/env is not in the root file system ${rootfs}`);
      const notExec = await fieldsOf(
        createContainer(host, conn, { ...base(), kind: 'os', init: undefined }),
      );
      expect(String(notExec.init)).toBe(
        `/sbin/init in the root file system ${rootfs} is not an executable file`,
      );
      const relative = await fieldsOf(checkNewContainer(host, conn, { ...base(), init: 'sh' }));
      expect(String(relative.init)).toContain('absolute path inside the container');
      const mac = await fieldsOf(
        checkNewContainer(host, conn, {
          ...base(),
          network: { kind: 'network', name: 'default', mac: '01:00:00:00:00:01' },
        }),
      );
      expect(String(mac['network.mac'])).toContain('not a unicast MAC address');
      expect(await defined()).not.toContain(name);
    });

    it('defines the container: libvirt keeps its init, arguments, root, NIC and idmap', async () => {
      const facts = await containerHostFacts(host, conn.rpc);
      expect(facts.idmap).toBeDefined();
      const made = await createContainer(host, conn, { ...base(), idmap: true });
      expect(made.name).toBe(name);
      expect(await fieldsOf(createContainer(host, conn, base()))).toHaveProperty('name');
      const dom = (await listAllDomains(conn.rpc)).find((d) => d.name === name)!;
      const domain = parseXml(await getDomainXml(conn.rpc, dom)).documentElement!;
      expect(domain.getAttribute('type')).toBe('lxc');
      const os = firstChild(domain, 'os')!;
      expect(firstChild(os, 'type')?.textContent).toBe('exe');
      expect(firstChild(os, 'init')?.textContent).toBe('/bin/sh');
      expect(childElements(os, 'initarg').map((a) => a.textContent)).toEqual([
        '-c',
        'echo "a b"; sleep 1',
      ]);
      const devices = firstChild(domain, 'devices')!;
      const fs = firstChild(devices, 'filesystem')!;
      expect(attribute(firstChild(fs, 'source'), 'dir')).toBe(rootfs);
      expect(attribute(firstChild(fs, 'target'), 'dir')).toBe('/');
      const nic = firstChild(devices, 'interface')!;
      expect(nic.getAttribute('type')).toBe('network');
      expect(attribute(firstChild(nic, 'mac'), 'address')).toBe('52:54:00:ab:cd:01');
      expect(attribute(firstChild(nic, 'source'), 'network')).toBe('default');
      const uid = firstChild(firstChild(domain, 'idmap')!, 'uid')!;
      expect([uid.getAttribute('start'), uid.getAttribute('target')]).toEqual([
        '0',
        String(facts.idmap!.uid.start),
      ]);
    });
  });
}
