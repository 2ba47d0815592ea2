/**
 * The device list of a running guest whose config and live XML list a kind differently (the
 * middle of three RNGs removed "at the next shutdown"): each config device is paired with its
 * running copy by its address, not by its position, and the removed one, still in the guest, is
 * listed under a key of its own that Remove takes. Real QEMU guest (TCG, no disk).
 */
import { describe, expect, it } from 'vitest';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import { readVmDetails } from '../../../src/main/services/vmDetails/readDetails';
import { openVm } from '../../../src/main/services/vmDetails/vmXml';
import { RNG_SLOTS as SLOTS, rngSlots, runningRngGuest } from '../../support/detailsFixtures';

describe('the device list of a guest running devices its config no longer has', () => {
  const guest = runningRngGuest('vdk-devicereads-rngs');
  const { xmlOf, removeDevice: edit } = guest;
  /** Each RNG card: its key, where the device is, and its PCI slot. */
  const rngCards = async () =>
    (await readVmDetails(await openVm(guest.rpc(), guest.uuid()), guest.uuid())).devices
      .filter((d) => d.kind === 'rng')
      .map((d) => [d.key, d.inConfig, d.inLive, /slot="(0x[0-9a-f]+)"/.exec(d.xml)?.[1]]);

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
