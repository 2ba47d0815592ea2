/**
 * The "restart me at the install's first reboot" mark, kept in the domain's own metadata so that
 * the pending restart outlives the app and the connection that created the VM: any Virtdeck
 * session that connects to the host finishes it (see installRestarter).
 *
 * Its own namespace, not the tags' (VIRTDECK_NS): libvirt keeps ONE metadata element per
 * namespace and DOMAIN_SET_METADATA replaces it whole, so sharing the tags' namespace would
 * overwrite them. Only the persistent definition carries it: that is the final, disk-first one
 * the VM restarts from, and what is left once the install-phase domain has stopped.
 */
import type { DomainRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { LibvirtError } from '../../libvirt/rpc/errors';
import {
  virDomainMetadataType,
  virDomainModificationImpact,
  virErrorNumber,
} from '../../libvirt/rpc/generated/libvirtEnums';

export const INSTALL_NS = 'https://virtdeck.app/xmlns/install/1';
const KEY = 'virtdeck-install';
const { VIR_DOMAIN_METADATA_ELEMENT } = virDomainMetadataType;
/** The persistent definition. */
const { VIR_DOMAIN_AFFECT_CONFIG } = virDomainModificationImpact;

/** Marks `dom`'s persistent definition: restart it when its install phase stops. */
export async function markInstallPending(rpc: RpcClient, dom: DomainRef): Promise<void> {
  await rpc.call('DOMAIN_SET_METADATA', {
    dom,
    type: VIR_DOMAIN_METADATA_ELEMENT,
    metadata: '<pending-first-reboot/>',
    key: KEY,
    uri: INSTALL_NS,
    flags: VIR_DOMAIN_AFFECT_CONFIG,
  });
}

/** Removes the mark (nothing happens when it is not there). */
export async function clearInstallPending(rpc: RpcClient, dom: DomainRef): Promise<void> {
  await rpc.call('DOMAIN_SET_METADATA', {
    dom,
    type: VIR_DOMAIN_METADATA_ELEMENT,
    metadata: null,
    key: null,
    uri: INSTALL_NS,
    flags: VIR_DOMAIN_AFFECT_CONFIG,
  });
}

/** Whether `dom`'s persistent definition carries the mark. */
export async function isInstallPending(rpc: RpcClient, dom: DomainRef): Promise<boolean> {
  try {
    await rpc.call('DOMAIN_GET_METADATA', {
      dom,
      type: VIR_DOMAIN_METADATA_ELEMENT,
      uri: INSTALL_NS,
      flags: VIR_DOMAIN_AFFECT_CONFIG,
    });
    return true;
  } catch (err) {
    if (
      err instanceof LibvirtError &&
      err.libvirtCode === virErrorNumber.VIR_ERR_NO_DOMAIN_METADATA
    )
      return false;
    throw err;
  }
}
