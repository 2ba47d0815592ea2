/**
 * The details page's service on a real QEMU guest (qemu:///system, TCG): bad input is refused
 * with a clear message and the VM's XML stays exactly as it was (memory above the host's, vCPUs
 * above the maximum, an invalid MAC, a MAC another VM uses on the same network, a device the
 * running guest cannot hot-unplug, XML libvirt refuses); good edits reach the persistent XML of
 * a shut-off VM, and the live XML of a running one (hot-added disk and NIC, CD-ROM media).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { getDomainXml, lookupDomainByName, startDomain } from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { applyEdit } from '../../../src/main/services/vmDetails/applyEdit';
import { readVmDetails } from '../../../src/main/services/vmDetails/readDetails';
import { openVm } from '../../../src/main/services/vmDetails/vmXml';
import { defineXmlFromTab } from '../../../src/main/services/vmDetails/xmlTab';
import { setVmTags } from '../../../src/main/services/vmDetails/vmSettings';
import {
  firstVmSummaries,
  listVmSummaries,
  readVmSummary,
} from '../../../src/main/services/vmInventory';
import { VIRTDECK_NS } from '../../../src/main/xml/edits/domain/metadata';
import type { VmEdit } from '../../../src/shared/api/vmDetailsTypes';
import {
  createDetailsNetwork,
  createDetailsPool,
  defineDetailsVm,
  removeDetailsLeftovers,
  type DetailsPool,
} from '../../support/detailsFixtures';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const VM = `vdk-details-int 'ü' $(x);`;
const OTHER = 'vdk-details-int-other';
const TAKEN_MAC = '52:54:00:0d:e7:01';

describe('VM details edits on a real QEMU guest', () => {
  const host = new LocalHost();
  let conn: LibvirtConnection;
  let pool: DetailsPool;
  let network: string;
  let uuid: string;

  const xmlOf = async (flags: number) =>
    getDomainXml(conn.rpc, await lookupDomainByName(conn.rpc, VM), flags);
  const both = async () => ({
    config: await xmlOf(
      virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE | virDomainXMLFlags.VIR_DOMAIN_XML_SECURE,
    ),
    live: await xmlOf(virDomainXMLFlags.VIR_DOMAIN_XML_SECURE),
  });
  const edit = async (e: VmEdit) => applyEdit(await openVm(conn.rpc, uuid), e, uuid);
  /** The edit is refused with `message` and neither XML changed. */
  const refused = async (e: VmEdit, message: RegExp) => {
    const before = await both();
    await expect(edit(e)).rejects.toThrow(message);
    expect(await both()).toEqual(before);
  };

  beforeAll(async () => {
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeDetailsLeftovers(conn.rpc);
    pool = await createDetailsPool(conn.rpc);
    network = await createDetailsNetwork(conn.rpc, 31);
    await defineDetailsVm(conn.rpc, VM, pool);
    await defineDetailsVm(conn.rpc, OTHER, pool, {
      withDisk: false,
      nic: { network, mac: TAKEN_MAC },
    });
    uuid = uuidToString((await lookupDomainByName(conn.rpc, VM)).uuid);
  });

  afterAll(async () => {
    await removeDetailsLeftovers(conn.rpc).catch(() => {});
    await conn?.close();
    await host.close();
  });

  it('refuses memory above the host, vCPUs above the maximum, bad MACs; the VM unchanged', async () => {
    const { memoryKiB } = await conn.nodeInfo();
    await refused({ kind: 'memory', maximumKiB: memoryKiB + 1024 }, /at most/);
    await refused({ kind: 'vcpus', maximum: 100_000 }, /Maximum vCPUs must be at most/);
    await refused({ kind: 'vcpus', current: 3 }, /vCPUs must be at most 2/);
    const nic = (mac: string): VmEdit => ({
      kind: 'addDevice',
      device: { kind: 'interface', source: { network }, model: 'virtio', mac },
    });
    await refused(nic('52:54:00:zz:00:01'), /is not a MAC address/);
    await refused(nic('01:00:5e:00:00:01'), /multicast/);
    await refused(
      nic(TAKEN_MAC.toUpperCase()),
      new RegExp(`already used on network .* "${OTHER}"`),
    );
  });

  it('changes memory and vCPUs of the shut-off VM in the XML libvirt returns', async () => {
    expect(await edit({ kind: 'memory', maximumKiB: 96 * 1024, currentKiB: 80 * 1024 })).toEqual({
      needsRestart: false,
    });
    await edit({ kind: 'vcpus', maximum: 2, current: 2 });
    const config = await xmlOf(virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    expect(config).toMatch(/<memory unit='KiB'>98304<\/memory>/);
    expect(config).toMatch(/<currentMemory unit='KiB'>81920<\/currentMemory>/);
    expect(config).toMatch(/<vcpu placement='static'>2<\/vcpu>/);
    const details = await readVmDetails(await openVm(conn.rpc, uuid), uuid);
    expect(details.memory.maximumKiB).toBe(96 * 1024);
    expect(details.cpu).toMatchObject({ maximum: 2, current: 2 });
    expect(details.devices.map((d) => d.key)).toEqual(
      expect.arrayContaining(['disk:vda', 'disk:hdc', 'serial:0', 'graphics:0']),
    );
  });

  it('stores tags in Virtdeck’s metadata namespace; the VM list reads them', async () => {
    await setVmTags(await openVm(conn.rpc, uuid), ['web', 'prod ü', 'web']);
    expect(await xmlOf(virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).toContain(VIRTDECK_NS);
    const row = (await listVmSummaries(conn.rpc, 'c')).find((v) => v.uuid === uuid);
    expect(row?.tags).toEqual(['web', 'prod ü']);
    const alone = await readVmSummary(conn.rpc, 'c', uuid);
    expect(alone?.tags).toEqual(['web', 'prod ü']);
    // The first listing has QEMU's state and sizes from one bulk call; the tags come after it.
    const first = (await firstVmSummaries(conn.rpc, 'c')).find((v) => v.uuid === uuid);
    const { tags: _tags, template: _template, ...sized } = alone!;
    expect(first).toEqual({ ...sized, pending: 'metadata' });
  });

  it('refuses XML libvirt rejects with libvirt’s message; nothing changes', async () => {
    const before = await both();
    const bad = before.config.replace('<devices>', '<devices><bogus/>');
    await expect(defineXmlFromTab(await openVm(conn.rpc, uuid), uuid, bad)).rejects.toThrow(
      /validate|Relax-NG|bogus|schema/i,
    );
    const wrongUuid = before.config.replace(uuid, '00000000-0000-0000-0000-000000000001');
    await expect(defineXmlFromTab(await openVm(conn.rpc, uuid), uuid, wrongUuid)).rejects.toThrow(
      /keep this VM's UUID/,
    );
    expect(await both()).toEqual(before);
  });

  it('on the running guest: hot-adds a disk and a NIC, changes CD-ROM media live', async () => {
    await startDomain(conn.rpc, await lookupDomainByName(conn.rpc, VM));
    const disk = await edit({
      kind: 'addDevice',
      device: {
        kind: 'disk',
        device: 'disk',
        bus: 'virtio',
        source: {
          pool: pool.name,
          name: 'hot.qcow2',
          capacityBytes: 16 * 1024 * 1024,
          format: 'qcow2',
        },
      },
    });
    expect(disk).toEqual({ needsRestart: false });
    const nic = await edit({
      kind: 'addDevice',
      device: { kind: 'interface', source: { network }, model: 'virtio', mac: '52:54:00:0d:e7:02' },
    });
    expect(nic).toEqual({ needsRestart: false });
    const after = await both();
    for (const xml of [after.live, after.config]) {
      expect(xml).toContain('hot.qcow2');
      expect(xml).toContain("<mac address='52:54:00:0d:e7:02'/>");
    }
    await edit({ kind: 'media', key: 'disk:hdc', source: null });
    expect((await both()).live).not.toContain(pool.iso);
    await edit({ kind: 'media', key: 'disk:hdc', source: pool.iso });
    expect((await both()).live).toContain(`file='${pool.iso}'`);
  });

  it('refuses to hot-unplug what the running guest cannot lose, with libvirt’s words', async () => {
    // An IDE CD-ROM cannot be unplugged from a running i440fx guest.
    await refused(
      { kind: 'removeDevice', key: 'disk:hdc' },
      /ide|hot ?un?plug|not supported|cannot/i,
    );
  });
});
