/**
 * Defines a new container on an LXC connection after every check passed, and starts it when asked;
 * a container that cannot start is undefined again, so a failed create leaves nothing behind.
 */
import type { ContainerOptions } from '../../../shared/api/methods/lxc';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { LibvirtConnection } from '../../libvirt/connection';
import { defineAndStart } from '../defineAndStart';
import { checkContainer } from './containerChecks';
import { containerHostFacts } from './containerHostFacts';
import { containerXml } from './containerXml';

function requireLxc(conn: LibvirtConnection): void {
  if (conn.uri.driver !== 'lxc') throw new VirtdeckError('invalid-input', msg('lxc.notLxc'));
}

/** The XML `createContainer` would define, after the same checks. */
export async function previewContainerXml(
  host: Host,
  conn: LibvirtConnection,
  options: ContainerOptions,
): Promise<string> {
  requireLxc(conn);
  const facts = await containerHostFacts(host, conn.rpc);
  await checkContainer(host, conn.rpc, facts, options);
  return containerXml(options, facts.idmap);
}

export async function checkNewContainer(
  host: Host,
  conn: LibvirtConnection,
  options: ContainerOptions,
): Promise<void> {
  requireLxc(conn);
  await checkContainer(host, conn.rpc, await containerHostFacts(host, conn.rpc), options);
}

export async function createContainer(
  host: Host,
  conn: LibvirtConnection,
  options: ContainerOptions,
): Promise<{ uuid: string; name: string }> {
  if (options.build) throw new VirtdeckError('invalid-input', msg('lxc.buildWithJob'));
  const xml = await previewContainerXml(host, conn, options);
  return defineAndStart(conn, xml, options.start === true, msg('lxc.startFailed'));
}
