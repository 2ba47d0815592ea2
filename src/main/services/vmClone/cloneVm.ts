/** The clone job. (Contract placeholder: the clone slice builds it.) */
import type { CloneOptions } from '../../../shared/api/methods/vmClone';
import type { CreateVmStarted } from '../../../shared/api/newVmTypes';
import { VirtdeckError } from '../../../shared/errors';
import type { Jobs } from '../jobTypes';
import type { Host } from '../../hosts/host';
import type { LibvirtConnection } from '../../libvirt/connection';

export async function startCloneVm(
  _host: Host,
  _conn: LibvirtConnection,
  _jobs: Jobs,
  _options: CloneOptions,
): Promise<CreateVmStarted & { result: Promise<unknown> }> {
  throw new VirtdeckError('not-supported', 'Cloning is not built yet');
}
