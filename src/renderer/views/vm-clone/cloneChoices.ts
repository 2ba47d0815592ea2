/**
 * The clone dialog's choices as the user left them, over the backend's plan: only what the user
 * changed is kept (`edited ?? plan`), and everything else follows the plan, so a plan read again
 * (another disk, another suggestion) is shown as it is now.
 */
import type {
  CloneDisk,
  CloneDiskMode,
  CloneOptions,
  ClonePlan,
  IdentityOperation,
} from '../../../shared/api/methods/vmClone';

export interface CloneChoices {
  /** The clone's name as typed; the plan's suggestion while untouched. */
  name?: string;
  /** Modes and volume names the user picked, by disk target. */
  modes: ReadonlyMap<string, CloneDiskMode>;
  volumes: ReadonlyMap<string, string>;
  pauseSource: boolean;
  identity: ReadonlySet<IdentityOperation>;
  hostname: string;
  start: boolean;
}

export const NO_CHOICES: CloneChoices = {
  modes: new Map(),
  volumes: new Map(),
  pauseSource: false,
  identity: new Set(),
  hostname: '',
  start: false,
};

export const cloneName = (plan: ClonePlan, choices: CloneChoices): string =>
  choices.name ?? plan.suggestedName;

/**
 * The modes a disk can take now: a running source cannot give a linked clone (the original must
 * stay shut off under its overlay).
 */
export function modesOffered(disk: CloneDisk, active: boolean): CloneDiskMode[] {
  return disk.modes.filter((mode) => !(active && mode === 'linked'));
}

export function modeOf(disk: CloneDisk, choices: CloneChoices, active: boolean): CloneDiskMode {
  const offered = modesOffered(disk, active);
  const wanted = choices.modes.get(disk.target) ?? disk.defaultMode;
  return offered.includes(wanted) ? wanted : (offered[0] ?? disk.defaultMode);
}

/**
 * The new volume's name: the user's, else the plan's suggestion following the clone's name as
 * virt-clone names files: the plan's "web-clone.qcow2" (the source's "web.qcow2" renamed) becomes
 * "db.qcow2" when the clone is named "db"; a suggestion without the name ("disk-clone.qcow2")
 * stays as it is.
 */
export function volumeOf(plan: ClonePlan, disk: CloneDisk, choices: CloneChoices): string {
  const typed = choices.volumes.get(disk.target);
  if (typed !== undefined) return typed;
  const suggested = disk.suggestedVolume ?? '';
  const name = cloneName(plan, choices);
  if (name === plan.suggestedName || plan.suggestedName === '') return suggested;
  return suggested.split(plan.suggestedName).join(name);
}

/** A linked disk makes the original a template that stays shut off: the dialog says so. */
export const anyLinked = (plan: ClonePlan, choices: CloneChoices, active: boolean): boolean =>
  plan.disks.some((disk) => modeOf(disk, choices, active) === 'linked');

/**
 * What `vms.clone` gets: every disk of the plan in the plan's order (so the backend's
 * `disks.N.volume` is the dialog's row N), a volume name only for copy and linked.
 */
export function cloneParams(
  ref: { connectionId: string; uuid: string },
  plan: ClonePlan,
  choices: CloneChoices,
  active: boolean,
): CloneOptions {
  const operations = plan.identityReset.tool
    ? plan.identityReset.operations.filter((op) => choices.identity.has(op))
    : [];
  return {
    ...ref,
    name: cloneName(plan, choices),
    disks: plan.disks.map((disk) => {
      const mode = modeOf(disk, choices, active);
      return mode === 'share'
        ? { target: disk.target, mode }
        : { target: disk.target, mode, volume: volumeOf(plan, disk, choices) };
    }),
    pauseSource: active && choices.pauseSource,
    ...(operations.length > 0 && {
      identityReset: {
        operations,
        hostname: operations.includes('hostname') ? choices.hostname : undefined,
      },
    }),
    start: choices.start,
  };
}

/** The form fields the backend may name: its errors on them show beside them. */
export const isCloneField = (field: string): boolean =>
  field === 'name' ||
  field === 'pauseSource' ||
  field === 'identityReset.hostname' ||
  /^disks\.\d+\.(volume|mode)$/.test(field);
