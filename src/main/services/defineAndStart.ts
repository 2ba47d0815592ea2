import { VirtdeckError } from '../../shared/errors';
import type { Message } from '../../shared/messages/message';
import type { LibvirtConnection } from '../libvirt/connection';
import { defineDomain, startDomain, undefineDomain } from '../libvirt/domain';
import { uuidToString } from '../libvirt/refs';

/**
 * Defines `xml` and, when asked, starts it. A start that fails undefines the domain again (the
 * user asked for a running guest, not a half-made one) and throws `startFailed` with libvirt's
 * words as the detail. Used by the wizards that define in one call (containers, Xen guests).
 */
export async function defineAndStart(
  conn: LibvirtConnection,
  xml: string,
  start: boolean,
  startFailed: Message,
): Promise<{ uuid: string; name: string }> {
  const dom = await defineDomain(conn.rpc, xml);
  if (start) {
    try {
      await startDomain(conn.rpc, dom);
    } catch (err) {
      await undefineDomain(conn.rpc, dom).catch(() => {});
      const detail = err instanceof Error ? err.message : String(err);
      throw new VirtdeckError('libvirt', startFailed, { cause: err, detail });
    }
  }
  return { uuid: uuidToString(dom.uuid), name: dom.name };
}
