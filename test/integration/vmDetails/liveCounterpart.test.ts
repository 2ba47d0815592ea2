/**
 * Removing a device from a running guest whose config and live XML list that kind differently
 * (one removed "at the next shutdown"): the key names a config device by its position, and the
 * running guest's copy of it is found by its address, not by the same position in the live XML,
 * where another device sits. Real QEMU guest (TCG, no disk) with three virtio RNGs.
 */
import { describe, expect, it } from 'vitest';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import { RNG_SLOTS as SLOTS, rngSlots, runningRngGuest } from '../../support/detailsFixtures';

describe('removing a device whose position differs between config and live XML', () => {
  const { xmlOf, removeDevice: edit } = runningRngGuest('vdk-xmlscope-rngs');

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
