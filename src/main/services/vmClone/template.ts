/** The template mark. (Contract placeholder: the templates slice builds it.) */
import { VirtdeckError } from '../../../shared/errors';
import type { RpcClient } from '../../libvirt/rpc/client';

export async function setTemplate(
  _rpc: RpcClient,
  _uuid: string,
  _template: boolean,
): Promise<void> {
  throw new VirtdeckError('not-supported', 'Templates are not built yet');
}
