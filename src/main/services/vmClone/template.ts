/**
 * The template mark: a VM kept to be cloned from, never run (Proxmox's templates). It lives in the
 * domain's own metadata, so it outlives the app and is seen by every Virtdeck that connects.
 *
 * Its own namespace, not the tags' (VIRTDECK_NS) nor the install mark's: libvirt keeps ONE
 * metadata element per namespace and DOMAIN_SET_METADATA replaces it whole, so sharing one would
 * overwrite the other's content. Only the persistent definition carries it: a template is a
 * definition to copy, and libvirt sends a metadata-change event for it, which re-reads the row.
 */
import { VirtdeckError } from '../../../shared/errors';
import { msg, type MessageKey } from '../../../shared/messages/message';
import { templateBlock, type TemplateBlock } from '../../../shared/vmActions';
import {
  getDomainInfo,
  hasManagedSave,
  isDomainPersistent,
  lookupDomainByUuid,
} from '../../libvirt/domain';
import type { Element } from '@xmldom/xmldom';
import { getDomainMetadataElement } from '../../libvirt/domainConfig';
import { uuidFromString, type DomainRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import {
  virDomainMetadataType,
  virDomainModificationImpact,
} from '../../libvirt/rpc/generated/libvirtEnums';
import { childElements, firstChild } from '../../xml/xmlDocument';
import { removeElement } from '../../xml/xmlEdit';

export const TEMPLATE_NS = 'https://virtdeck.app/xmlns/template/1';
const KEY = 'virtdeck-template';
const { VIR_DOMAIN_METADATA_ELEMENT } = virDomainMetadataType;
/** The persistent definition. */
const { VIR_DOMAIN_AFFECT_CONFIG } = virDomainModificationImpact;

/**
 * Marks (or unmarks) the VM as a template. A VM that runs, is paused or has a saved state cannot
 * become one (it would be run again from that state), nor can a transient VM (no definition to
 * keep the mark). Unmarking always works.
 */
export async function setTemplate(rpc: RpcClient, uuid: string, template: boolean): Promise<void> {
  const dom = await lookupDomainByUuid(rpc, uuidFromString(uuid));
  if (template) await checkCanBecomeTemplate(rpc, dom);
  await rpc.call('DOMAIN_SET_METADATA', {
    dom,
    type: VIR_DOMAIN_METADATA_ELEMENT,
    metadata: template ? '<template/>' : null,
    key: template ? KEY : null,
    uri: TEMPLATE_NS,
    flags: VIR_DOMAIN_AFFECT_CONFIG,
  });
}

const BLOCK_WORDS: Record<TemplateBlock, MessageKey> = {
  transient: 'clone.templateTransient',
  active: 'clone.templateRunning',
  saved: 'clone.templateSaved',
};

async function checkCanBecomeTemplate(rpc: RpcClient, dom: DomainRef): Promise<void> {
  const [info, persistent, saved] = await Promise.all([
    getDomainInfo(rpc, dom),
    isDomainPersistent(rpc, dom),
    hasManagedSave(rpc, dom),
  ]);
  const block = templateBlock({ state: info.state, persistent, hasManagedSave: saved });
  if (block) {
    throw new VirtdeckError('invalid-input', msg(BLOCK_WORDS[block], { name: dom.name }));
  }
}

/**
 * Whether the VM's persistent definition carries the mark (a transient VM never does). One call,
 * made beside the row's others so the list's cost stays one round trip per VM.
 */
export async function isTemplate(
  rpc: RpcClient,
  dom: DomainRef,
  persistent: boolean,
): Promise<boolean> {
  if (!persistent) return false;
  return (await getDomainMetadataElement(rpc, dom, TEMPLATE_NS, VIR_DOMAIN_AFFECT_CONFIG)) !== null;
}

/**
 * A copy of a template is a VM, not another template: the mark is left out of the clone's
 * definition (cloneXml's edit of the source's XML), the rest of the metadata kept.
 */
export function dropTemplateMark(domain: Element): void {
  const metadata = firstChild(domain, 'metadata');
  if (!metadata) return;
  for (const el of childElements(metadata)) {
    if (el.namespaceURI === TEMPLATE_NS) removeElement(el);
  }
}
