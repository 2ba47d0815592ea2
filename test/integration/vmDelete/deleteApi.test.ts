/**
 * `vms.deletePlan` and `vms.delete` as a shell calls them (createApiBackend), on libvirt's test
 * driver in the real libvirtd: the plan for a VM with a volume, a refusal that changes nothing,
 * and the delete, after which the VM leaves the list (its vms.delta) and the volume its pool.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiBackend } from '../../../src/main/api/apiBackend';
import { createApiBackend } from '../../../src/main/api/createApiBackend';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { defineDomain, undefineDomain } from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { lookupPoolByName } from '../../../src/main/libvirt/storagePool';
import { createVolume, deleteVolume, listVolumes } from '../../../src/main/libvirt/storageVolume';
import type { ApiEvents, MethodResult } from '../../../src/shared/api/contract';
import { waitFor } from '../../support/waitFor';
import { PREFIX, guestXml } from './deleteFixtures';

describe('the delete methods through the API backend', () => {
  let dir: string;
  let backend: ApiBackend;
  let direct: LibvirtConnection;
  const listed = new Set<string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'virtdeck-delbe-api-'));
    backend = await createApiBackend({ configDir: dir, consoleOrigins: () => [] });
    backend.subscribe((name, payload) => {
      if (name !== 'vms.delta') return;
      const delta = payload as ApiEvents['vms.delta'];
      for (const vm of delta.upsert) listed.add(vm.uuid);
      for (const uuid of delta.remove) listed.delete(uuid);
    });
    direct = await LibvirtConnection.open(new LocalHost(), 'test:///default');
  });

  afterAll(async () => {
    await backend?.close();
    await direct?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans, refuses what is not in the plan, and deletes the VM with its volume', async () => {
    const reply = await backend.call('connections.add', {
      form: { hypervisor: 'test', remote: false, autoconnect: true },
      connect: true,
    });
    if (!reply.ok) throw new Error(reply.error.message);
    const connectionId = (reply.result as MethodResult<'connections.add'>).id;
    const pool = await lookupPoolByName(direct.rpc, 'default-pool');
    const volName = `${PREFIX}api.img`;
    const vol = await createVolume(
      direct.rpc,
      pool,
      `<volume><name>${volName}</name><capacity unit='MiB'>8</capacity></volume>`,
    );
    const path = `/default-pool/${volName}`;
    const name = `${PREFIX}api`;
    const dom = await defineDomain(
      direct.rpc,
      guestXml(name, [{ path, target: 'vda', format: 'raw' }]),
    );
    const uuid = uuidToString(dom.uuid);
    try {
      await waitFor('the VM listed', () => listed.has(uuid));
      const plan = await backend.call('vms.deletePlan', { connectionId, uuid });
      expect(plan).toMatchObject({
        ok: true,
        result: {
          name,
          active: false,
          disks: [{ path, target: 'vda', defaultChecked: true, deletable: true, volume: volName }],
          alsoRemoved: { managedSave: false, snapshots: 0, tpmState: false },
        },
      });

      expect(
        await backend.call('vms.delete', {
          connectionId,
          uuid,
          disks: ['/etc/hosts'],
          forceOff: false,
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', fields: { disks: expect.any(String) } },
      });
      expect((await listVolumes(direct.rpc, pool)).map((v) => v.name)).toContain(volName);

      const outcome = await backend.call('vms.delete', {
        connectionId,
        uuid,
        disks: [path],
        forceOff: false,
      });
      expect(outcome).toEqual({
        ok: true,
        result: {
          deleted: [
            { kind: 'definition', what: name },
            { kind: 'disk', what: path },
          ],
          remaining: [],
        },
      });
      expect((await listVolumes(direct.rpc, pool)).map((v) => v.name)).not.toContain(volName);
      await waitFor('the VM gone from the list', () => !listed.has(uuid));
      expect(await backend.call('vms.deletePlan', { connectionId, uuid })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
    } finally {
      await undefineDomain(direct.rpc, dom).catch(() => {});
      await deleteVolume(direct.rpc, vol).catch(() => {});
    }
  });
});
