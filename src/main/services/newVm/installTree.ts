/**
 * Network install: the kernel and initrd of an install tree (the layouts of Fedora / RHEL,
 * Debian, Ubuntu and openSUSE trees) fetched by the app and written into volumes of a pool on
 * the host through libvirt's upload stream, as virt-install stores them in a pool; the VM boots
 * them with <kernel> / <initrd> for the install only.
 */
import { Readable } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StorageVolumeRef } from '../../libvirt/refs';
import { createVolume, deleteVolume, uploadVolume } from '../../libvirt/storageVolume';
import { storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { findPool } from '../storage/lookups';

const LAYOUTS: [kernel: string, initrd: string][] = [
  ['images/pxeboot/vmlinuz', 'images/pxeboot/initrd.img'],
  [
    'main/installer-amd64/current/images/netboot/debian-installer/amd64/linux',
    'main/installer-amd64/current/images/netboot/debian-installer/amd64/initrd.gz',
  ],
  [
    'install/netboot/ubuntu-installer/amd64/linux',
    'install/netboot/ubuntu-installer/amd64/initrd.gz',
  ],
  ['boot/x86_64/loader/linux', 'boot/x86_64/loader/initrd'],
];

async function fetchBytes(url: string, signal: AbortSignal): Promise<Buffer | undefined> {
  const res = await fetch(url, { signal }).catch((err: unknown) => {
    throw new VirtdeckError('unreachable', `Cannot fetch ${url}: ${String(err)}`);
  });
  if (!res.ok) return undefined;
  return Buffer.from(await res.arrayBuffer());
}

export async function fetchInstallKernel(
  rpc: RpcClient,
  poolName: string,
  vmName: string,
  treeUrl: string,
  signal: AbortSignal,
): Promise<{ volumes: StorageVolumeRef[]; paths: { kernel: string; initrd: string } }> {
  const base = treeUrl.endsWith('/') ? treeUrl : `${treeUrl}/`;
  let files: [Buffer, Buffer] | undefined;
  for (const [kernel, initrd] of LAYOUTS) {
    const k = await fetchBytes(new URL(kernel, base).href, signal);
    if (!k) continue;
    const i = await fetchBytes(new URL(initrd, base).href, signal);
    if (i) {
      files = [k, i];
      break;
    }
  }
  if (!files) {
    throw new VirtdeckError(
      'invalid-input',
      `No kernel and initrd found in the tree at ${treeUrl}`,
    );
  }
  const pool = await findPool(rpc, poolName);
  const volumes: StorageVolumeRef[] = [];
  const safe = vmName.replace(/\//g, '_');
  try {
    for (const [suffix, bytes] of [
      ['kernel', files[0]],
      ['initrd', files[1]],
    ] as const) {
      const vol = await createVolume(
        rpc,
        pool,
        storageVolumeXml({ name: `${safe}-${suffix}`, capacity: bytes.length, format: 'raw' }),
      );
      volumes.push(vol);
      await uploadVolume(rpc, vol, Readable.from([bytes]), { length: bytes.length, signal });
    }
  } catch (err) {
    for (const vol of volumes) await deleteVolume(rpc, vol).catch(() => {});
    throw err;
  }
  const [kernelVol, initrdVol] = volumes;
  if (!kernelVol || !initrdVol) throw new Error('kernel and initrd volumes missing');
  return { volumes, paths: { kernel: kernelVol.key, initrd: initrdVol.key } };
}
