/**
 * Removing a device from a running guest whose config and live XML list that kind differently
 * (one removed "at the next shutdown"): the key names a config device by its position, and the
 * running guest's copy of it is found by its address, not by the same position in the live XML,
 * where another device sits. Real QEMU guest (TCG, no disk) with three virtio RNGs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  destroyDomain,
  getDomainXml,
  lookupDomainByName,
  startDomain,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { applyEdit } from '../../../src/main/services/vmDetails/applyEdit';
import { openVm } from '../../../src/main/services/vmDetails/vmXml';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const VM = 'vdk-xmlscope-rngs';
const SLOTS = ['0x0a', '0x0b', '0x0c'];

function guestXml(): string {
  const rngs = SLOTS.map(
    (slot) => `
    <rng model='virtio'>
      <backend model='random'>/dev/urandom</backend>
      <address type='pci' domain='0x0000' bus='0x00' slot='${slot}' function='0x0'/>
    </rng>`,
  ).join('');
  return `<domain type='qemu'>
  <name>${VM}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <features><acpi/></features>
  <devices>
    <graphics type='vnc' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics>${rngs}
  </devices>
</domain>`;
}

/** The PCI slots of the domain's RNGs, in order. */
function rngSlots(xml: string): string[] {
  return [...xml.matchAll(/<rng [\s\S]*?slot='(0x[0-9a-f]+)'[\s\S]*?<\/rng>/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('removing a device whose position differs between config and live XML', () => {
  const host = new LocalHost();
  let conn: LibvirtConnection;
  let uuid: string;

  const removeOwn = async () => {
    const dom = await lookupDomainByName(conn.rpc, VM).catch(() => null);
    if (!dom) return;
    await destroyDomain(conn.rpc, dom).catch(() => {});
    await undefineDomain(conn.rpc, dom);
  };
  const xmlOf = async (flags: number) =>
    getDomainXml(conn.rpc, await lookupDomainByName(conn.rpc, VM), flags);
  const edit = async (key: string, configOnly?: boolean) =>
    applyEdit(await openVm(conn.rpc, uuid), { kind: 'removeDevice', key, configOnly }, uuid);

  beforeAll(async () => {
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeOwn();
    const dom = await defineDomain(conn.rpc, guestXml());
    uuid = uuidToString(dom.uuid);
    await startDomain(conn.rpc, dom);
  });
  afterAll(async () => {
    if (conn) await removeOwn();
    await conn?.close();
    await host.close();
  });

  it('detaches the config device’s own running copy, never its neighbour', async () => {
    // The middle RNG leaves the config only: rng:1 is now the third RNG there.
    expect(await edit('rng:1', true)).toEqual({ needsRestart: true });
    expect(rngSlots(await xmlOf(virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE))).toEqual([
      '0x0a',
      '0x0c',
    ]);
    expect(rngSlots(await xmlOf(0))).toEqual(SLOTS);

    // Removing rng:1 (the third RNG) asks the guest for slot 0x0c, not 0x0b (live rng #1).
    await edit('rng:1');
    expect(rngSlots(await xmlOf(virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE))).toEqual(['0x0a']);
    const live = rngSlots(await xmlOf(0));
    expect(live).toContain('0x0b');
    expect(live).toContain('0x0a');
  }, 120_000);
});
