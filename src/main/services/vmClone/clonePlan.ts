/** The clone dialog's content. (Contract placeholder: the clone slice builds it.) */
import type { ClonePlan } from '../../../shared/api/methods/vmClone';
import { VirtdeckError } from '../../../shared/errors';
import type { Host } from '../../hosts/host';
import type { LibvirtConnection } from '../../libvirt/connection';

export async function planClone(
  _host: Host,
  _conn: LibvirtConnection,
  _uuid: string,
): Promise<ClonePlan> {
  throw new VirtdeckError('not-supported', 'Cloning is not built yet');
}
