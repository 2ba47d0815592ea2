/**
 * Changes to a domain's configuration that libvirt makes itself, live and / or persistent (virsh
 * setmem, setvcpus, domrename, blockresize, desc, metadata), as opposed to a define of edited XML.
 */
import type { RpcClient } from './rpc/client';
import { LibvirtError } from './rpc/errors';
import {
  virDomainBlockResizeFlags,
  virDomainMetadataType,
  virErrorNumber,
} from './rpc/generated/libvirtEnums';
import type { DomainRef } from './refs';

/**
 * The balloon target in KiB; `flags`: virDomainModificationImpact (libvirt's
 * virDomainMemoryModFlags adds MAXIMUM, unused here).
 */
export async function setDomainMemoryFlags(
  rpc: RpcClient,
  dom: DomainRef,
  memoryKiB: number,
  flags: number,
): Promise<void> {
  await rpc.call('DOMAIN_SET_MEMORY_FLAGS', { dom, memory: BigInt(memoryKiB), flags });
}

export async function setDomainVcpusFlags(
  rpc: RpcClient,
  dom: DomainRef,
  vcpus: number,
  flags: number,
): Promise<void> {
  await rpc.call('DOMAIN_SET_VCPUS_FLAGS', { dom, nvcpus: vcpus, flags });
}

/** Renames a shut-off domain (virsh domrename). */
export async function renameDomain(rpc: RpcClient, dom: DomainRef, newName: string): Promise<void> {
  await rpc.call('DOMAIN_RENAME', { dom, new_name: newName, flags: 0 });
}

/** Tells a running guest that a disk grew (virsh blockresize). */
export async function resizeBlockDevice(
  rpc: RpcClient,
  dom: DomainRef,
  disk: string,
  sizeBytes: number,
): Promise<void> {
  await rpc.call('DOMAIN_BLOCK_RESIZE', {
    dom,
    disk,
    size: BigInt(sizeBytes),
    // The size is in bytes, not KiB.
    flags: virDomainBlockResizeFlags.VIR_DOMAIN_BLOCK_RESIZE_BYTES,
  });
}

/** A metadata element in namespace `uri` (XML text), or null when the domain has none. */
export async function getDomainMetadataElement(
  rpc: RpcClient,
  dom: DomainRef,
  uri: string,
  flags: number,
): Promise<string | null> {
  try {
    const type = virDomainMetadataType.VIR_DOMAIN_METADATA_ELEMENT;
    return (await rpc.call('DOMAIN_GET_METADATA', { dom, type, uri, flags })).metadata;
  } catch (err) {
    if (
      err instanceof LibvirtError &&
      err.libvirtCode === virErrorNumber.VIR_ERR_NO_DOMAIN_METADATA
    )
      return null;
    throw err;
  }
}

/** The most vCPUs a guest of `type` (e.g. "kvm", "qemu") may have on this host. */
export async function getMaxVcpus(rpc: RpcClient, type: string | null): Promise<number> {
  return (await rpc.call('CONNECT_GET_MAX_VCPUS', { type })).max_vcpus;
}
