import * as v from 'valibot';
import {
  createVmStarted,
  detectedOs,
  hostDirListing,
  newVmHostFacts,
  newVmOptions,
  osDefaults,
  osEntry,
} from '../newVmTypes';
import { connectionId, nothing, text, type MethodsOf, type ResultSchemas } from '../schema';

export const newVmParams = {
  /** Every OS offered: the host's osinfo-db, then the built-in entries it lacks. */
  'newVm.osList': v.object({ connectionId }),
  'newVm.osDefaults': v.object({ connectionId, osId: text('osId') }),
  /** Which OS an ISO on the host installs (osinfo-detect, else its .disk/info, else its label). */
  'newVm.detectOs': v.object({ connectionId, path: text('path') }),
  'newVm.hostFacts': v.object({ connectionId }),
  /** A directory of the host, as the connecting user may read it (SFTP for remote hosts). */
  'newVm.browse': v.object({ connectionId, dir: text('dir') }),
  /** Every check of the options, without creating anything. */
  'newVm.check': newVmOptions,
  /** Checks, then starts the create job (steps; rollback on failure). */
  'newVm.create': newVmOptions,
};

export const newVmResults = {
  'newVm.osList': v.array(osEntry),
  'newVm.osDefaults': osDefaults,
  'newVm.detectOs': detectedOs,
  'newVm.hostFacts': newVmHostFacts,
  'newVm.browse': hostDirListing,
  'newVm.check': nothing,
  'newVm.create': createVmStarted,
} satisfies ResultSchemas<typeof newVmParams>;

/**
 * The New VM wizard. Checks fail with invalid-input and `fields` named "<page>.<field>" (pages:
 * source, os, resources, storage, network, name), so each problem shows on its own page.
 */
export type NewVmMethods = MethodsOf<typeof newVmParams, typeof newVmResults>;
