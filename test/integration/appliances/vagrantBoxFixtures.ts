/**
 * Vagrant boxes built in the test, as vagrant-libvirt's create_box.sh writes them: the tiny
 * bootable hybrid ISO (test/support/testHost.ts) converted to qcow2 and grown to 1 GiB as
 * box.img, a metadata.json, a Vagrantfile, all in a `tar czf` with "./" names.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { destroyDomain, listAllDomains, undefineDomain } from '../../../src/main/libvirt/domain';
import type { StoragePoolRef } from '../../../src/main/libvirt/refs';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { virDomainUndefineFlagsValues } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import {
  buildPool,
  definePool,
  deletePoolStorage,
  listAllStoragePools,
  startPool,
  stopPool,
  undefinePool,
} from '../../../src/main/libvirt/storagePool';
import { deleteVolume, listVolumes } from '../../../src/main/libvirt/storageVolume';
import { buildTinyIso } from '../../support/testHost';

const run = promisify(execFile);

export const BOX_BANNER = 'VIRTDECK BOX';

/** Every VM and pool these tests make is named so, and removed by removeBoxLeftovers. */
export const BOX_PREFIX = 'box-it-';

export interface BoxPool {
  name: string;
  ref: StoragePoolRef;
  path: string;
}

/** A dir pool of its own, "box-it-pool-<tag>". */
export async function boxTempPool(rpc: RpcClient, tag: string): Promise<BoxPool> {
  const name = `${BOX_PREFIX}pool-${tag}`;
  const path = `/var/lib/libvirt/images/${name}`;
  const ref = await definePool(
    rpc,
    `<pool type='dir'><name>${name}</name><target><path>${path}</path></target></pool>`,
  );
  await buildPool(rpc, ref);
  await startPool(rpc, ref);
  return { name, ref, path };
}

/** Removes every domain and pool (with its volumes: bases, overlays) named box-it-*. */
export async function removeBoxLeftovers(rpc: RpcClient): Promise<void> {
  const { VIR_DOMAIN_UNDEFINE_NVRAM, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE } =
    virDomainUndefineFlagsValues;
  for (const dom of await listAllDomains(rpc)) {
    if (!dom.name.startsWith(BOX_PREFIX)) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(rpc, dom, VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_MANAGED_SAVE);
  }
  for (const pool of await listAllStoragePools(rpc)) {
    if (!pool.name.startsWith(BOX_PREFIX)) continue;
    for (const vol of await listVolumes(rpc, pool).catch(() => [])) {
      await deleteVolume(rpc, vol).catch(() => {});
    }
    await stopPool(rpc, pool).catch(() => {});
    await deletePoolStorage(rpc, pool).catch(() => {});
    await undefinePool(rpc, pool);
  }
}

export interface BoxContents {
  metadata?: Record<string, unknown>;
  vagrantfile?: string;
  /** box.img: the tiny hybrid ISO as qcow2 (the default), or these bytes as they are. */
  image?: 'tiny-qcow2' | Buffer;
  /** What the tiny image prints (BOX_BANNER by default). */
  banner?: string;
  /** The tiny image's virtual size, as qemu-img takes it ("1G" by default). */
  virtualSize?: string;
  /** Data written past the boot image (qemu-io), e.g. "192M": a box.img that takes a while. */
  fill?: string;
  /** The order of the files in the tar (vagrant-libvirt: metadata.json first). */
  order?: string[];
  /** Gzipped as `vagrant package` does (the default), or a plain tar. */
  gzip?: boolean;
}

export const LIBVIRT_METADATA = { provider: 'libvirt', format: 'qcow2', virtual_size: 1 };

export const LIBVIRT_VAGRANTFILE = [
  'Vagrant.configure("2") do |config|',
  '  config.vm.provider :libvirt do |libvirt|',
  '    libvirt.driver = "kvm"',
  '    libvirt.memory = 96',
  '    libvirt.cpus = 1',
  "    libvirt.disk_bus = 'sata'",
  '  end',
  'end',
  '',
].join('\n');

/** A directory of its own for a test's boxes; `remove` deletes it. */
export function boxWorkDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'vdk-box-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The tiny bootable image as a qcow2 (what box.img holds; 1 GiB by default), at `path`. */
export async function tinyQcow2(
  path: string,
  banner = BOX_BANNER,
  virtualSize = '1G',
): Promise<void> {
  const iso = `${path}.iso`;
  await buildTinyIso(iso, banner, { hybrid: true });
  await run('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', iso, path]);
  await run('qemu-img', ['resize', '-f', 'qcow2', path, virtualSize]);
  rmSync(iso, { force: true });
}

/** Writes `<dir>/<fileName>`: a box with the given contents (a valid libvirt box by default). */
export async function buildBox(
  dir: string,
  fileName: string,
  contents: BoxContents = {},
): Promise<string> {
  const work = mkdtempSync(join(dir, 'box-'));
  writeFileSync(join(work, 'metadata.json'), JSON.stringify(contents.metadata ?? LIBVIRT_METADATA));
  writeFileSync(join(work, 'Vagrantfile'), contents.vagrantfile ?? LIBVIRT_VAGRANTFILE);
  const image = contents.image ?? 'tiny-qcow2';
  if (image === 'tiny-qcow2') {
    await tinyQcow2(join(work, 'box.img'), contents.banner, contents.virtualSize);
    if (contents.fill) {
      await run('qemu-io', [
        '-f',
        'qcow2',
        '-c',
        `write -P 0x55 16M ${contents.fill}`,
        join(work, 'box.img'),
      ]);
    }
  } else writeFileSync(join(work, 'box.img'), image);
  const order = contents.order ?? ['metadata.json', 'Vagrantfile', 'box.img'];
  const out = join(dir, fileName);
  // An argv array: the box's name may hold spaces, quotes and unicode.
  await run('tar', [
    contents.gzip === false ? '-cf' : '-czf',
    out,
    '-C',
    work,
    ...order.map((f) => `./${f}`),
  ]);
  rmSync(work, { recursive: true, force: true });
  return out;
}
