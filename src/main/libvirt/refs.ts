/**
 * References to libvirt objects as the protocol carries them (name + UUID, and so on). Callers
 * pass these back unchanged; only the UUID gets a readable string form.
 */
import type {
  RemoteNonnullDomain,
  RemoteNonnullDomainSnapshot,
  RemoteNonnullNetwork,
  RemoteNonnullStoragePool,
  RemoteNonnullStorageVol,
} from './rpc/generated/remoteProtocol';

export type DomainRef = RemoteNonnullDomain;
export type NetworkRef = RemoteNonnullNetwork;
export type StoragePoolRef = RemoteNonnullStoragePool;
export type StorageVolumeRef = RemoteNonnullStorageVol;
export type SnapshotRef = RemoteNonnullDomainSnapshot;

/** 16 raw bytes to the 8-4-4-4-12 form libvirt prints. */
export function uuidToString(uuid: Buffer): string {
  const hex = uuid.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function uuidFromString(text: string): Buffer {
  const hex = text.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${text}`);
  return Buffer.from(hex, 'hex');
}

/** libvirt packs versions as major * 1,000,000 + minor * 1,000 + micro. */
export function versionToString(packed: bigint | number): string {
  const n = Number(packed);
  return `${Math.floor(n / 1_000_000)}.${Math.floor(n / 1000) % 1000}.${n % 1000}`;
}
