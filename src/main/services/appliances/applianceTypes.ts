/**
 * Appliances (OVA / OVF, Vagrant boxes): one reader per format behind one staging job
 * (stage.ts). A read stages the appliance's disks into a pool as they stream in and says what
 * the VM is (ApplianceInfo); the create job (newVm/sources/appliance.ts) then makes the VM's
 * disks from what was staged, the way the format asks (converted copies, overlays on a box).
 */
import type { Message } from '../../../shared/messages/message';
import type { ApplianceInfo } from '../../../shared/api/newVmTypes';
import type { Host } from '../../hosts/host';
import type { StoragePoolRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { NewDomainSpec } from '../../xml/build/newDomain';
import type { SourceJob } from '../newVm/sources/sourceTypes';
import type { TarEntry } from './tarReader';

/** Where the wizard shows a read's problems: the Source page's appliance field. */
export const APPLIANCE_FIELD = 'source.appliance';

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
   * Uploads `body` (`size` bytes) into a new volume of the pool, registered so that a failed or
   * cancelled read deletes it. Its name is made from `name` (the entry's) with a prefix unique to
   * this read; `keep: true` (a box's base) uses `name` as it is, so that a later read finds it,
   * and survives a discard and a create. Problems (no room, a name taken) are invalid input on
   * the Source page (APPLIANCE_FIELD).
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
  /**
   * The create job's steps makeDisks names (job.step), in order; without it the create runs one
   * "Create disks" step around makeDisks.
   */
  steps?(info: ApplianceInfo): Message[];
  /**
   * In the create job: the VM's disks from what was staged, put into `spec.disks`; what it makes
   * goes into job.undo. Staged volumes it no longer needs it deletes; the ones left (not kept)
   * are deleted if it throws.
   */
  makeDisks(job: SourceJob, info: ApplianceInfo, spec: NewDomainSpec): Promise<void>;
}
