/**
 * Pool edits and the storage XML views over SSH on the real libvirtd: a stopped dir pool's target
 * moves to another existing directory (only <target><path> changes in its definition) and gets
 * autostart; a running pool, a missing path, a file and another pool's directory are refused on
 * the path field with nothing changed; the pool and volume XML are what libvirt holds.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  editPool,
  poolXmlByName,
  volumeXmlByName,
} from '../../../src/main/services/storage/poolEdit';
import { InvalidInputError } from '../../../src/shared/errors';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';
import { removeHost2Leftovers, virsh } from './hostFixtures';

const pool = 'vdk-host2-pool';
const other = 'vdk-host2-pool-other';
const dirA = '/tmp/vdk-host2-pool-a';
const dirB = "/tmp/vdk-host2-pool-b 'ü' $(x)";
const dirOther = '/tmp/vdk-host2-pool-other';
const inactive = () => virsh('pool-dumpxml', '--inactive', pool);

async function pathError(run: () => Promise<unknown>): Promise<string | undefined> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidInputError);
  return (err as InvalidInputError).fields.path;
}

describe('pool edits and storage XML over SSH', () => {
  let host: Host;
  let conn: LibvirtConnection;

  beforeAll(async () => {
    removeHost2Leftovers();
    for (const d of [dirA, dirB, dirOther]) {
      rmSync(d, { recursive: true, force: true });
      mkdirSync(d);
    }
    writeFileSync(`${dirA}/a-file`, 'not a directory');
    virsh('pool-define-as', pool, 'dir', '--target', dirA);
    virsh('pool-start', pool);
    virsh('pool-define-as', other, 'dir', '--target', dirOther);
    virsh('vol-create-as', pool, 'vdk-host2-vol.qcow2', '1M', '--format', 'qcow2');
    host = sshHostFor(loadTestHost(), loadTestHost().user);
    conn = await LibvirtConnection.open(host, 'qemu:///system');
  });

  afterAll(async () => {
    rmSync(`${dirA}/vdk-host2-vol.qcow2`, { force: true });
    removeHost2Leftovers();
    for (const d of [dirA, dirB, dirOther]) rmSync(d, { recursive: true, force: true });
    await conn?.close();
    await host?.close();
  });

  it('shows the pool and volume XML libvirt holds', async () => {
    expect((await poolXmlByName(conn.rpc, pool)).trim()).toBe(inactive().trim());
    const vol = await volumeXmlByName(conn.rpc, pool, 'vdk-host2-vol.qcow2');
    expect(vol.trim()).toBe(virsh('vol-dumpxml', '--pool', pool, 'vdk-host2-vol.qcow2').trim());
    expect(vol).toContain("<format type='qcow2'/>");
  });

  it('refuses to move a running pool, or onto a missing path, a file or another pool', async () => {
    const before = inactive();
    expect(await pathError(() => editPool(conn.rpc, host, pool, { path: dirB }))).toBe(
      'Stop the pool before changing its target path',
    );
    virsh('pool-destroy', pool);
    expect(
      await pathError(() => editPool(conn.rpc, host, pool, { path: '/tmp/vdk-host2-nope' })),
    ).toBe('/tmp/vdk-host2-nope does not exist on the host');
    expect(await pathError(() => editPool(conn.rpc, host, pool, { path: `${dirA}/a-file` }))).toBe(
      `${dirA}/a-file exists and is not a directory`,
    );
    expect(await pathError(() => editPool(conn.rpc, host, pool, { path: dirOther }))).toBe(
      `${dirOther} is already the target of pool "${other}"`,
    );
    expect(await pathError(() => editPool(conn.rpc, host, pool, { path: 'relative/dir' }))).toBe(
      'The target path must be an absolute path',
    );
    expect(inactive()).toBe(before);
  });

  it('moves a stopped pool to another directory and sets autostart', async () => {
    const before = inactive();
    await editPool(conn.rpc, host, pool, { path: dirB, autostart: true });
    const after = inactive();
    expect(after).toContain(`<path>${dirB.replaceAll("'", '&apos;')}</path>`);
    // Only the target path changed (libvirt itself zeroes the sizes of a redefined pool).
    const rest = (xml: string) =>
      xml
        .replace(/<path>[^<]*<\/path>/, '')
        .replace(/<(capacity|allocation|available) [^\n]*/g, '');
    expect(rest(after)).toBe(rest(before));
    expect(virsh('pool-info', pool)).toMatch(/Autostart:\s+yes/);
    virsh('pool-start', pool);
    expect(virsh('pool-dumpxml', pool)).toContain('vdk-host2-pool-b');
    virsh('pool-destroy', pool);
  });
});
