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
  netName: '',
  mac: '',
  idmap: false,
  start: true,
};

/**
 * The form's NIC defaults once the host is known: NAT "default" when it is there (unless the user
 * already chose the network, "No network" included), a fresh MAC.
 */
export function withHostDefaults(
  form: ContainerForm,
  facts: ContainerHostFacts,
  networkChosen = false,
): ContainerForm {
  const network = facts.networks.find((n) => n === 'default') ?? facts.networks[0];
  return {
    ...form,
    mac: form.mac || facts.mac,
    ...(!networkChosen && form.netName === '' && network
      ? { netKind: 'network', netName: network }
      : {}),
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
