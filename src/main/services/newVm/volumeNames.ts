/** The names a new VM's volumes get in their pool (checked free before anything is made). */

/** The disk volume's name in its pool: the VM's name, made a safe file name. */
export function diskVolumeName(vmName: string): string {
  return `${vmName.replace(/\//g, '_')}.qcow2`;
}
