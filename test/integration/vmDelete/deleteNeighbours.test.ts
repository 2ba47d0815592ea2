/**
 * "Used by another VM" looks at every connection of the same host, as the issue asks: a VM
 * defined in the SSH user's own qemu:///session that uses a qemu:///system VM's disk file keeps
 * that disk unchecked in the system VM's delete plan (named with its connection), and a delete
 * asking for it anyway is refused with nothing changed. On both libvirt generations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { defineDomain, listAllDomains } from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { planVmDelete } from '../../../src/main/services/vmDelete/deletePlan';
import { deleteVm } from '../../../src/main/services/vmDelete/deleteVm';
import { qemuWithTempPool } from '../../support/libvirtFixtures';
import { libvirtGenerations } from '../../support/transports';
import { existsOnHost, guestXml, qcow2, removeSliceVms, uniqueName } from './deleteFixtures';

describe.each(libvirtGenerations())(
  'VM delete on $name sees the host’s other connections',
  (gen) => {
    const lv = qemuWithTempPool(gen);
    let sessionHost: Host;
    let session: LibvirtConnection;

    beforeAll(async () => {
      sessionHost = gen.makeHost();
      session = await LibvirtConnection.open(sessionHost, 'qemu:///session');
      await removeSliceVms(lv.conn.rpc);
      await removeSliceVms(session.rpc);
    });

    afterAll(async () => {
      await removeSliceVms(lv.conn.rpc).catch(() => {});
      if (session) await removeSliceVms(session.rpc).catch(() => {});
      await session?.close();
      await sessionHost?.close();
    });

    it('keeps a disk that a session VM uses, and refuses to delete it', async () => {
      const disk = await qcow2(lv.conn.rpc, lv.pool.pool, `${uniqueName('neighbour')}.qcow2`);
      const systemName = uniqueName('system');
      const sessionName = uniqueName('session');
      const dom = await defineDomain(
        lv.conn.rpc,
        guestXml(systemName, [{ path: disk.path, target: 'vda' }]),
      );
      // Defined, never started: the session daemon need not be able to open the file.
      await defineDomain(session.rpc, guestXml(sessionName, [{ path: disk.path, target: 'vda' }]));
      const neighbours = [{ label: 'qemu:///session', rpc: session.rpc }];
      const uuid = uuidToString(dom.uuid);

      // Without the neighbour, nothing else uses the disk: offered checked.
      const alone = await planVmDelete(lv.conn, uuid);
      expect(alone.disks.find((d) => d.path === disk.path)).toMatchObject({ defaultChecked: true });

      const plan = await planVmDelete(lv.conn, uuid, neighbours);
      expect(plan.disks.find((d) => d.path === disk.path)).toMatchObject({
        defaultChecked: false,
        keepReason: 'used-by-other-vm',
        usedBy: [`${sessionName} (qemu:///session)`],
      });
      await expect(
        deleteVm(lv.conn, uuid, { disks: [disk.path], forceOff: false }, neighbours),
      ).rejects.toThrow(new RegExp(`${sessionName} \\(qemu:///session\\)`));
      // Nothing changed: the VM is still defined and its disk is on the host.
      expect((await listAllDomains(lv.conn.rpc)).map((d) => d.name)).toContain(systemName);
      expect(existsOnHost(gen, disk.path)).toBe(true);
    });
  },
);
