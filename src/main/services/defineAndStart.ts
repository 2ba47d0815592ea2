import { VirtdeckError } from '../../shared/errors';
import type { Message } from '../../shared/messages/message';
import type { LibvirtConnection } from '../libvirt/connection';
import { defineDomain, startDomain, undefineDomain } from '../libvirt/domain';
import { uuidToString } from '../libvirt/refs';

/**
 * Defines `xml` and, when asked, starts it. Whatever fails after the define (the start, or
 * `beforeStart`, where a job names its step and stops on Cancel) undefines the domain again (the
 * user asked for a running guest, not a half-made one); a failed start throws `startFailed` with
 * libvirt's words as the detail. Used by the wizards that define in one call (containers, Xen
 * guests) and by the container build job.
 */
export async function defineAndStart(
  conn: LibvirtConnection,
  xml: string,
  start: boolean,
  startFailed: Message,
  beforeStart?: () => void,
): Promise<{ uuid: string; name: string }> {
  const dom = await defineDomain(conn.rpc, xml);
  if (start) {
    try {
      beforeStart?.();
      await startDomain(conn.rpc, dom).catch((err: unknown) => {
        const detail = err instanceof Error ? err.message : String(err);
        throw new VirtdeckError('libvirt', startFailed, { cause: err, detail });
      });
    } catch (err) {
      await undefineDomain(conn.rpc, dom).catch(() => {});
      throw err;
    }
  }
  return { uuid: uuidToString(dom.uuid), name: dom.name };
}
