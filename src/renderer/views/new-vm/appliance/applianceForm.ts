/** The appliance source's part of the wizard form, and what a read fills into the rest. */
import type { ApplianceInfo } from '../../../../shared/api/newVmTypes';

export interface ApplianceForm {
  /** Set once newVm.appliance.open started reading it. */
  stageId: string;
  /** What the read found, once its job is done. */
  info?: ApplianceInfo;
  /** The read's job (its progress bar). */
  jobId?: string;
  /** Where the read stages the disks (and the create converts them). */
  pool: string;
  origin: 'upload' | 'host';
  /** The file on the host, for origin `host`. */
  hostPath: string;
}

export function initialApplianceForm(): ApplianceForm {
  return { stageId: '', pool: '', origin: 'upload', hostPath: '' };
}

/** The fields of the wizard a read pre-fills (the user may change them on their pages). */
export interface ApplianceFill {
  name?: string;
  memoryMiB?: number;
  vcpus?: number;
  osId?: string;
}

/** What the appliance says of the VM, as the wizard's fields. */
export function fillFromAppliance(info: ApplianceInfo): ApplianceFill {
  return {
    // A VM name cannot hold "/"; the OVF's may.
    name: info.name.replace(/\//g, '_').trim() || undefined,
    ...(info.memoryMiB ? { memoryMiB: info.memoryMiB } : {}),
    ...(info.vcpus ? { vcpus: info.vcpus } : {}),
    ...(info.osId ? { osId: info.osId } : {}),
  };
}

/**
 * The OS defaults' memory and vCPUs give way to the appliance's: the chosen OS changing (the
 * read sets it) must not undo what the read filled in.
 */
export function keepApplianceSizes<
  F extends { sourceKind: string; appliance: ApplianceForm; memoryMiB: number; vcpus: number },
>(form: F): F {
  const info = form.sourceKind === 'appliance' ? form.appliance.info : undefined;
  if (!info) return form;
  return {
    ...form,
    memoryMiB: info.memoryMiB ?? form.memoryMiB,
    vcpus: info.vcpus ?? form.vcpus,
  };
}

/** The pool a read goes into when the user has not chosen: "default" if there, else the first. */
export function defaultPool(pools: readonly { name: string; active: boolean }[]): string {
  const active = pools.filter((p) => p.active);
  return (active.find((p) => p.name === 'default') ?? active[0])?.name ?? '';
}
