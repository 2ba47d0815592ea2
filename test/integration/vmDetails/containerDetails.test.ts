/**
 * An LXC container's details on libvirt's REAL LXC driver (lxc:///system): its init command and
 * arguments and a host directory mounted into it are edited through the details page's service;
 * the XML libvirt returns has them, and nothing else changed (canonicalDiff). Bad input (a
 * relative init, a mount source that is not there or not a directory, a target already used)
 * is refused with the field named and the XML as it was. The details read back what was set.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  getDomainXml,
  lookupDomainByName,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { undefinedIfNotFound } from '../../../src/main/libvirt/rpc/errors';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import { applyEdit } from '../../../src/main/services/vmDetails/applyEdit';
import { checkMountSource } from '../../../src/main/services/vmDetails/containerMounts';
import { readVmDetails } from '../../../src/main/services/vmDetails/readDetails';
import { openVm } from '../../../src/main/services/vmDetails/vmXml';
import { changesOutsideScope, diffXml } from '../../../src/main/xml/canonicalDiff';
import { InvalidInputError } from '../../../src/shared/errors';
import type { VmEdit } from '../../../src/shared/api/vmDetailsTypes';

const NAME = `native-ct ü 'q' $(x);`;
const CONTAINER_XML = (name: string) => {
  const esc = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');
  return `<domain type='lxc'>
  <name>${esc}</name>
  <memory unit='KiB'>65536</memory>
  <vcpu>1</vcpu>
  <os>
    <type>exe</type>
    <init>/bin/true</init>
  </os>
  <devices>
    <console type='pty'/>
  </devices>
</domain>`;
};

describe('LXC container details on lxc:///system', () => {
  const host = new LocalHost();
  let conn: LibvirtConnection;
  let uuid: string;
  let dir: string;
  const config = async () =>
    getDomainXml(
      conn.rpc,
      await lookupDomainByName(conn.rpc, NAME),
      virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE,
    );
  const edit = async (e: VmEdit) => {
    if (e.kind === 'mountFilesystem') await checkMountSource(host, e.source);
    return applyEdit(await openVm(conn.rpc, uuid), e, uuid);
  };
  const removeOurs = async () => {
    const dom = await lookupDomainByName(conn.rpc, NAME).catch(undefinedIfNotFound);
    if (dom) await undefineDomain(conn.rpc, dom);
  };

  beforeAll(async () => {
    conn = await LibvirtConnection.open(host, 'lxc:///system');
    await removeOurs();
    dir = mkdtempSync(join(tmpdir(), 'native-ct ü '));
    writeFileSync(join(dir, 'a file'), 'not a directory');
    uuid = uuidToString((await defineDomain(conn.rpc, CONTAINER_XML(NAME))).uuid);
  });
  afterAll(async () => {
    try {
      await removeOurs();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await conn.close();
      await host.close();
    }
  });

  it('sets init and its arguments; only <init> and <initarg> change', async () => {
    const before = await config();
    const args = ['-c', `echo 'ü' "$(x)"; exec sleep 5`];
    expect(await edit({ kind: 'containerInit', init: '/bin/sh', args })).toEqual({
      needsRestart: false,
    });
    const after = await config();
    const diff = diffXml(before, after);
    expect(diff.changes.length).toBeGreaterThan(0);
    expect(changesOutsideScope(diff, ['domain/os/init', 'domain/os/initarg'])).toEqual([]);
    const details = await readVmDetails(await openVm(conn.rpc, uuid), uuid);
    expect(details.container).toEqual({ init: '/bin/sh', args });

    // Fewer arguments: the old ones go.
    await edit({ kind: 'containerInit', init: '/bin/sh', args: ['-l'] });
    expect((await readVmDetails(await openVm(conn.rpc, uuid), uuid)).container).toEqual({
      init: '/bin/sh',
      args: ['-l'],
    });
  });

  it('adds, edits and removes a host directory mount; nothing else changes', async () => {
    const before = await config();
    await edit({ kind: 'mountFilesystem', source: dir, target: '/srv/shared ü', readonly: true });
    const added = await config();
    const addDiff = diffXml(before, added);
    expect(changesOutsideScope(addDiff, ['domain/devices/filesystem'])).toEqual([]);
    const details = await readVmDetails(await openVm(conn.rpc, uuid), uuid);
    const fs = details.devices.find((d) => d.kind === 'filesystem');
    expect(fs).toMatchObject({ kind: 'filesystem', source: dir, target: '/srv/shared ü' });
    expect(added).toContain('<readonly/>');

    await edit({
      kind: 'mountFilesystem',
      key: fs!.key,
      source: dir,
      target: '/srv/moved',
      readonly: false,
    });
    const edited = await config();
    expect(changesOutsideScope(diffXml(added, edited), ['domain/devices/filesystem'])).toEqual([]);
    expect(edited).toContain("<target dir='/srv/moved'/>");
    expect(edited).not.toContain('<readonly/>');

    await edit({ kind: 'removeDevice', key: fs!.key });
    expect(diffXml(before, await config()).changes).toEqual([]);
  });

  it('refuses bad input with the field named and changes nothing', async () => {
    const before = await config();
    const cases: [VmEdit, string, RegExp][] = [
      [{ kind: 'containerInit', init: 'bin/sh', args: [] }, 'init', /not an absolute path/],
      [
        { kind: 'mountFilesystem', source: join(dir, 'absent'), target: '/mnt/x' },
        'source',
        /does not exist on the host/,
      ],
      [
        { kind: 'mountFilesystem', source: join(dir, 'a file'), target: '/mnt/x' },
        'source',
        /is not a directory on the host/,
      ],
      [{ kind: 'mountFilesystem', source: dir, target: 'mnt' }, 'target', /not an absolute path/],
    ];
    for (const [bad, field, said] of cases) {
      const err: unknown = await edit(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).fields[field]).toMatch(said);
    }
    // Two mounts at one target.
    await edit({ kind: 'mountFilesystem', source: dir, target: '/mnt/one' });
    const once = await config();
    const err: unknown = await edit({
      kind: 'mountFilesystem',
      source: '/tmp',
      target: '/mnt/one/',
    }).catch((e: unknown) => e);
    expect((err as InvalidInputError).fields.target).toBe(
      'Another filesystem is already mounted at /mnt/one/',
    );
    expect(await config()).toBe(once);
    await edit({ kind: 'removeDevice', key: 'filesystem:0' });
    expect(diffXml(before, await config()).changes).toEqual([]);
  });
});
