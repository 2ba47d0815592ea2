/**
 * Appliances (OVA / OVF, Vagrant boxes): one reader per format behind one staging job
 * (stage.ts). A read stages the appliance's disks into a pool as they stream in and says what
 * the VM is (ApplianceInfo); the create job (newVm/sources/appliance.ts) then makes the VM's
 * disks from what was staged, the way the format asks (converted copies, overlays on a box).
 */
import type { ApplianceInfo } from '../../../shared/api/newVmTypes';
import type { Host } from '../../hosts/host';
import type { StoragePoolRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { NewDomainSpec } from '../../xml/build/newDomain';
import type { SourceJob } from '../newVm/sources/sourceTypes';
import type { TarEntry } from './tarReader';

export interface StagedVolume {
  path: string;
  /** The format the pool's probe found (vmdk, qcow2, vdi, raw ...). */
  format: string;
  capacityBytes: number;
}

/** What a format's reader may use while the read job runs. */
export interface StagingContext {
  host: Host;
  rpc: RpcClient;
  pool: StoragePoolRef;
  signal: AbortSignal;
  /** The appliance's file name: the upload's name, or the host path's last part ("arch.box"). */
  fileName: string;
  /**
   * Uploads `body` (`size` bytes) into a new volume `name` of the pool, registered so that a
   * failed or cancelled read deletes it; `keep: true` (a box's base) survives a discard.
   */
  stageVolume(
    name: string,
    size: number,
    body: AsyncIterable<Buffer>,
    options?: { keep?: boolean },
  ): Promise<StagedVolume>;
}

export type ArchiveEntries = AsyncIterable<{ entry: TarEntry; body: AsyncIterable<Buffer> }>;

export interface ApplianceFormat {
  format: ApplianceInfo['format'];
  /** Whether this reader takes an archive whose first file entry has this name. */
  claims(firstFileName: string): boolean;
  /** Reads every entry (the first included) and stages the disks. */
  read(entries: ArchiveEntries, ctx: StagingContext): Promise<Omit<ApplianceInfo, 'stageId'>>;
  /** In the create job: the VM's disks from what was staged, put into `spec.disks`. */
  makeDisks(job: SourceJob, info: ApplianceInfo, spec: NewDomainSpec): Promise<void>;
}
