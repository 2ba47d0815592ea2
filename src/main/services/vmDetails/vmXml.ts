/**
 * One VM's XML as the edits need it: looked up by UUID, its persistent (inactive) and live XML
 * read with secrets (so that a define keeps display passwords), and the one way the persistent
 * config changes: parse the current XML, edit, define with libvirt's validation.
 */
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import {
  defineDomain,
  getDomainInfo,
  getDomainXml,
  isDomainPersistent,
  lookupDomainByUuid,
  type DomainState,
} from '../../libvirt/domain';
import { uuidFromString, type DomainRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { isNoDomainError } from '../vmInventory';
import {
  virDomainDefineFlags,
  virDomainModificationImpact,
  virDomainXMLFlags,
} from '../../libvirt/rpc/generated/libvirtEnums';

export interface VmHandle {
  rpc: RpcClient;
  dom: DomainRef;
  state: DomainState;
  /** The guest runs (or is paused): live changes reach it. */
  active: boolean;
  persistent: boolean;
}

const ACTIVE: readonly DomainState[] = ['running', 'blocked', 'paused', 'pmsuspended', 'shutdown'];

export async function openVm(rpc: RpcClient, uuid: string): Promise<VmHandle> {
  let dom: DomainRef;
  try {
    dom = await lookupDomainByUuid(rpc, uuidFromString(uuid));
  } catch (err) {
    if (isNoDomainError(err)) {
      throw new VirtdeckError('not-found', msg('lifecycle.vmGone'), { cause: err });
    }
    throw err;
  }
  const [{ state }, persistent] = await Promise.all([
    getDomainInfo(rpc, dom),
    isDomainPersistent(rpc, dom),
  ]);
  return { rpc, dom, state, active: ACTIVE.includes(state), persistent };
}

/**
 * virDomainModificationImpact for a live change (device update, memory, vCPUs) that should also
 * reach the persistent config, when there is one.
 */
export function liveFlags(vm: VmHandle): number {
  const { VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG } = virDomainModificationImpact;
  return vm.persistent ? VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG : VIR_DOMAIN_AFFECT_LIVE;
}

/** The persistent config with secrets (passwords): for edits only, never sent to the renderer. */
export function secureConfigXml(vm: VmHandle): Promise<string> {
  return getDomainXml(
    vm.rpc,
    vm.dom,
    virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE | virDomainXMLFlags.VIR_DOMAIN_XML_SECURE,
  );
}

export function secureLiveXml(vm: VmHandle): Promise<string> {
  return getDomainXml(vm.rpc, vm.dom, virDomainXMLFlags.VIR_DOMAIN_XML_SECURE);
}

/**
 * Applies `edit` to the current persistent XML and defines the result with validation. A throw
 * in `edit` (bad input) or libvirt's refusal leaves the VM as it was.
 */
export async function defineEdited(vm: VmHandle, edit: (xml: string) => string): Promise<void> {
  if (!vm.persistent) {
    throw new VirtdeckError('invalid-input', msg('vmDetails.transient'));
  }
  const next = edit(await secureConfigXml(vm));
  await defineDomain(vm.rpc, next, virDomainDefineFlags.VIR_DOMAIN_DEFINE_VALIDATE);
}
