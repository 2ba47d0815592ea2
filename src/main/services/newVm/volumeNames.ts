/**
 * Names of the volumes a new VM gets, on their own so that the checks and the source modules
 * (which the checks call) can both use them without an import cycle.
 */

/** The disk volume's name in its pool: the VM's name, made a safe file name. */
export function diskVolumeName(vmName: string): string {
  return `${vmName.replace(/\//g, '_')}.qcow2`;
}
