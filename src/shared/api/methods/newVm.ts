import type {
  CreateVmStarted,
  DetectedOs,
  HostDirListing,
  NewVmHostFacts,
  NewVmOptions,
  OsDefaults,
  OsEntry,
} from '../newVmTypes';

/**
 * The New VM wizard. Checks fail with invalid-input and `fields` named "<page>.<field>" (pages:
 * source, os, resources, storage, network, name), so each problem shows on its own page.
 */
export interface NewVmMethods {
  /** Every OS offered: the host's osinfo-db, then the built-in entries it lacks. */
  'newVm.osList': { params: { connectionId: string }; result: OsEntry[] };
  'newVm.osDefaults': { params: { connectionId: string; osId: string }; result: OsDefaults };
  /** Which OS an ISO on the host installs (osinfo-detect, else its .disk/info, else its label). */
  'newVm.detectOs': { params: { connectionId: string; path: string }; result: DetectedOs };
  'newVm.hostFacts': { params: { connectionId: string }; result: NewVmHostFacts };
  /** A directory of the host, as the connecting user may read it (SFTP for remote hosts). */
  'newVm.browse': { params: { connectionId: string; dir: string }; result: HostDirListing };
  /** Every check of the options, without creating anything. */
  'newVm.check': { params: NewVmOptions; result: void };
  /** Checks, then starts the create job (steps; rollback on failure). */
  'newVm.create': { params: NewVmOptions; result: CreateVmStarted };
}

export const NEW_VM_METHOD_NAMES = [
  'newVm.osList',
  'newVm.osDefaults',
  'newVm.detectOs',
  'newVm.hostFacts',
  'newVm.browse',
  'newVm.check',
  'newVm.create',
] as const satisfies readonly (keyof NewVmMethods)[];
