/**
 * A volume converted into a new volume of a pool in another format (VMDK, VDI, VHD ... into
 * qcow2): libvirt's STORAGE_VOL_CREATE_XML_FROM runs `qemu-img convert` on the host as the daemon,
 * so it works whatever the SSH user may read. Progress is the new volume's allocation, read while
 * it runs (libvirt reports none). Being completed by issue 17's disk import (formats libvirt does
 * not probe, such as VHDX).
 */
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { copyVolume } from '../vmClone/cloneCopy';

export interface VolumeConversion {
  source: StorageVolumeRef;
  pool: StoragePoolRef;
  name: string;
  format: 'qcow2' | 'raw';
  /** The guest-visible size of the new volume, bytes (at least the source's). */
  capacity: number;
  /** What the conversion is expected to write (its progress's 100 %): the source's used bytes. */
  bytes: number;
  signal: AbortSignal;
  onProgress(done: number, total: number): void;
}

export async function convertVolume(
  rpc: RpcClient,
  conversion: VolumeConversion,
): Promise<StorageVolumeRef> {
  return copyVolume(rpc, {
    pool: conversion.pool,
    source: conversion.source,
    name: conversion.name,
    capacity: conversion.capacity,
    format: conversion.format,
    bytes: conversion.bytes,
    sourceInUse: false,
    signal: conversion.signal,
    onProgress: (fraction) =>
      conversion.onProgress(Math.round(fraction * conversion.bytes), conversion.bytes),
  });
}
