/**
 * Whether a VNC console's clipboard can reach the guest: QEMU's vdagent channel (type
 * 'qemu-vdagent', target com.redhat.spice.0) must be in the live XML, and the guest's
 * spice-vdagent must have opened it (libvirt reports the target's state as 'connected').
 */
import type { Element } from '@xmldom/xmldom';
import type { ClipboardAgentState } from '../../shared/api/methods/consoleTools';
import { getDomainXml, lookupDomainByUuid } from '../libvirt/domain';
import { uuidFromString } from '../libvirt/refs';
import type { RpcClient } from '../libvirt/rpc/client';
import { devicesNamed } from '../xml/edits/domain/domainOrder';
import { attribute, firstChild, parseXml } from '../xml/xmlDocument';

const VDAGENT_NAME = 'com.redhat.spice.0';

/** The vdagent channel's state in a domain XML (the live one says connected / disconnected). */
export function clipboardAgentOf(domainXml: string): ClipboardAgentState {
  const domain = parseXml(domainXml).documentElement as Element;
  const channel = devicesNamed(domain, 'channel').find(
    (c) =>
      c.getAttribute('type') === 'qemu-vdagent' &&
      attribute(firstChild(c, 'target'), 'name') === VDAGENT_NAME,
  );
  if (!channel) return 'none';
  const state = attribute(firstChild(channel, 'target'), 'state');
  return state === 'connected'
    ? 'connected'
    : state === 'disconnected'
      ? 'disconnected'
      : 'unknown';
}

export async function clipboardAgentState(
  rpc: RpcClient,
  uuid: string,
): Promise<ClipboardAgentState> {
  const dom = await lookupDomainByUuid(rpc, uuidFromString(uuid));
  return clipboardAgentOf(await getDomainXml(rpc, dom, 0));
}
