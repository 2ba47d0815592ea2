/**
 * The wizard's form: what each page edits, how it becomes the API's NewVmOptions, and which of
 * the backend's field errors ("<page>.<field>") belong to which page.
 */
import type { IdentityOperation } from '../../../shared/api/methods/vmClone';
import type { NewVmOptions, NewVmPage, OsDefaults } from '../../../shared/api/newVmTypes';
import { initialApplianceForm, type ApplianceForm } from './appliance/applianceForm';
import { cloudSource, initialCloudForm, type CloudForm } from './cloud/cloudForm';

export interface WizardForm {
  /** `template`: a clone of a template VM (vms.clone), not an install (newVm.create). */
  sourceKind: 'iso' | 'url' | 'import' | 'pxe' | 'template' | 'cloud' | 'appliance';
  isoPath: string;
  url: string;
  /** The network install's kernel command line. */
  kernelArgs: string;
  importPath: string;
  /** Where an imported foreign image (VMDK, VDI, ...) is converted to qcow2. */
  importPool: string;
  /** A cloud image with cloud-init (sourceKind `cloud`). */
  cloud: CloudForm;
  /** An OVA / OVF / Vagrant box (sourceKind `appliance`). */
  appliance: ApplianceForm;
  /** The template cloned from (sourceKind `template`), and its name for the pages to show. */
  templateUuid: string;
  templateName: string;
  /** Its disks as qcow2 overlays on the template's (`linked`) or as full copies. */
  cloneMode: 'linked' | 'copy';
  /** What the host's virt-sysprep resets in the new VM's disks. */
  identityOps: IdentityOperation[];
  osId: string;
  /** What the media said it installs (shown on the OS page; not sent). */
  detectedOsId?: string;
  volumeLabel?: string;
  memoryMiB: number;
  vcpus: number;
  diskKind: 'new' | 'existing' | 'none';
  pool: string;
  sizeGiB: number;
  existingPath: string;
  netKind: 'network' | 'bridge' | 'direct' | 'none';
  netName: string;
  name: string;
  customize: boolean;
  virtType?: 'kvm' | 'qemu';
}

export const STEPS = [
  'source',
  'os',
  'resources',
  'storage',
  'network',
  'name',
  'summary',
] as const satisfies readonly (NewVmPage | 'summary')[];
export type Step = (typeof STEPS)[number];

/** The pages this form goes through: a template brings its OS and disks, so those pages go. */
export function stepsOf(form: Pick<WizardForm, 'sourceKind'>): readonly Step[] {
  // A template and an appliance bring their disks; a template its OS too.
  if (form.sourceKind === 'template') return STEPS.filter((s) => s !== 'os' && s !== 'storage');
  if (form.sourceKind === 'appliance') return STEPS.filter((s) => s !== 'storage');
  return STEPS;
}

export function initialForm(): WizardForm {
  return {
    sourceKind: 'iso',
    isoPath: '',
    url: '',
    kernelArgs: '',
    importPath: '',
    importPool: 'default',
    cloud: initialCloudForm(),
    appliance: initialApplianceForm(),
    templateUuid: '',
    templateName: '',
    cloneMode: 'linked',
    identityOps: [],
    osId: 'generic',
    memoryMiB: 1024,
    vcpus: 1,
    diskKind: 'new',
    pool: 'default',
    sizeGiB: 20,
    existingPath: '',
    netKind: 'network',
    netName: 'default',
    name: '',
    customize: false,
  };
}

/** The OS's recommendations, bounded by what the host has. */
export function applyDefaults(
  form: WizardForm,
  d: OsDefaults,
  host?: { memoryMiB: number; cpus: number },
): WizardForm {
  return {
    ...form,
    memoryMiB: host ? Math.min(d.memoryMiB, host.memoryMiB) : d.memoryMiB,
    vcpus: host ? Math.min(d.vcpus, host.cpus) : d.vcpus,
    sizeGiB: d.diskGiB,
  };
}

export function toOptions(connectionId: string, f: WizardForm): NewVmOptions {
  const source: NewVmOptions['source'] =
    f.sourceKind === 'iso'
      ? { kind: 'iso', path: f.isoPath }
      : f.sourceKind === 'url'
        ? { kind: 'url', url: f.url, kernelArgs: f.kernelArgs.trim() || undefined }
        : f.sourceKind === 'import'
          ? { kind: 'import', path: f.importPath, pool: f.importPool }
          : f.sourceKind === 'cloud'
            ? cloudSource(f.cloud)
            : f.sourceKind === 'appliance'
              ? { kind: 'appliance', stageId: f.appliance.stageId }
              : { kind: 'pxe' };
  const disk: NewVmOptions['disk'] =
    f.sourceKind === 'cloud'
      ? { kind: 'new', pool: f.pool, sizeGiB: f.sizeGiB }
      : f.sourceKind === 'import' || f.sourceKind === 'appliance' || f.diskKind === 'none'
        ? { kind: 'none' }
        : f.diskKind === 'new'
          ? { kind: 'new', pool: f.pool, sizeGiB: f.sizeGiB }
          : { kind: 'existing', path: f.existingPath };
  return {
    connectionId,
    name: f.name,
    osId: f.osId,
    source,
    memoryMiB: f.memoryMiB,
    vcpus: f.vcpus,
    disk,
    network: networkOf(f),
    customize: f.customize,
    virtType: f.virtType,
  };
}

/** The network page's choice as the API names it (an install's, or a clone's override). */
export function networkOf(f: WizardForm): NewVmOptions['network'] {
  return f.netKind === 'none'
    ? { kind: 'none' }
    : f.netKind === 'direct'
      ? { kind: 'direct', device: f.netName }
      : { kind: f.netKind, name: f.netName };
}

/** The page a backend field error belongs to ("storage.sizeGiB" -> storage). */
export function stepOfField(field: string): Step | undefined {
  const page = field.split('.')[0];
  return STEPS.find((s) => s === page);
}

/**
 * The backend's field names for form fields named otherwise (the options say `source.path` for
 * the ISO or imported image): a change to the form field clears that error too.
 */
export const ERROR_FIELD_OF: Partial<Record<keyof WizardForm, string>> = {
  isoPath: 'path',
  importPath: 'path',
  importPool: 'pool',
};

/** The field errors of one page, keyed by the field's own name ("sizeGiB"). */
export function errorsOf(errors: Record<string, string>, step: Step): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    if (k.startsWith(`${step}.`)) out[k.slice(step.length + 1)] = v;
  }
  return out;
}
