/**
 * The device list of a running guest whose config and live XML list a kind differently (the
 * middle of three RNGs removed "at the next shutdown"): each config device is paired with its
 * running copy by its address, not by its position, and the removed one, still in the guest, is
 * listed under a key of its own that Remove takes. Real QEMU guest (TCG, no disk).
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
import { readVmDetails } from '../../../src/main/services/vmDetails/readDetails';
import { openVm } from '../../../src/main/services/vmDetails/vmXml';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const VM = 'vdk-devicereads-rngs';
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

describe('the device list of a guest running devices its config no longer has', () => {
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
  /** Each RNG card: its key, where the device is, and its PCI slot. */
  const rngCards = async () =>
    (await readVmDetails(await openVm(conn.rpc, uuid), uuid)).devices
      .filter((d) => d.kind === 'rng')
      .map((d) => [d.key, d.inConfig, d.inLive, /slot="(0x[0-9a-f]+)"/.exec(d.xml)?.[1]]);

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

  it('lists the removed device as live only, and Remove asks the guest for that one', async () => {
    expect(await edit('rng:1', true)).toEqual({ needsRestart: true });
    expect(rngSlots(await xmlOf(0))).toEqual(SLOTS);
    expect(await rngCards()).toEqual([
      ['rng:0', true, true, '0x0a'],
      ['rng:1', true, true, '0x0c'],
      ['live:rng:1', false, true, '0x0b'],
    ]);

    // Its key names it in the live XML alone: the config is left as it is. A guest without an
    // OS does not acknowledge a PCI unplug, so the device may stay, reported as such.
    const result = await edit('live:rng:1');
    expect(result.stillPresent === true || !rngSlots(await xmlOf(0)).includes('0x0b')).toBe(true);
    expect(rngSlots(await xmlOf(virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE))).toEqual([
      '0x0a',
      '0x0c',
    ]);
    expect(rngSlots(await xmlOf(0))).toEqual(expect.arrayContaining(['0x0a', '0x0c']));
  }, 120_000);
});
