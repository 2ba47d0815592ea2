/**
 * "From a template": the wizard's form as `vms.clone`'s options, and the clone's field errors
 * as the wizard's pages name them.
 */
import type { CloneDisk, CloneOptions, ClonePlan } from '../../../shared/api/methods/vmClone';
import { networkOf, type WizardForm } from './wizardState';

/** What the chosen copy mode means for one disk: CD-ROMs and what cannot be copied are shared. */
function diskMode(disk: CloneDisk, mode: WizardForm['cloneMode']): CloneDisk['defaultMode'] {
  if (disk.modes.includes(mode)) return mode;
  return disk.modes.includes('share') ? 'share' : disk.defaultMode;
}

/**
 * The new volume's name: the plan suggests one from "NAME-clone"; the wizard names the VM
 * itself, so the suggestion's prefix becomes that name ("base-clone-vdb.qcow2" -> "web-vdb.qcow2").
 * Empty (the backend's own suggestion) when the suggestion does not start with it.
 */
function cloneVolumeName(plan: ClonePlan, disk: CloneDisk, name: string): string {
  const suggested = disk.suggestedVolume ?? '';
  if (name === '' || !suggested.startsWith(plan.suggestedName)) return '';
  return `${name}${suggested.slice(plan.suggestedName.length)}`;
}

/** Whether every disk (not CD-ROM) can be made as `mode`; linked needs an overlay-capable pool. */
export function modeOffered(plan: ClonePlan, mode: WizardForm['cloneMode']): boolean {
  return plan.disks.filter((d) => d.device === 'disk').every((d) => d.modes.includes(mode));
}

/** The mode the clone is made with: the one chosen when the plan offers it, else a full copy. */
export function effectiveCloneMode(
  plan: ClonePlan | undefined,
  mode: WizardForm['cloneMode'],
): WizardForm['cloneMode'] {
  return !plan || modeOffered(plan, mode) ? mode : 'copy';
}

export function toCloneOptions(connectionId: string, f: WizardForm, plan: ClonePlan): CloneOptions {
  return {
    connectionId,
    uuid: f.templateUuid,
    name: f.name,
    disks: plan.disks.map((d) => {
      const mode = diskMode(d, effectiveCloneMode(plan, f.cloneMode));
      return {
        target: d.target,
        mode,
        ...(mode === 'share' ? {} : { volume: cloneVolumeName(plan, d, f.name) }),
      };
    }),
    pauseSource: false,
    ...(f.identityOps.length > 0 ? { identityReset: { operations: f.identityOps } } : {}),
    overrides: { memoryMiB: f.memoryMiB, vcpus: f.vcpus, network: networkOf(f) },
    // "Customize" opens the new VM's page instead of starting it.
    start: !f.customize,
  };
}

/**
 * A field error of vms.clone as "<page>.<field>" of a field the wizard shows, so none is lost:
 * the name and the new volumes' names (named after the VM) on the Name page, memory and vCPUs on
 * theirs, the network on its page, identity reset and anything about the disks on the source
 * page (where the copy mode is chosen).
 */
export function wizardField(field: string): string {
  if (field === 'name' || /^disks\.\d+\.volume$/.test(field)) return 'name.name';
  const resource = /(?:^|\.)(memoryMiB|vcpus)$/.exec(field)?.[1];
  if (resource) return `resources.${resource}`;
  if (/(?:^|\.)network(?:\.|$)/.test(field)) return 'network.name';
  if (field.startsWith('identityReset')) return 'source.operations';
  return 'source.mode';
}
