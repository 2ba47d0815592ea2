import * as v from 'valibot';
import type {
  CreateVmStarted,
  DetectedOs,
  HostDirListing,
  NewVmHostFacts,
  OsDefaults,
  OsEntry,
} from '../newVmTypes';
import {
  connectionId,
  formText,
  numberIn,
  optionalText,
  text,
  unknownKind,
  type ParamsIn,
  type ParamsOut,
} from '../schema';

// The wizard's options, each part checked for shape here; what they mean (a free name, a path
// that exists, memory the host has) is checked by services/newVm, naming the page and field.
// Text fields the user types may arrive empty: the service says what is missing.

/** Where the install comes from. */
const installSource = v.variant(
  'kind',
  [
    /** An ISO already on the host: a file path, or a volume of a pool. */
    v.object({ kind: v.literal('iso'), path: formText() }),
    /** Network install: kernel and initrd are fetched from the tree into the pool. */
    v.object({
      kind: v.literal('url'),
      url: v.pipe(
        formText(),
        v.transform((url) => url.trim()),
      ),
      kernelArgs: optionalText('kernelArgs'),
    }),
    /** An existing disk image (path on the host, or a volume path) booted as is. */
    v.object({ kind: v.literal('import'), path: formText() }),
    /** No media: PXE boot from the network. */
    v.object({ kind: v.literal('pxe') }),
  ],
  unknownKind('install source', 'kind'),
);

const newVmDisk = v.variant(
  'kind',
  [
    v.object({
      kind: v.literal('new'),
      pool: text('disk.pool'),
      sizeGiB: numberIn('disk.sizeGiB'),
    }),
    v.object({ kind: v.literal('existing'), path: formText() }),
    v.object({ kind: v.literal('none') }),
  ],
  unknownKind('disk', 'kind'),
);

const newVmNetwork = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('network'), name: formText() }),
    v.object({ kind: v.literal('bridge'), name: formText() }),
    v.object({ kind: v.literal('direct'), device: formText() }),
    v.object({ kind: v.literal('none') }),
  ],
  unknownKind('network', 'kind'),
);

const newVmOptions = v.object(
  {
    connectionId,
    name: formText(),
    osId: text('osId'),
    source: installSource,
    memoryMiB: numberIn('memoryMiB'),
    vcpus: numberIn('vcpus'),
    disk: newVmDisk,
    network: newVmNetwork,
    /** Define the VM and open its page without starting the install. */
    customize: v.optional(v.boolean('Expected true or false')),
    /** KVM (the default where the host has it) or QEMU's software emulation (TCG). */
    virtType: v.optional(
      v.picklist(['kvm', 'qemu'], (i) => `Unknown virtType "${String(i.input)}"`),
    ),
  },
  'options',
);

export type InstallSource = ParamsOut<typeof installSource>;
export type NewVmDisk = ParamsOut<typeof newVmDisk>;
export type NewVmNetwork = ParamsOut<typeof newVmNetwork>;
/** The wizard's options as the service gets them, checked for shape. */
export type NewVmOptions = ParamsOut<typeof newVmOptions>;

export const newVmParams = {
  'newVm.osList': v.object({ connectionId }),
  'newVm.osDefaults': v.object({ connectionId, osId: text('osId') }),
  'newVm.detectOs': v.object({ connectionId, path: text('path') }),
  'newVm.hostFacts': v.object({ connectionId }),
  'newVm.browse': v.object({ connectionId, dir: text('dir') }),
  'newVm.check': newVmOptions,
  'newVm.create': newVmOptions,
};
type In<M extends keyof typeof newVmParams> = ParamsIn<(typeof newVmParams)[M]>;

/**
 * The New VM wizard. Checks fail with invalid-input and `fields` named "<page>.<field>" (pages:
 * source, os, resources, storage, network, name), so each problem shows on its own page.
 */
export interface NewVmMethods {
  /** Every OS offered: the host's osinfo-db, then the built-in entries it lacks. */
  'newVm.osList': { params: In<'newVm.osList'>; result: OsEntry[] };
  'newVm.osDefaults': { params: In<'newVm.osDefaults'>; result: OsDefaults };
  /** Which OS an ISO on the host installs (osinfo-detect, else its .disk/info, else its label). */
  'newVm.detectOs': { params: In<'newVm.detectOs'>; result: DetectedOs };
  'newVm.hostFacts': { params: In<'newVm.hostFacts'>; result: NewVmHostFacts };
  /** A directory of the host, as the connecting user may read it (SFTP for remote hosts). */
  'newVm.browse': { params: In<'newVm.browse'>; result: HostDirListing };
  /** Every check of the options, without creating anything. */
  'newVm.check': { params: NewVmOptions; result: void };
  /** Checks, then starts the create job (steps; rollback on failure). */
  'newVm.create': { params: NewVmOptions; result: CreateVmStarted };
}
