/**
 * LXC containers through libvirt's LXC driver (issue 19): the New container wizard's host facts,
 * its checks, the XML it will define, and the create call.
 */
import * as v from 'valibot';
import {
  connectionId,
  flag,
  formText,
  numberIn,
  optionalFormText,
  unknownKind,
  type MethodsOf,
  type ResultSchemas,
} from '../schema';

/** `os`: a system container booting an init from a root file system; `app`: one command. */
export const CONTAINER_KINDS = ['os', 'app'] as const;

export const containerNetwork = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('network'), name: formText(), mac: formText() }),
    v.object({ kind: v.literal('bridge'), name: formText(), mac: formText() }),
    v.object({ kind: v.literal('none') }),
  ],
  unknownKind('network', 'kind'),
);

export const containerOptions = v.object({
  connectionId,
  kind: v.picklist(CONTAINER_KINDS, 'Unknown container kind'),
  name: formText(),
  /** The root file system directory on the host; an application container without one uses /. */
  rootfs: optionalFormText('rootfs'),
  /** The program run as the container's PID 1: /sbin/init for an OS container when empty. */
  init: optionalFormText('init'),
  /** Its arguments, one per entry (no shell splitting). */
  initArgs: v.optional(v.array(v.string('Expected text')), []),
  memoryMiB: numberIn('memoryMiB', 16),
  vcpus: numberIn('vcpus', 1),
  network: containerNetwork,
  /** Map the container's root to the host's subordinate ids (an unprivileged container). */
  idmap: flag(),
  /** Start the container once defined. */
  start: flag(),
});
export type ContainerOptions = v.InferOutput<typeof containerOptions>;

const idRange = v.object({ start: v.number(), count: v.number() });

const containerHostFacts = v.object({
  memoryMiB: v.number(),
  cpus: v.number(),
  networks: v.array(v.string()),
  bridges: v.array(v.string()),
  /** The host's user namespaces, when it has them: the ranges idmap maps the container to. */
  idmap: v.optional(v.object({ uid: idRange, gid: idRange })),
  /** `lxc-create` is on the host (its download template needs the image server reachable). */
  lxcCreate: v.boolean(),
  debootstrap: v.boolean(),
  /** The connecting user is root, or `sudo -n` works for it (debootstrap needs root). */
  root: v.boolean(),
  /** A fresh MAC for the wizard's NIC. */
  mac: v.string(),
});
export type ContainerHostFacts = v.InferOutput<typeof containerHostFacts>;

export const lxcParams = {
  'lxc.hostFacts': v.object({ connectionId }),
  /** Checks every field (name free, root file system and init on the host); nothing is made. */
  'lxc.check': containerOptions,
  /** The domain XML that `lxc.create` would define, after the same checks. */
  'lxc.previewXml': containerOptions,
  /** Checks, defines the container and (optionally) starts it; a failed start undefines it. */
  'lxc.create': containerOptions,
};

export const lxcResults = {
  'lxc.hostFacts': containerHostFacts,
  'lxc.check': v.void(),
  'lxc.previewXml': v.object({ xml: v.string() }),
  'lxc.create': v.object({ uuid: v.string(), name: v.string() }),
} satisfies ResultSchemas<typeof lxcParams>;

export type LxcMethods = MethodsOf<typeof lxcParams, typeof lxcResults>;
