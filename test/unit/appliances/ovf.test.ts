/**
 * OVF descriptors as exporters write them: VirtualBox's (vbox: extensions, units in words, an
 * EFI machine, a virtio NIC, disks on SATA and IDE) and VMware ovftool's (vmw: extensions,
 * "byte * 2^20" units, SCSI, EFI by vmw:Config), and the ones that are not usable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/main/services/appliances/ova';
import {
  allocationUnitBytes,
  nicModel,
  ovfReferencedFiles,
  parseOvf,
} from '../../../src/main/services/appliances/ovf';
import { InvalidInputError } from '../../../src/shared/errors';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../fixtures/appliances', name), 'utf8');

const OVFTOOL_EFI = `<?xml version="1.0" encoding="UTF-8"?>
<ovf:Envelope xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/2" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:epasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData" xmlns:sasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData">
  <ovf:References>
    <ovf:File ovf:href="win-disk1.vmdk" ovf:id="file1" ovf:size="123456"/>
    <ovf:File ovf:href="win-file1.nvram" ovf:id="file2" ovf:size="8684"/>
  </ovf:References>
  <ovf:DiskSection>
    <ovf:Info>Virtual disk information</ovf:Info>
    <ovf:Disk ovf:capacity="64" ovf:capacityAllocationUnits="byte * 2^30" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
  </ovf:DiskSection>
  <ovf:VirtualSystem ovf:id="Windows Server 2022">
    <ovf:Info>A virtual machine</ovf:Info>
    <ovf:Name>Windows Server 2022</ovf:Name>
    <ovf:OperatingSystemSection ovf:id="1" vmw:osType="windows2019srvNext_64Guest">
      <ovf:Info>The kind of installed guest operating system</ovf:Info>
    </ovf:OperatingSystemSection>
    <ovf:VirtualHardwareSection>
      <ovf:Info>Virtual hardware requirements</ovf:Info>
      <ovf:Item>
        <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>3</rasd:ResourceType>
        <rasd:VirtualQuantity>4</rasd:VirtualQuantity>
      </ovf:Item>
      <ovf:Item>
        <rasd:AllocationUnits>byte * 2^30</rasd:AllocationUnits>
        <rasd:InstanceID>2</rasd:InstanceID>
        <rasd:ResourceType>4</rasd:ResourceType>
        <rasd:VirtualQuantity>8</rasd:VirtualQuantity>
      </ovf:Item>
      <ovf:Item>
        <rasd:InstanceID>3</rasd:InstanceID>
        <rasd:ResourceSubType>lsilogicsas</rasd:ResourceSubType>
        <rasd:ResourceType>6</rasd:ResourceType>
      </ovf:Item>
      <ovf:StorageItem>
        <sasd:AddressOnParent>0</sasd:AddressOnParent>
        <sasd:HostResource>ovf:/disk/vmdisk1</sasd:HostResource>
        <sasd:InstanceID>4</sasd:InstanceID>
        <sasd:Parent>3</sasd:Parent>
        <sasd:ResourceType>17</sasd:ResourceType>
      </ovf:StorageItem>
      <ovf:EthernetPortItem>
        <epasd:Connection>VM Network</epasd:Connection>
        <epasd:InstanceID>5</epasd:InstanceID>
        <epasd:ResourceSubType>VmxNet3</epasd:ResourceSubType>
        <epasd:ResourceType>10</epasd:ResourceType>
      </ovf:EthernetPortItem>
      <vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="efi"/>
      <vmw:Config ovf:required="false" vmw:key="tools.syncTimeWithHost" vmw:value="false"/>
    </ovf:VirtualHardwareSection>
  </ovf:VirtualSystem>
</ovf:Envelope>`;

function refusal(xml: string): string {
  try {
    parseOvf(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidInputError);
    const fields = (err as InvalidInputError).fields;
    expect(Object.keys(fields)).toEqual(['source.appliance']);
    return (err as Error).message;
  }
  throw new Error('expected the descriptor to be refused');
}

describe('parseOvf', () => {
  it('reads a VirtualBox export: name, memory in MegaBytes, CPUs, EFI, disks on SATA and IDE, a virtio NIC, the OS from vbox:OSType', () => {
    expect(parseOvf(fixture('virtualbox-export.ovf'))).toEqual({
      name: 'Arch Linux',
      memoryMiB: 2048,
      vcpus: 2,
      firmware: 'efi',
      osId: 'archlinux',
      disks: [
        { file: 'Arch Linux-disk001.vmdk', capacityBytes: 21474836480, bus: 'sata' },
        { file: 'Arch Linux-disk002.vmdk', capacityBytes: 1073741824, bus: 'ide' },
      ],
      nics: [{ model: 'virtio', network: 'NAT' }],
      files: ['Arch Linux-disk001.vmdk', 'Arch Linux-disk002.vmdk'],
    });
  });

  it('reads an ovftool OVF 2.0 export: prefixed envelope, GiB units, SCSI, StorageItem / EthernetPortItem, EFI by vmw:Config', () => {
    const ovf = parseOvf(OVFTOOL_EFI);
    expect(ovf).toMatchObject({
      name: 'Windows Server 2022',
      memoryMiB: 8192,
      vcpus: 4,
      firmware: 'efi',
      disks: [{ file: 'win-disk1.vmdk', capacityBytes: 64 * 2 ** 30, bus: 'scsi' }],
      nics: [{ model: 'vmxnet3', network: 'VM Network' }],
    });
    // An OS osinfo has no entry for is left to the user (the wizard's OS list).
    expect(ovf.osId).toBeUndefined();
    expect(ovfReferencedFiles(OVFTOOL_EFI)).toEqual(['win-disk1.vmdk', 'win-file1.nvram']);
  });

  it('says BIOS when nothing says EFI', () => {
    expect(parseOvf(OVFTOOL_EFI.replace('vmw:value="efi"', 'vmw:value="bios"')).firmware).toBe(
      'bios',
    );
  });

  it('refuses XML that does not parse, a document that is not OVF, no VirtualSystem, a disk whose file References lacks', () => {
    expect(refusal('<Envelope><References>')).toMatch(/^The OVF descriptor does not parse/);
    expect(refusal('<domain type="kvm"/>')).toMatch(/not OVF/);
    expect(refusal('<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"/>')).toMatch(
      /no VirtualSystem/,
    );
    expect(refusal(OVFTOOL_EFI.replace('ovf:fileRef="file1"', 'ovf:fileRef="file9"'))).toMatch(
      /Disk vmdisk1 names file "file9", which References lacks/,
    );
  });

  it('refuses files compressed inside the OVF (ovf:compression), which it cannot stream', () => {
    expect(
      refusal(OVFTOOL_EFI.replace('ovf:id="file1"', 'ovf:id="file1" ovf:compression="gzip"')),
    ).toMatch(/compressed/);
  });
});

describe('units, NIC models and manifests', () => {
  it('understands the allocation units exporters write', () => {
    expect(allocationUnitBytes('byte * 2^20')).toBe(2 ** 20);
    expect(allocationUnitBytes('byte*2^30')).toBe(2 ** 30);
    expect(allocationUnitBytes('MegaBytes')).toBe(2 ** 20);
    expect(allocationUnitBytes(undefined)).toBe(1);
    expect(allocationUnitBytes('hertz * 10^6')).toBeUndefined();
  });

  it('maps NIC subtypes to libvirt models', () => {
    expect(
      ['E1000', 'E1000e', 'VmxNet3', 'PCNet32', 'virtio', 'Wavelan', undefined].map(nicModel),
    ).toEqual(['e1000', 'e1000e', 'vmxnet3', 'pcnet', 'virtio', undefined, undefined]);
  });

  it('reads ovftool and VirtualBox manifest lines', () => {
    const mf = parseManifest(
      'SHA256(appliance.ovf)= AB12\nSHA1 (Arch Linux-disk001.vmdk) = cd34\r\nnot a line\n',
    );
    expect([...mf]).toEqual([
      ['appliance.ovf', { algorithm: 'sha256', digest: 'ab12' }],
      ['Arch Linux-disk001.vmdk', { algorithm: 'sha1', digest: 'cd34' }],
    ]);
  });
});
