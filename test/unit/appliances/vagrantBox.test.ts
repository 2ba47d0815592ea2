/**
 * Vagrant boxes: what metadata.json, the Vagrantfile and box.img's header say, and the read's
 * refusals that come before anything is staged (a box for another provider, another format, an
 * image that is not qcow2, an archive with no metadata.json), fed the entries of real boxes made
 * with `tar` and `qemu-img` (the staging context records what would be uploaded).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import type { StagingContext } from '../../../src/main/services/appliances/applianceTypes';
import { gunzipIfNeeded, tarEntries } from '../../../src/main/services/appliances/tarReader';
import { vagrantBox } from '../../../src/main/services/appliances/vagrantBox';
import {
  baseVolumeNames,
  boxName,
  parseBoxMetadata,
  readQcow2Header,
  readVagrantfile,
} from '../../../src/main/services/appliances/vagrantBoxFiles';
import {
  boxWorkDir,
  buildBox,
  LIBVIRT_METADATA,
  tinyQcow2,
} from '../../integration/appliances/vagrantBoxFixtures';

const GiB = 1024 ** 3;

describe('metadata.json', () => {
  it('a libvirt box of a qcow2 image, its virtual size in GiB', () => {
    expect(parseBoxMetadata('{"provider":"libvirt","format":"qcow2","virtual_size":40}')).toEqual({
      provider: 'libvirt',
      format: 'qcow2',
      virtualSizeBytes: 40 * GiB,
      diskFile: 'box.img',
    });
  });

  it('a newer box listing its one disk names that file', () => {
    const meta = parseBoxMetadata(
      '{"provider":"libvirt","disks":[{"path":"./box_1.img","format":"qcow2"}]}',
    );
    expect(meta.diskFile).toBe('box_1.img');
    expect(meta.virtualSizeBytes).toBeUndefined();
  });

  it.each([
    ['{"provider":"virtualbox"}', 'This box is for the "virtualbox" provider'],
    ['{"provider":"vmware_desktop"}', 'This box is for the "vmware_desktop" provider'],
    ['{"provider":"libvirt","format":"raw"}', 'in the "raw" format'],
    ['{"format":"qcow2"}', 'names no provider'],
    ['not json', 'is not valid JSON'],
    ['[1,2]', 'is not a JSON object'],
    ['{"provider":"libvirt","virtual_size":"big"}', 'virtual_size ("big") is not a size'],
    ['{"provider":"libvirt","disks":[{"path":"a.img"},{"path":"b.img"}]}', 'This box has 2 disks'],
    ['{"provider":"libvirt","disks":[]}', 'lists no disk'],
  ])('%s is refused: %s', (text, message) => {
    expect(() => parseBoxMetadata(text)).toThrow(message);
  });
});

describe('Vagrantfile', () => {
  it("vagrant-libvirt's create_box.sh Vagrantfile sets nothing the VM needs", () => {
    const text = [
      'Vagrant.configure("2") do |config|',
      '  config.vm.provider :libvirt do |libvirt|',
      '    libvirt.driver = "kvm"',
      '    libvirt.host = ""',
      '    libvirt.connect_via_ssh = false',
      '    libvirt.storage_pool_name = "default"',
      '  end',
      'end',
    ].join('\n');
    expect(readVagrantfile(text)).toEqual({
      diskBus: undefined,
      memoryMiB: undefined,
      vcpus: undefined,
      nicModel: undefined,
    });
  });

  it("the libvirt block's memory, cpus, disk bus and NIC model, whatever its variable", () => {
    const text = [
      'Vagrant.configure("2") do |config|',
      '  config.vm.provider "virtualbox" do |lv|',
      '    lv.memory = 4096',
      '  end',
      '  config.vm.provider(:libvirt) do |lv|',
      '    lv.memory = 2048 # MiB',
      '    # lv.cpus = 8',
      '    lv.cpus = 2',
      "    lv.disk_bus = 'scsi'",
      '    lv.nic_model_type = "e1000"',
      '  end',
      'end',
    ].join('\r\n');
    expect(readVagrantfile(text)).toEqual({
      diskBus: 'scsi',
      memoryMiB: 2048,
      vcpus: 2,
      nicModel: 'e1000',
    });
  });

  it('computed values and unknown buses are left to the defaults', () => {
    const text = [
      'config.vm.provider :libvirt do |v|',
      '  v.memory = ENV["MEM"] || 1024',
      '  v.disk_bus = "floppy"',
      'end',
    ].join('\n');
    expect(readVagrantfile(text)).toMatchObject({ memoryMiB: undefined, diskBus: undefined });
  });
});

describe("box.img's header", () => {
  const header = (magic: number, backingOffset: bigint, size: bigint) => {
    const b = Buffer.alloc(104);
    b.writeUInt32BE(magic, 0);
    b.writeUInt32BE(3, 4);
    b.writeBigUInt64BE(backingOffset, 8);
    b.writeBigUInt64BE(size, 24);
    return b;
  };

  it('a real qcow2 image made by qemu-img: its version and virtual size', async () => {
    const work = boxWorkDir();
    try {
      const path = join(work.dir, 'box.img');
      await tinyQcow2(path);
      expect(readQcow2Header(readFileSync(path), 'box.img')).toEqual({
        version: 3,
        virtualSizeBytes: GiB,
      });
    } finally {
      work.remove();
    }
  });

  it('not qcow2, too short, or naming a backing file: refused', () => {
    expect(() => readQcow2Header(Buffer.alloc(512), 'box.img')).toThrow(
      "The box's box.img is not a qcow2 image",
    );
    expect(() => readQcow2Header(Buffer.from('QFI'), 'box.img')).toThrow('not a qcow2 image');
    expect(() => readQcow2Header(header(0x514649fb, 104n, 1024n), 'box.img')).toThrow(
      'names a backing file',
    );
  });
});

describe('names', () => {
  it.each([
    ['arch.box', 'arch'],
    ['/home/u/boxes/Debian 12 "bookworm" ✓.BOX', 'Debian 12 "bookworm" ✓'],
    ['C:\\boxes\\$(reboot);x.box', '$(reboot);x'],
    ['no-extension', 'no-extension'],
    ['.box', 'vagrant-box'],
    ['bad\u0001name.box', 'badname'],
  ])('%s -> %s', (file, name) => {
    expect(boxName(file)).toBe(name);
  });

  it('the base volume is "<box>.box.img", then "<box>-2.box.img" ...', () => {
    expect(baseVolumeNames('arch', 3)).toEqual([
      'arch.box.img',
      'arch-2.box.img',
      'arch-3.box.img',
    ]);
  });
});

describe('claims', () => {
  it.each([
    ['./metadata.json', true],
    ['Vagrantfile', true],
    ['./box.img', true],
    ['appliance.ovf', false],
    ['disk1.vmdk', false],
  ])('%s: %s', (name, claimed) => {
    expect(vagrantBox.claims(name)).toBe(claimed);
  });
});

describe('refused before anything is staged', () => {
  const work = boxWorkDir();
  afterAll(() => work.remove());

  /** Reads the box; stageVolume records instead of uploading; libvirt must not be asked. */
  async function readBox(path: string) {
    const staged: string[] = [];
    const ctx: StagingContext = {
      host: undefined as unknown as StagingContext['host'],
      rpc: new Proxy({} as RpcClient, {
        get: () => {
          throw new Error('libvirt was asked something');
        },
      }),
      pool: { name: 'box-pool', uuid: Buffer.alloc(16) },
      signal: new AbortController().signal,
      fileName: 'box-refused ✓.box',
      stageVolume: (name) => {
        staged.push(name);
        return Promise.reject(new Error('nothing should be staged'));
      },
    };
    const entries = tarEntries(gunzipIfNeeded(createReadStream(path)));
    const error = await vagrantBox.read(entries, ctx).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, staged };
  }

  it('a box for the virtualbox provider', async () => {
    const path = await buildBox(work.dir, 'vbox.box', {
      metadata: { provider: 'virtualbox' },
      image: Buffer.alloc(4096),
    });
    const { error, staged } = await readBox(path);
    expect(String(error)).toContain(
      'This box is for the "virtualbox" provider; only boxes for "libvirt" can be imported',
    );
    // Said beside the Source page's appliance field.
    expect(error).toMatchObject({
      code: 'invalid-input',
      fields: { 'source.appliance': expect.stringContaining('"virtualbox" provider') },
    });
    expect(staged).toEqual([]);
  });

  it('a libvirt box whose box.img is raw, not qcow2 (plain tar)', async () => {
    const path = await buildBox(work.dir, 'raw.box', {
      metadata: { provider: 'libvirt' },
      image: Buffer.alloc(4096, 0x55),
      gzip: false,
    });
    const { error, staged } = await readBox(path);
    expect(String(error)).toContain("The box's box.img is not a qcow2 image");
    expect(staged).toEqual([]);
  });

  it('a libvirt box that says its format is vmdk', async () => {
    const path = await buildBox(work.dir, 'vmdk.box', {
      metadata: { ...LIBVIRT_METADATA, format: 'vmdk' },
      image: Buffer.alloc(4096),
    });
    const { error, staged } = await readBox(path);
    expect(String(error)).toContain('in the "vmdk" format; a libvirt box holds qcow2');
    expect(staged).toEqual([]);
  });

  it('a Vagrantfile and a box.img without metadata.json is not a box', async () => {
    const path = await buildBox(work.dir, 'nometa.box', {
      image: Buffer.alloc(4096),
      order: ['Vagrantfile'],
    });
    const { error, staged } = await readBox(path);
    expect(String(error)).toContain('This archive is not a Vagrant box: it has no metadata.json');
    expect(staged).toEqual([]);
  });
});
