/**
 * New Xen guests through libvirt's libxl driver (issue 19 §2): the New VM wizard's host facts on a
 * xen:// connection, the XML it will define (xml/build/xenDomain.ts, after every check), and the
 * create call. PV boots a kernel from the host (kernel, initrd, cmdline) or the disk's own through
 * a bootloader (pygrub); HVM installs from an ISO, its display on VNC.
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

/** PV with a kernel on the host, PV with a bootloader reading the disk, or HVM from an ISO. */
export const XEN_GUEST_KINDS = ['pv-kernel', 'pv-bootloader', 'hvm'] as const;
export type XenGuestKind = (typeof XEN_GUEST_KINDS)[number];

const XEN_DISK_FORMATS = ['raw', 'qcow2'] as const;

const xenGuestOptions = v.object({
  connectionId,
  kind: v.picklist(XEN_GUEST_KINDS, 'Unknown Xen guest kind'),
  name: formText(),
  /** PV (direct kernel): the kernel, initrd and command line, paths on the Xen host. */
  kernel: optionalFormText('kernel'),
  initrd: optionalFormText('initrd'),
  cmdline: optionalFormText('cmdline'),
  /** PV (bootloader): pygrub when empty. */
  bootloader: optionalFormText('bootloader'),
  /** HVM: the installer ISO on the host, booted first (then the disk). */
  iso: optionalFormText('iso'),
  memoryMiB: numberIn('memoryMiB', 32),
  vcpus: numberIn('vcpus', 1),
  /** The guest's disk: an image file or a block device (an LVM volume) on the host. */
  disk: formText(),
  diskFormat: v.picklist(XEN_DISK_FORMATS, 'Unknown disk format'),
  network: v.variant(
    'kind',
    [
      v.object({ kind: v.literal('bridge'), name: formText(), mac: formText() }),
      v.object({ kind: v.literal('none') }),
    ],
    unknownKind('network', 'kind'),
  ),
  /** Start the guest once defined. */
  start: flag(),
  /** The UUID the preview showed, so Create defines what was shown; a new one when absent. */
  uuid: v.optional(v.pipe(v.string(), v.uuid('Invalid "uuid"'))),
});
export type XenGuestOptions = v.InferOutput<typeof xenGuestOptions>;

const xenHostFacts = v.object({
  memoryMiB: v.number(),
  cpus: v.number(),
  /** The host's bridges (xenbr0...); empty when its interfaces could not be read. */
  bridges: v.array(v.string()),
  /** A fresh MAC in Xen's range (00:16:3e) for the wizard's vif. */
  mac: v.string(),
});
export type XenHostFacts = v.InferOutput<typeof xenHostFacts>;

export const xenParams = {
  'xen.hostFacts': v.object({ connectionId }),
  /** The domain XML `xen.create` would define, after the same checks; nothing is defined. */
  'xen.previewXml': xenGuestOptions,
  /** Checks every field, defines the guest and (optionally) starts it; a failed start undefines it. */
  'xen.create': xenGuestOptions,
};

export const xenResults = {
  'xen.hostFacts': xenHostFacts,
  'xen.previewXml': v.object({ xml: v.string(), uuid: v.string() }),
  'xen.create': v.object({ uuid: v.string(), name: v.string() }),
} satisfies ResultSchemas<typeof xenParams>;

export type XenMethods = MethodsOf<typeof xenParams, typeof xenResults>;
