/**
 * What the delete plan reads from a VM's XML and its snapshots' XML: each disk with its flags and
 * the backing chain a running guest's XML carries, the NVRAM file (or only that the guest is
 * UEFI, when libvirt 9.0 names no file), an emulated TPM, each external snapshot's overlays, and
 * the snapshots ordered children first.
 */
import { describe, expect, it } from 'vitest';
import {
  leavesFirst,
  readSnapshot,
  readVmStorage,
} from '../../../src/main/services/vmDelete/vmDisks';

const domain = (os: string, devices: string) =>
  `<domain type='qemu'><name>g</name>${os}<devices>${devices}</devices></domain>`;

describe('readVmStorage', () => {
  it('reads disks, their flags and the live backing chain', () => {
    const facts = readVmStorage(
      domain(
        `<os><type>hvm</type><nvram>/var/lib/libvirt/qemu/nvram/g_VARS.fd</nvram></os>`,
        `<disk type='file' device='disk'><source file='/p/top.qcow2'/><target dev='vda'/>
           <backingStore type='file'><source file='/p/mid.qcow2'/>
             <backingStore type='file'><source file='/p/base.qcow2'/><backingStore/></backingStore>
           </backingStore></disk>
         <disk type='volume' device='disk'><source pool='p' volume='v 1'/><target dev='vdb'/><shareable/></disk>
         <disk type='file' device='cdrom'><target dev='sda'/><readonly/></disk>
         <disk type='network' device='disk'><source protocol='nbd' name='x'/><target dev='vdc'/></disk>
         <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>`,
      ),
    );
    expect(facts.nvram).toBe('/var/lib/libvirt/qemu/nvram/g_VARS.fd');
    expect(facts.tpmState).toBe(true);
    expect(facts.uefi).toBe(false);
    expect(facts.disks).toEqual([
      {
        target: 'vda',
        device: 'disk',
        type: 'file',
        path: '/p/top.qcow2',
        pool: undefined,
        volume: undefined,
        readOnly: false,
        shareable: false,
        backingChain: ['/p/mid.qcow2', '/p/base.qcow2'],
      },
      expect.objectContaining({
        target: 'vdb',
        type: 'volume',
        pool: 'p',
        volume: 'v 1',
        shareable: true,
      }),
      expect.objectContaining({ target: 'sda', device: 'cdrom', path: undefined, readOnly: true }),
      expect.objectContaining({ target: 'vdc', type: 'network', path: undefined }),
    ]);
  });

  it("knows a firmware='efi' guest whose XML names no NVRAM file, and a TPM without state", () => {
    const facts = readVmStorage(
      domain(
        `<os firmware='efi'><type>hvm</type></os>`,
        `<tpm model='tpm-tis'><backend type='passthrough'><device path='/dev/tpm0'/></backend></tpm>`,
      ),
    );
    expect(facts).toMatchObject({ uefi: true, nvram: undefined, tpmState: false, disks: [] });
  });
});

describe('readSnapshot and leavesFirst', () => {
  const snapshot = (name: string, parent: string | undefined, disks: string) =>
    `<domainsnapshot><name>${name}</name>${parent ? `<parent><name>${parent}</name></parent>` : ''}
     <memory snapshot='no'/><disks>${disks}</disks></domainsnapshot>`;

  it("reads an external snapshot's overlays and an internal one's absence of files", () => {
    expect(
      readSnapshot(
        snapshot(
          'a b',
          undefined,
          `<disk name='vda' snapshot='external' type='file'><source file='/p/top.a'/></disk>
           <disk name='sda' snapshot='no'/>`,
        ),
      ),
    ).toEqual({
      name: 'a b',
      parent: undefined,
      external: true,
      overlays: [{ target: 'vda', path: '/p/top.a' }],
    });
    expect(readSnapshot(snapshot('i', 'a b', `<disk name='vda' snapshot='internal'/>`))).toEqual({
      name: 'i',
      parent: 'a b',
      external: false,
      overlays: [],
    });
  });

  it('orders children before their parents', () => {
    const s = (name: string, parent?: string) => ({ name, parent, external: false, overlays: [] });
    const ordered = leavesFirst([
      s('root'),
      s('child', 'root'),
      s('grandchild', 'child'),
      s('other', 'root'),
    ]);
    const at = (name: string) => ordered.findIndex((x) => x.name === name);
    expect(at('grandchild')).toBeLessThan(at('child'));
    expect(at('child')).toBeLessThan(at('root'));
    expect(at('other')).toBeLessThan(at('root'));
  });
});
