/**
 * The New container wizard's form as the user edits it (texts as typed), and the call parameters
 * it becomes. Init arguments are one per line, so an argument with spaces needs no quoting.
 */
import type { ContainerHostFacts, ContainerOptions } from '../../../shared/api/methods/lxc';

export interface ContainerForm {
  kind: 'os' | 'app';
  name: string;
  rootfs: string;
  init: string;
  initArgs: string;
  memoryMiB: string;
  vcpus: string;
  netKind: 'network' | 'bridge' | 'none';
  /** The user chose the kind of NIC: the host's default network no longer replaces it. */
  netChosen: boolean;
  netName: string;
  mac: string;
  idmap: boolean;
  start: boolean;
}

export const INITIAL_FORM: ContainerForm = {
  kind: 'app',
  name: '',
  rootfs: '',
  init: '/bin/sh',
  initArgs: '',
  memoryMiB: '256',
  vcpus: '1',
  netKind: 'none',
  netChosen: false,
  netName: '',
  mac: '',
  idmap: false,
  start: true,
};

/**
 * The form's NIC defaults once the host is known (and each time its facts are read again): NAT
 * "default" when it is there, a fresh MAC. A kind of NIC the user chose, "No network" included,
 * stays as chosen, also when the facts arrive only after the choice.
 */
export function withHostDefaults(form: ContainerForm, facts: ContainerHostFacts): ContainerForm {
  const network = facts.networks.find((n) => n === 'default') ?? facts.networks[0];
  const useNetwork = !form.netChosen && form.netName === '' && network !== undefined;
  return {
    ...form,
    mac: form.mac || facts.mac,
    ...(useNetwork ? { netKind: 'network', netName: network } : {}),
  };
}

export function toContainerOptions(connectionId: string, form: ContainerForm): ContainerOptions {
  const network: ContainerOptions['network'] =
    form.netKind === 'none'
      ? { kind: 'none' }
      : { kind: form.netKind, name: form.netName, mac: form.mac };
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  return {
    connectionId,
    kind: form.kind,
    name: form.name,
    rootfs: optional(form.rootfs),
    init: optional(form.init),
    initArgs: form.initArgs.split('\n').filter((line) => line !== ''),
    memoryMiB: Number(form.memoryMiB),
    vcpus: Number(form.vcpus),
    network,
    idmap: form.idmap,
    start: form.start,
  };
}
