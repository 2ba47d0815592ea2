/** Pure state transitions fed by API events; the store applies them and tests check them. */
import type { HostStatus, Prompt, VmDelta, VmSummary } from '../../shared/api/types';
import { vmKey } from './vmKey';

export type VmMap = ReadonlyMap<string, VmSummary>;
export type HostMap = ReadonlyMap<string, HostStatus>;

/** Applies a delta; returns the new map and the keys of VMs that left it. */
export function applyVmDelta(vms: VmMap, delta: VmDelta): { vms: VmMap; removed: string[] } {
  const next = new Map(vms);
  const removed: string[] = [];
  if (delta.reset) {
    const kept = new Set(delta.upsert.map((vm) => vmKey(delta.connectionId, vm.uuid)));
    for (const [key, vm] of vms) {
      if (vm.connectionId === delta.connectionId && !kept.has(key)) {
        next.delete(key);
        removed.push(key);
      }
    }
  }
  for (const vm of delta.upsert) next.set(vmKey(vm.connectionId, vm.uuid), vm);
  for (const uuid of delta.remove) {
    const key = vmKey(delta.connectionId, uuid);
    if (next.delete(key)) removed.push(key);
  }
  return { vms: next, removed };
}

export function vmsFromList(list: readonly VmSummary[]): Map<string, VmSummary> {
  return new Map(list.map((vm) => [vmKey(vm.connectionId, vm.uuid), vm]));
}

/** Drops the VMs of connections that no longer exist. */
export function retainConnections(
  vms: VmMap,
  ids: ReadonlySet<string>,
): { vms: VmMap; removed: string[] } {
  const removed = [...vms].filter(([, vm]) => !ids.has(vm.connectionId)).map(([key]) => key);
  if (removed.length === 0) return { vms, removed };
  const next = new Map(vms);
  for (const key of removed) next.delete(key);
  return { vms: next, removed };
}

/**
 * Applies a host status. `hostKeyChanged` is true only when the host has just been refused for a
 * changed host key, so that the refusal dialog opens once per occurrence, not on every update.
 */
export function applyHostStatus(
  hosts: HostMap,
  status: HostStatus,
): { hosts: HostMap; hostKeyChanged: boolean } {
  const prev = hosts.get(status.connectionId);
  const next = new Map(hosts);
  next.set(status.connectionId, status);
  const hostKeyChanged =
    status.errorCode === 'host-key-changed' && prev?.errorCode !== 'host-key-changed';
  return { hosts: next, hostKeyChanged };
}

export function hostsFromList(list: readonly HostStatus[]): Map<string, HostStatus> {
  return new Map(list.map((h) => [h.connectionId, h]));
}

export function promptOpened(prompts: readonly Prompt[], prompt: Prompt): readonly Prompt[] {
  if (prompts.some((p) => p.id === prompt.id)) return prompts;
  return [...prompts, prompt];
}

export function promptClosed(prompts: readonly Prompt[], id: string): readonly Prompt[] {
  return prompts.some((p) => p.id === id) ? prompts.filter((p) => p.id !== id) : prompts;
}
