/**
 * Domains (virtual machines): list, look up, XML, define / undefine, and the lifecycle verbs of
 * virsh (start, shutdown, reboot, reset, destroy, suspend, resume, managedsave, autostart).
 */
import { VM_STATES, type VmState } from '../../shared/api/types';
import type { RpcClient } from './rpc/client';
import type { DomainRef } from './refs';

export type DomainState = VmState;

export function domainStateName(state: number): DomainState {
  return VM_STATES[state] ?? 'nostate';
}

/** virConnectListAllDomainsFlags */
export const ListDomainsFlags = {
  Active: 1,
  Inactive: 2,
  Persistent: 4,
  Transient: 8,
  Running: 16,
  Paused: 32,
  Shutoff: 64,
  Other: 128,
  ManagedSave: 256,
  NoManagedSave: 512,
  Autostart: 1024,
  NoAutostart: 2048,
  HasSnapshot: 4096,
  NoSnapshot: 8192,
} as const;

/** virDomainXMLFlags */
export const DomainXmlFlags = { Secure: 1, Inactive: 2, UpdateCpu: 4, Migratable: 8 } as const;

/** virDomainUndefineFlagsValues */
export const UndefineFlags = {
  ManagedSave: 1,
  SnapshotsMetadata: 2,
  Nvram: 4,
  KeepNvram: 8,
  CheckpointsMetadata: 16,
  Tpm: 32,
  KeepTpm: 64,
} as const;

/** virDomainDefineFlags */
export const DefineFlags = { Validate: 1 } as const;

export interface DomainInfo {
  state: DomainState;
  maxMemKiB: number;
  memoryKiB: number;
  vcpus: number;
  cpuTimeNs: number;
}

export async function listAllDomains(rpc: RpcClient, flags = 0): Promise<DomainRef[]> {
  return (await rpc.call('CONNECT_LIST_ALL_DOMAINS', { need_results: 1, flags })).domains;
}

export async function lookupDomainByName(rpc: RpcClient, name: string): Promise<DomainRef> {
  return (await rpc.call('DOMAIN_LOOKUP_BY_NAME', { name })).dom;
}

export async function lookupDomainByUuid(rpc: RpcClient, uuid: Buffer): Promise<DomainRef> {
  return (await rpc.call('DOMAIN_LOOKUP_BY_UUID', { uuid })).dom;
}

export async function getDomainXml(rpc: RpcClient, dom: DomainRef, flags = 0): Promise<string> {
  return (await rpc.call('DOMAIN_GET_XML_DESC', { dom, flags })).xml;
}

export async function defineDomain(
  rpc: RpcClient,
  xml: string,
  flags: number = DefineFlags.Validate,
): Promise<DomainRef> {
  return (await rpc.call('DOMAIN_DEFINE_XML_FLAGS', { xml, flags })).dom;
}

export async function undefineDomain(rpc: RpcClient, dom: DomainRef, flags = 0): Promise<void> {
  await rpc.call('DOMAIN_UNDEFINE_FLAGS', { dom, flags });
}

/** Starts a defined domain (virsh start); returns it with its new id. */
export async function startDomain(rpc: RpcClient, dom: DomainRef, flags = 0): Promise<DomainRef> {
  return (await rpc.call('DOMAIN_CREATE_WITH_FLAGS', { dom, flags })).dom;
}

/** Starts a transient domain straight from XML (virsh create). */
export async function createTransientDomain(
  rpc: RpcClient,
  xml: string,
  flags = 0,
): Promise<DomainRef> {
  return (await rpc.call('DOMAIN_CREATE_XML', { xml_desc: xml, flags })).dom;
}

/** Asks the guest to shut down (ACPI or agent); the domain stops when the guest does. */
export async function shutdownDomain(rpc: RpcClient, dom: DomainRef, flags = 0): Promise<void> {
  await rpc.call('DOMAIN_SHUTDOWN_FLAGS', { dom, flags });
}

export async function rebootDomain(rpc: RpcClient, dom: DomainRef, flags = 0): Promise<void> {
  await rpc.call('DOMAIN_REBOOT', { dom, flags });
}

