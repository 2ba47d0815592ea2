/**
 * Resetting a clone's identity inside its disks with the host's virt-sysprep (or virt-customize):
 * a new /etc/machine-id, new SSH host keys, a new hostname. (Contract placeholder: the identity
 * slice builds it.)
 */
import type { IdentityOperation } from '../../../shared/api/methods/vmClone';
import { VirtdeckError } from '../../../shared/errors';
import type { Host } from '../../hosts/host';

export interface IdentityResetTool {
  /** The tool found on the host; absent when it has neither. */
  tool?: 'virt-sysprep' | 'virt-customize';
  /** The package that brings it, for the dialog to name when the tool is missing. */
  package: string;
  operations: IdentityOperation[];
}

/** Which tool the host has (looked for once per call; cheap: one exec). */
export async function identityResetTool(_host: Host): Promise<IdentityResetTool> {
  return Promise.resolve({ package: 'guestfs-tools', operations: [] });
}

/**
 * Runs the reset on the disk images at `paths` (host paths; a linked clone's overlay is enough).
 * The caller makes sure nothing runs on them. Rejects with the tool's own message.
 */
export async function resetGuestIdentity(
  _host: Host,
  _paths: readonly string[],
  _reset: { operations: readonly IdentityOperation[]; hostname?: string },
  _signal: AbortSignal,
): Promise<void> {
  throw new VirtdeckError('not-supported', 'Identity reset is not built yet');
}
