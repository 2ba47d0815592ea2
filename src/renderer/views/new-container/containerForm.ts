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
  /** The idmap's six numbers as typed: uid and gid start, target and count. */
  idmapRanges: IdmapForm;
  /** An OS container's root: a directory already on the host, or made there by debootstrap. */
  rootfsSource: 'existing' | 'debootstrap';
  suite: string;
  mirror: string;
  variant: 'minbase' | 'default';
  start: boolean;
}

type IdmapField = `${'uid' | 'gid'}.${'start' | 'target' | 'count'}`;
type IdmapForm = Record<IdmapField, string>;

export const IDMAP_FIELDS: IdmapField[] = [
  'uid.start',
  'uid.target',
  'uid.count',
  'gid.start',
  'gid.target',
  'gid.count',
];

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
  idmapRanges: {
    'uid.start': '0',
    'uid.target': '',
    'uid.count': '',
    'gid.start': '0',
    'gid.target': '',
    'gid.count': '',
  },
  rootfsSource: 'existing',
  suite: '',
  mirror: '',
  variant: 'minbase',
  start: true,
};

/** Where debootstrap makes the root file system when the field is left empty (lxc's own place). */
export function defaultBuildTarget(name: string): string {
  return `/var/lib/lxc/${name.trim() || 'NAME'}/rootfs`;
}

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
    suite: form.suite || (facts.suite ?? 'bookworm'),
    mirror: form.mirror || (facts.mirror ?? 'http://deb.debian.org/debian'),
    idmapRanges: {
      ...form.idmapRanges,
      ...(facts.idmap && form.idmapRanges['uid.target'] === ''
        ? {
            'uid.target': String(facts.idmap.uid.start),
            'uid.count': String(facts.idmap.uid.count),
            'gid.target': String(facts.idmap.gid.start),
            'gid.count': String(facts.idmap.gid.count),
          }
        : {}),
    },
    ...(useNetwork ? { netKind: 'network', netName: network } : {}),
  };
}

export function toContainerOptions(connectionId: string, form: ContainerForm): ContainerOptions {
  const network: ContainerOptions['network'] =
    form.netKind === 'none'
      ? { kind: 'none' }
      : { kind: form.netKind, name: form.netName, mac: form.mac };
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const build = form.kind === 'os' && form.rootfsSource === 'debootstrap';
  // A number as typed: an empty or non-numeric field is NaN, refused by the backend on its field.
  const num = (field: IdmapField) => {
    const text = form.idmapRanges[field].trim();
    return text === '' ? Number.NaN : Number(text);
  };
  const range = (kind: 'uid' | 'gid') => ({
    start: num(`${kind}.start`),
    target: num(`${kind}.target`),
    count: num(`${kind}.count`),
  });
  return {
    connectionId,
    kind: form.kind,
    name: form.name,
    rootfs: build
      ? (optional(form.rootfs) ?? defaultBuildTarget(form.name))
      : optional(form.rootfs),
    init: optional(form.init),
    initArgs: form.initArgs.split('\n').filter((line) => line !== ''),
    memoryMiB: Number(form.memoryMiB),
    vcpus: Number(form.vcpus),
    network,
    idmap: form.idmap,
    ...(form.idmap ? { idmapRanges: { uid: range('uid'), gid: range('gid') } } : {}),
    ...(build ? { build: { suite: form.suite, mirror: form.mirror, variant: form.variant } } : {}),
    start: form.start,
  };
}
