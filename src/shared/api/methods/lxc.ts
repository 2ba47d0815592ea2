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

/** A number as the page sent it: anything else reads as NaN, which the service refuses on its field. */
const formNumber = () =>
  v.pipe(
    v.custom<number>(() => true),
    v.transform((value: number) => (typeof value === 'number' ? value : Number.NaN)),
  );

/** One idmap line: ids from `start` inside the container are the host's from `target`. */
const idMapRange = v.object({ start: formNumber(), target: formNumber(), count: formNumber() });

/** debootstrap's variants the wizard offers: `minbase` (apt and essentials) or Debian's default. */
const DEBOOTSTRAP_VARIANTS = ['minbase', 'default'] as const;

/** A root file system made on the host with debootstrap, into `rootfs` (which must not exist). */
const rootfsBuild = v.object({
  /** A Debian (or derivative) suite or codename: bookworm, stable, trixie... */
  suite: formText(),
  /** The archive debootstrap fetches from, as the host reaches it. */
  mirror: formText(),
  variant: v.optional(v.picklist(DEBOOTSTRAP_VARIANTS, 'Unknown debootstrap variant'), 'minbase'),
});

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
  /** The mapping itself; the host's subordinate range for root (0..count) when left out. */
  idmapRanges: v.optional(v.object({ uid: idMapRange, gid: idMapRange })),
  /** Make `rootfs` on the host first (lxc.build only). */
  build: v.optional(rootfsBuild),
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
  /** The Debian mirror the host's apt uses (its sources), offered for debootstrap. */
  mirror: v.optional(v.string()),
  /** The suite the host runs (its /etc/os-release VERSION_CODENAME), offered for debootstrap. */
  suite: v.optional(v.string()),
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
  /**
   * A job: makes the root file system with debootstrap (options.build, into options.rootfs), then
   * defines the container and (optionally) starts it. Cancel or a failure removes what it made.
   */
  'lxc.build': containerOptions,
};

export const lxcResults = {
  'lxc.hostFacts': containerHostFacts,
  'lxc.check': v.void(),
  'lxc.previewXml': v.object({ xml: v.string() }),
  'lxc.create': v.object({ uuid: v.string(), name: v.string() }),
  'lxc.build': v.object({ jobId: v.string(), name: v.string() }),
} satisfies ResultSchemas<typeof lxcParams>;

export type LxcMethods = MethodsOf<typeof lxcParams, typeof lxcResults>;
