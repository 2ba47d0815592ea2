/**
 * The pool and volume XML the app writes, for every pool type it creates: valid by libvirt's own
 * RNG schemas (virt-xml-validate), and accepted by the real libvirtd (defined, read back with the
 * fields the form gave, undefined). Building and starting those types needs disks, an NFS server
 * or an iSCSI target this sandbox does not have; dir pools go the whole way in storage.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolForm } from '../../../src/shared/api/methods/storage';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  definePool,
  getPoolXml,
  lookupPoolByName,
  undefinePool,
} from '../../../src/main/libvirt/storagePool';
import { checkPoolForm } from '../../../src/main/services/storage/pools';
import { storagePoolXml } from '../../../src/main/xml/build/storagePoolXml';
import { storageVolumeXml, readPoolXml } from '../../../src/main/xml/build/storageVolumeXml';

const FORMS: PoolForm[] = [
  { name: 'virtdeck-xml-dir', type: 'dir' },
  { name: 'virtdeck-xml-fs', type: 'fs', sourceDevice: '/dev/vdb1', sourceFormat: 'ext4' },
  {
    name: 'virtdeck-xml-netfs',
    type: 'netfs',
    sourceHost: 'nfs.example.com',
    sourcePath: '/export/images',
  },
  {
    name: 'virtdeck-xml-logical',
    type: 'logical',
    sourceName: 'vg_virtdeck_test',
    sourceDevices: ['/dev/vdc', '/dev/vdd'],
  },
  {
    name: 'virtdeck-xml-iscsi',
    type: 'iscsi',
    sourceHost: '192.0.2.10',
    sourcePort: 3260,
    sourcePath: 'iqn.2024-01.com.example:storage',
    initiatorIqn: 'iqn.2024-01.com.example:client',
  },
  { name: 'virtdeck-xml-disk', type: 'disk', sourceDevice: '/dev/vde', sourceFormat: 'gpt' },
];

const EXPECTED_PATH: Record<string, string> = {
  dir: '/var/lib/libvirt/images/virtdeck-xml-dir',
  fs: '/var/lib/libvirt/images/virtdeck-xml-fs',
  netfs: '/var/lib/libvirt/images/virtdeck-xml-netfs',
  logical: '/dev/vg_virtdeck_test',
  iscsi: '/dev/disk/by-path',
  disk: '/dev',
};

function validate(xml: string, schema: 'storagepool' | 'storagevol'): void {
  const dir = mkdtempSync(join(tmpdir(), 'virtdeck-xml-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml);
    execFileSync('virt-xml-validate', [file, schema], { stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pool and volume XML', () => {
  let host: LocalHost;
  let conn: LibvirtConnection;

  beforeAll(async () => {
    host = new LocalHost();
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    // Only undefined, never deleted: these pools name devices and servers that are not there.
    for (const form of FORMS) {
      const left = await lookupPoolByName(conn.rpc, form.name).catch(() => undefined);
      if (left) await undefinePool(conn.rpc, left);
    }
  });
  afterAll(async () => {
    await conn?.close();
    await host?.close();
  });

  it.each(FORMS)('$type: valid by the schema and defined by libvirt as asked', async (raw) => {
    const form = checkPoolForm(raw);
    const xml = storagePoolXml(form);
    validate(xml, 'storagepool');
    const pool = await definePool(conn.rpc, xml);
    try {
      const back = await getPoolXml(conn.rpc, pool);
      expect(readPoolXml(back)).toMatchObject({ type: form.type, path: EXPECTED_PATH[form.type] });
      for (const value of [
        form.sourceDevice,
        form.sourceHost,
        form.sourcePath,
        form.initiatorIqn,
      ]) {
        if (value) expect(back).toContain(value);
      }
      for (const device of form.sourceDevices ?? []) expect(back).toContain(device);
    } finally {
      await undefinePool(conn.rpc, pool);
    }
  });

  it('volume XML (with and without a backing store) is valid by the schema', () => {
    validate(
      storageVolumeXml({ name: 'a.qcow2', capacity: 1 << 30, format: 'qcow2' }),
      'storagevol',
    );
    validate(
      storageVolumeXml({
        name: "o'verlay <1>.qcow2",
        capacity: 1 << 30,
        format: 'qcow2',
        backing: { path: '/var/lib/libvirt/images/base.qcow2', format: 'raw' },
      }),
      'storagevol',
    );
  });

  it('refuses forms missing what their type needs, naming the field', () => {
    const field = (raw: object) => {
      try {
        checkPoolForm(raw);
      } catch (err) {
        return Object.keys((err as { fields: Record<string, string> }).fields);
      }
      return [];
    };
    expect(field({ name: 'p', type: 'netfs', sourcePath: '/x' })).toEqual(['sourceHost']);
    expect(field({ name: 'p', type: 'netfs', sourceHost: 'h' })).toEqual(['sourcePath']);
    expect(field({ name: 'p', type: 'fs' })).toEqual(['sourceDevice']);
    expect(field({ name: 'p', type: 'disk', sourceDevice: 'sdb' })).toEqual(['sourceDevice']);
    expect(
      field({ name: 'p', type: 'iscsi', sourceHost: 'h', sourcePath: 'iqn', sourcePort: 0 }),
    ).toEqual(['sourcePort']);
    expect(field({ name: 'p', type: 'logical', build: true })).toEqual(['sourceDevices']);
    expect(field({ name: 'p', type: 'zfs' })).toEqual(['type']);
    expect(field({ name: 'p q', type: 'dir' })).toEqual(['name']);
    expect(field({ name: 'p', type: 'dir', path: 'relative/dir' })).toEqual(['path']);
    expect(
      field({ name: 'p', type: 'fs', sourceDevice: '/dev/sdb', sourceFormat: 'ntfs-3g' }),
    ).toEqual(['sourceFormat']);
  });
});