/** Hard reset, like pressing the reset button. */
export async function resetDomain(rpc: RpcClient, dom: DomainRef): Promise<void> {
  await rpc.call('DOMAIN_RESET', { dom, flags: 0 });
}

/** Force off (virsh destroy): the guest gets no chance to shut down. */
export async function destroyDomain(rpc: RpcClient, dom: DomainRef, flags = 0): Promise<void> {
  await rpc.call('DOMAIN_DESTROY_FLAGS', { dom, flags });
}

export async function suspendDomain(rpc: RpcClient, dom: DomainRef): Promise<void> {
  await rpc.call('DOMAIN_SUSPEND', { dom });
}

export async function resumeDomain(rpc: RpcClient, dom: DomainRef): Promise<void> {
  await rpc.call('DOMAIN_RESUME', { dom });
}

/** Saves the guest's memory to the host and stops it; the next start restores it. */
export async function managedSaveDomain(rpc: RpcClient, dom: DomainRef, flags = 0): Promise<void> {
  await rpc.call('DOMAIN_MANAGED_SAVE', { dom, flags });
}

export async function hasManagedSave(rpc: RpcClient, dom: DomainRef): Promise<boolean> {
  return (await rpc.call('DOMAIN_HAS_MANAGED_SAVE_IMAGE', { dom, flags: 0 })).result !== 0;
}

export async function getDomainAutostart(rpc: RpcClient, dom: DomainRef): Promise<boolean> {
  return (await rpc.call('DOMAIN_GET_AUTOSTART', { dom })).autostart !== 0;
}

export async function setDomainAutostart(
  rpc: RpcClient,
  dom: DomainRef,
  autostart: boolean,
): Promise<void> {
  await rpc.call('DOMAIN_SET_AUTOSTART', { dom, autostart: autostart ? 1 : 0 });
}

export async function getDomainInfo(rpc: RpcClient, dom: DomainRef): Promise<DomainInfo> {
  const info = await rpc.call('DOMAIN_GET_INFO', { dom });
  return {
    state: domainStateName(info.state),
    maxMemKiB: Number(info.maxMem),
    memoryKiB: Number(info.memory),
    vcpus: info.nrVirtCpu,
    cpuTimeNs: Number(info.cpuTime),
  };
}

/** A domain job (save, dump, migration...) is running: virDomainGetJobInfo's type is not NONE. */
export async function hasActiveDomainJob(rpc: RpcClient, dom: DomainRef): Promise<boolean> {
  return (await rpc.call('DOMAIN_GET_JOB_INFO', { dom })).type !== 0;
}

export async function isDomainPersistent(rpc: RpcClient, dom: DomainRef): Promise<boolean> {
  return (await rpc.call('DOMAIN_IS_PERSISTENT', { dom })).persistent !== 0;
}

export async function getDomainState(
  rpc: RpcClient,
  dom: DomainRef,
): Promise<{ state: DomainState; reason: number }> {
  const ret = await rpc.call('DOMAIN_GET_STATE', { dom, flags: 0 });
  return { state: domainStateName(ret.state), reason: ret.reason };
}

/** virDomainModificationImpact: where a device change applies. */
export const DeviceModifyFlags = { Current: 0, Live: 1, Config: 2 } as const;

export async function attachDevice(
  rpc: RpcClient,
  dom: DomainRef,
  xml: string,
  flags: number,
): Promise<void> {
  await rpc.call('DOMAIN_ATTACH_DEVICE_FLAGS', { dom, xml, flags });
}

export async function detachDevice(
  rpc: RpcClient,
  dom: DomainRef,
  xml: string,
  flags: number,
): Promise<void> {
  await rpc.call('DOMAIN_DETACH_DEVICE_FLAGS', { dom, xml, flags });
}

export async function updateDevice(
  rpc: RpcClient,
  dom: DomainRef,
  xml: string,
  flags: number,
): Promise<void> {
  await rpc.call('DOMAIN_UPDATE_DEVICE_FLAGS', { dom, xml, flags });
}
