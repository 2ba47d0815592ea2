/**
 * The host overview read from XML captured from this machine's libvirtd (libvirt 9.0, QEMU 7.2,
 * x86_64; `virsh capabilities` and `virsh domcapabilities --virttype kvm|qemu`, in ./fixtures):
 * machine types with their aliases, KVM or TCG, the firmware a guest can have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readCapabilities,
  readDomainCapabilitiesFirmware,
} from '../../../src/main/services/host/hostOverview';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const capabilities = fixture('capabilities-x86_64.xml');

describe('host capabilities', () => {
  it('reads the CPU and the x86_64 guests machine types, aliases first', () => {
    const caps = readCapabilities(capabilities);
    expect(caps).toMatchObject({ arch: 'x86_64', cpuModel: 'kvm64', cpuVendor: 'AMD', kvm: true });
    // The x86_64 guest's 60 machines, not the i686 guest's (the XML lists both, 120 in all).
    expect(caps.machines).toHaveLength(60);
    expect(caps.machines.slice(0, 2)).toEqual([
      { name: 'pc-q35-7.2', alias: 'q35', deprecated: false },
      { name: 'pc-i440fx-7.2', alias: 'pc', deprecated: false },
    ]);
    // Then newest first, numbers compared as numbers (7.2 before 2.12 before 2.9).
    const names = caps.machines.map((m) => m.name);
    expect(names.indexOf('pc-q35-7.2', 2)).toBeLessThan(names.indexOf('pc-q35-2.12'));
    expect(names.indexOf('pc-q35-2.12')).toBeLessThan(names.indexOf('pc-q35-2.9'));
    expect(caps.machines.find((m) => m.name === 'pc-i440fx-1.5')?.deprecated).toBe(true);
    expect(caps.machines.filter((m) => m.deprecated).length).toBeGreaterThan(0);
  });

  it('says TCG when the host offers no KVM domain for its architecture', () => {
    // The same host as if /dev/kvm were missing: libvirt then lists only <domain type='qemu'/>.
    const noKvm = capabilities.replaceAll("<domain type='kvm'/>", '');
    expect(noKvm).not.toEqual(capabilities);
    expect(readCapabilities(noKvm).kvm).toBe(false);
    expect(readCapabilities(noKvm).machines).toHaveLength(60);
  });

  it.each(['kvm', 'qemu'])('reads the firmware of the %s domain capabilities', (virtType) => {
    const fw = readDomainCapabilitiesFirmware(fixture(`domcapabilities-x86_64-${virtType}.xml`));
    // libvirt lists only "efi" here; QEMU's SeaBIOS is always there on x86, so BIOS is offered.
    expect(fw).toEqual({
      known: true,
      kinds: ['bios', 'efi'],
      loaders: ['/usr/share/OVMF/OVMF_CODE_4M.fd'],
      secureBoot: false,
    });
  });

  it('offers Secure Boot only when the loader says secure=yes', () => {
    const xml = fixture('domcapabilities-x86_64-kvm.xml').replace(
      "<enum name='secure'>\n        <value>no</value>",
      "<enum name='secure'>\n        <value>yes</value>\n        <value>no</value>",
    );
    expect(readDomainCapabilitiesFirmware(xml).secureBoot).toBe(true);
  });
});
