/**
 * What an appliance says of the hardware reaches the new domain's XML: its firmware (EFI without
 * Secure Boot, or BIOS where the OS would pick EFI) and a NIC per OVF NIC with its model on the
 * network the user chose. (IDE disks becoming SATA on q35: test/integration/appliances.)
 */
import { describe, expect, it } from 'vitest';
import { builtInOs } from '../../../src/main/services/newVm/osCapabilities';
import { defaultsFromCapabilities } from '../../../src/main/services/newVm/osDefaults';
import { applyApplianceHardware } from '../../../src/main/services/newVm/sources/appliance';
import { newDomainXml, type NewDomainSpec } from '../../../src/main/xml/build/newDomain';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import type { ApplianceInfo } from '../../../src/shared/api/newVmTypes';

function spec(shortId: string): NewDomainSpec {
  return {
    name: 'ova "vm" ü',
    uuid: '6f1c2a4e-0000-4000-8000-000000000001',
    virtType: 'qemu',
    arch: 'x86_64',
    memoryMiB: 256,
    vcpus: 1,
    defaults: defaultsFromCapabilities(shortId, builtInOs(shortId)!.caps, 'built-in'),
    disks: [{ path: '/pool/vm.qcow2', format: 'qcow2', bus: 'sata' }],
    nic: { source: { kind: 'network', network: 'lab net' }, mac: '52:54:00:00:00:01' },
    installBoot: 'hd',
  };
}

const info = (patch: Partial<ApplianceInfo>): ApplianceInfo => ({
  stageId: 's',
  format: 'ova',
  name: 'x',
  disks: [],
  nics: [],
  ...patch,
});

function devices(xml: string) {
  const root = parseXml(xml).documentElement!;
  return { root, devices: firstChild(root, 'devices')! };
}

describe('applyApplianceHardware', () => {
  it('gives every OVF NIC its model, all on the chosen network', () => {
    const s = spec('generic');
    applyApplianceHardware(info({ nics: [{ model: 'e1000' }, { model: 'vmxnet3' }, {}] }), s);
    const nics = childElements(devices(newDomainXml(s, 'final')).devices, 'interface');
    expect(nics.map((n) => attribute(firstChild(n, 'model'), 'type'))).toEqual([
      'e1000',
      'vmxnet3',
      s.defaults.nicModel,
    ]);
    expect(nics.map((n) => attribute(firstChild(n, 'source'), 'network'))).toEqual([
      'lab net',
      'lab net',
      'lab net',
    ]);
    expect(new Set(nics.map((n) => attribute(firstChild(n, 'mac'), 'address'))).size).toBe(3);
  });

  it('boots EFI appliances with UEFI (no Secure Boot promised) and BIOS ones with BIOS', () => {
    const efi = spec('generic');
    applyApplianceHardware(info({ firmware: 'efi' }), efi);
    const os = firstChild(devices(newDomainXml(efi, 'final')).root, 'os')!;
    expect(attribute(os, 'firmware')).toBe('efi');
    const features = childElements(firstChild(os, 'firmware')!, 'feature');
    expect(features.map((f) => attribute(f, 'enabled'))).toEqual(['no', 'no']);

    const bios = spec('generic');
    bios.defaults = { ...bios.defaults, firmware: 'efi', secureBoot: true };
    applyApplianceHardware(info({ firmware: 'bios' }), bios);
    expect(
      attribute(firstChild(devices(newDomainXml(bios, 'final')).root, 'os'), 'firmware'),
    ).toBeUndefined();
  });
});
