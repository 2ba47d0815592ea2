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

/** Host key refusals the user is told about in a dialog: the key differs from the known one. */
const HOST_KEY_REFUSALS: ReadonlySet<string> = new Set(['host-key-changed', 'host-key-other-type']);

/**
 * Applies a host status. `hostKeyRefused` is true only when the host has just been refused for a
 * changed host key (or one of another type than the known one), so that the refusal dialog opens
 * once per occurrence, not on every update.
 */
export function applyHostStatus(
  hosts: HostMap,
  status: HostStatus,
): { hosts: HostMap; hostKeyRefused: boolean } {
  const prev = hosts.get(status.connectionId);
  const next = new Map(hosts);
  next.set(status.connectionId, status);
  const hostKeyRefused =
    status.errorCode !== undefined &&
    HOST_KEY_REFUSALS.has(status.errorCode) &&
    prev?.errorCode !== status.errorCode;
  return { hosts: next, hostKeyRefused };
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
