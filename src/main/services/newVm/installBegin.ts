/**
 * "Customize configuration before install", as virt-manager: the wizard defines the VM without
 * starting it and marks it in its metadata as awaiting its install (with how the install boots:
 * the CD-ROM media or the network), so that any session shows "Begin installation" on its page.
 * Begin builds the install definition from the VM's CURRENT definition (the user's edits stay):
 * the install media first, on_reboot=destroy; starts it; defines the current definition again as
 * the final one (without the mark) and marks the first reboot pending, which installRestarter
 * follows with a start from that final definition, as for a VM created without customizing.
 *
 * The mark has its own namespace: libvirt keeps one metadata element per namespace, and the
 * first-reboot mark (installMark.ts) must not be mistaken for it.
 */
import type { Element } from '@xmldom/xmldom';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import {
  defineDomain,
  destroyDomain,
  getDomainState,
  getDomainXml,
  lookupDomainByUuid,
  startDomain,
} from '../../libvirt/domain';
import { uuidFromString, type DomainRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { LibvirtError } from '../../libvirt/rpc/errors';
import {
  virDomainMetadataType,
  virDomainModificationImpact,
  virDomainXMLFlags,
  virErrorNumber,
} from '../../libvirt/rpc/generated/libvirtEnums';
import { setDeviceBootOrder, setOsBootOrder } from '../../xml/edits/domain/boot';
import { DOMAIN_ORDER } from '../../xml/edits/domain/domainOrder';
import { specToXml, x } from '../../xml/xmlBuild';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import { editXml, ensureChild, removeElement, setText } from '../../xml/xmlEdit';
import { jobCancelled, jobTitle, type Jobs } from '../jobTypes';
import { installRestarter } from './installRestarter';

export const AWAITING_INSTALL_NS = 'https://virtdeck.app/xmlns/install-begin/1';
const KEY = 'virtdeck-install-begin';
const { VIR_DOMAIN_METADATA_ELEMENT } = virDomainMetadataType;
const { VIR_DOMAIN_AFFECT_CONFIG } = virDomainModificationImpact;

/** What the install boots from: the CD-ROM media (an ISO) or the network (PXE). */
export type AwaitedInstallBoot = 'cdrom' | 'network';

/** Marks `dom`'s persistent definition as customized and not yet installed. */
export async function markAwaitingInstall(
  rpc: RpcClient,
  dom: DomainRef,
  boot: AwaitedInstallBoot,
): Promise<void> {
  await rpc.call('DOMAIN_SET_METADATA', {
    dom,
    type: VIR_DOMAIN_METADATA_ELEMENT,
    metadata: specToXml(x('awaiting-install', { boot })),
    key: KEY,
    uri: AWAITING_INSTALL_NS,
    flags: VIR_DOMAIN_AFFECT_CONFIG,
  });
}

/** How `dom`'s install boots when it awaits its install, else undefined. */
export async function awaitedInstall(
  rpc: RpcClient,
  dom: DomainRef,
): Promise<AwaitedInstallBoot | undefined> {
  try {
    const { metadata } = await rpc.call('DOMAIN_GET_METADATA', {
      dom,
      type: VIR_DOMAIN_METADATA_ELEMENT,
      uri: AWAITING_INSTALL_NS,
      flags: VIR_DOMAIN_AFFECT_CONFIG,
    });
    const boot = attribute(parseXml(metadata).documentElement as Element, 'boot');
    return boot === 'network' ? 'network' : 'cdrom';
  } catch (err) {
    if (
      err instanceof LibvirtError &&
      err.libvirtCode === virErrorNumber.VIR_ERR_NO_DOMAIN_METADATA
    ) {
      return undefined;
    }
    throw err;
  }
}

/** The mark taken out of a definition (the final one boots the installed disk). */
function withoutMark(xml: string): string {
  return editXml(xml, 'domain', (domain) => {
    const metadata = firstChild(domain, 'metadata');
    if (!metadata) return;
    for (const el of childElements(metadata)) {
      if (el.namespaceURI === AWAITING_INSTALL_NS) removeElement(el);
    }
    if (childElements(metadata).length === 0) removeElement(metadata);
  });
}

/**
 * The install definition from the VM's current one: boots the media first (the per-device boot
 * orders give way to the <os> list, libvirt refuses a mix), then the disk; a reboot stops it.
 */
export function installDefinition(currentXml: string, boot: AwaitedInstallBoot): string {
  const domain = parseXml(currentXml).documentElement as Element;
  const hasCdrom = childElements(firstChild(domain, 'devices') ?? domain, 'disk').some(
    (d) => attribute(d, 'device') === 'cdrom',
  );
  if (boot === 'cdrom' && !hasCdrom) {
    throw new VirtdeckError('invalid-input', msg('newVm.noCdrom'));
  }
  const bootFirst = setOsBootOrder(setDeviceBootOrder(withoutMark(currentXml), []), [boot, 'hd']);
  return editXml(bootFirst, 'domain', (root) => {
    setText(ensureChild(root, 'on_reboot', DOMAIN_ORDER), 'destroy');
  });
}

/**
 * Begins the install of a customized VM as a job: checked first (the VM awaits its install and
 * is shut off; the install definition builds), then defined and started. A failure puts the VM's
 * own definition back, mark included, so Begin can be pressed again.
 */
export async function startBeginInstall(
  rpc: RpcClient,
  jobs: Jobs,
  request: { connectionId: string; uuid: string },
): Promise<{ jobId: string; result: Promise<void> }> {
  const dom = await lookupDomainByUuid(rpc, uuidFromString(request.uuid));
  const boot = await awaitedInstall(rpc, dom);
  if (!boot) {
    throw new VirtdeckError('invalid-input', msg('newVm.noInstallWaiting', { name: dom.name }));
  }
  const { state } = await getDomainState(rpc, dom);
  if (state !== 'shutoff') {
    throw new VirtdeckError('invalid-input', msg('newVm.shutDownFirst', { name: dom.name }));
  }
  const current = await getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
  const install = installDefinition(current, boot);
  const steps = [msg('newVm.defineInstall'), msg('newVm.startInstall')];
  return jobs.start(
    {
      ...jobTitle(msg('newVm.beginTitle', { name: dom.name })),
      connectionId: request.connectionId,
      unit: 'steps',
      total: steps.length,
    },
    async (ctx) => {
      let running = false;
      const restarter = installRestarter(rpc);
      try {
        ctx.step(msg('newVm.defineInstall'));
        await defineDomain(rpc, install);
        if (ctx.signal.aborted) throw jobCancelled([]);
        ctx.step(msg('newVm.startInstall'));
        // Watched before it starts, so that even a very quick first reboot is followed.
        await restarter.watch(request.uuid);
        await startDomain(rpc, dom);
        running = true;
        await defineDomain(rpc, withoutMark(current));
        await restarter.markPending(dom);
      } catch (err) {
        restarter.unwatch(request.uuid);
        if (running) await destroyDomain(rpc, dom).catch(() => {});
        // Its own definition back (with the mark), as before Begin.
        await defineDomain(rpc, current).catch(() => {});
        throw err;
      }
    },
  );
}
