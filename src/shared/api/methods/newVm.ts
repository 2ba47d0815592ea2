import * as v from 'valibot';
import {
  applianceInfo,
  applianceOpened,
  applianceOrigin,
  createVmStarted,
  diskImageInfo,
  detectedOs,
  hostDirListing,
  newVmHostFacts,
  newVmOptions,
  osDefaults,
  osEntry,
} from '../newVmTypes';
import { connectionId, nothing, text, type MethodsOf, type ResultSchemas } from '../schema';

/** newVm.browse's `dir` for "where to start": a pool's folder the user can read, else home. */
export const BROWSE_START_DIR = '~';

export const newVmParams = {
  /** Every OS offered: the host's osinfo-db, then the built-in entries it lacks. */
  'newVm.osList': v.object({ connectionId }),
  'newVm.osDefaults': v.object({ connectionId, osId: text('osId') }),
  /** Which OS an ISO on the host installs (osinfo-detect, else its .disk/info, else its label). */
  'newVm.detectOs': v.object({ connectionId, path: text('path') }),
  'newVm.hostFacts': v.object({ connectionId }),
  /**
   * A directory of the host, as the connecting user may read it (SFTP for remote hosts);
   * BROWSE_START_DIR: the folder to start in (one the user can read), named in the answer.
   */
  'newVm.browse': v.object({ connectionId, dir: text('dir') }),
  /** Every check of the options, without creating anything. */
  'newVm.check': newVmOptions,
  /** Checks, then starts the create job (steps; rollback on failure). */
  'newVm.create': newVmOptions,
  /**
   * Reads an appliance (OVA, OVF with its disks, Vagrant box) and stages its disks into `pool`
   * as a job; newVm.appliance.info then says what it holds. A failed or cancelled read leaves
   * nothing staged.
   */
  'newVm.appliance.open': v.object({ connectionId, pool: text('pool'), origin: applianceOrigin }),
  /** What a staged appliance holds; fails until its read job is done. */
  'newVm.appliance.info': v.object({ connectionId, stageId: text('stageId') }),
  /** Deletes what a read staged (the wizard was left); a box's kept base volume stays. */
  'newVm.appliance.discard': v.object({ connectionId, stageId: text('stageId') }),
  /** The format and size of a disk image on the host (for "Import existing disk"). */
  'newVm.diskInfo': v.object({ connectionId, path: text('path') }),
  /** The public keys this machine's SSH agent holds (cloud-init's authorized keys). */
  'newVm.agentKeys': v.object({}),
  /** Whether the VM was customized and awaits its install ("Begin installation" on its page). */
  'newVm.awaitingInstall': v.object({ connectionId, uuid: text('uuid') }),
  /**
   * Begins a customized VM's install as a job: the install definition built from its current
   * one (media first, stopped at its first reboot), started; then the final one restarted.
   */
  'newVm.beginInstall': v.object({ connectionId, uuid: text('uuid') }),
};

export const newVmResults = {
  'newVm.osList': v.array(osEntry),
  'newVm.osDefaults': osDefaults,
  'newVm.detectOs': detectedOs,
  'newVm.hostFacts': newVmHostFacts,
  'newVm.browse': hostDirListing,
  'newVm.check': nothing,
  'newVm.create': createVmStarted,
  'newVm.appliance.open': applianceOpened,
  'newVm.appliance.info': applianceInfo,
  'newVm.appliance.discard': nothing,
  'newVm.diskInfo': diskImageInfo,
  'newVm.agentKeys': v.array(v.object({ type: v.string(), comment: v.string(), line: v.string() })),
  'newVm.awaitingInstall': v.object({ awaiting: v.boolean() }),
  'newVm.beginInstall': v.object({ jobId: v.string() }),
} satisfies ResultSchemas<typeof newVmParams>;

/**
 * The New VM wizard. Checks fail with invalid-input and `fields` named "<page>.<field>" (pages:
 * source, os, resources, storage, network, name), so each problem shows on its own page.
 */
export type NewVmMethods = MethodsOf<typeof newVmParams, typeof newVmResults>;
