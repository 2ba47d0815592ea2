/**
 * The New VM wizard's data: the OS catalogue, OS-aware defaults, the host facts, and the options
 * the user chose (the parameters of newVm.check / newVm.create, described here because the
 * wizard and the services name them too).
 */
import * as v from 'valibot';
import { connectionId, formText, numberIn, optionalText, text, unknownKind } from './schema';

const osSource = v.picklist(['osinfo-db', 'built-in']);

/** One operating system the wizard offers (from the host's osinfo-db or the built-in list). */
export const osEntry = v.object({
  /** libosinfo short id, e.g. "debian12", "win11"; "generic" for an OS the app does not know. */
  shortId: v.string(),
  name: v.string(),
  version: v.optional(v.string()),
  family: v.optional(v.string()),
  vendor: v.optional(v.string()),
  /** Where the entry comes from: the host's osinfo-db, or the app's own list. */
  source: osSource,
});
export type OsEntry = v.InferOutput<typeof osEntry>;

/** What the wizard fills in from the chosen OS, as virt-install would choose it. */
export const osDefaults = v.object({
  shortId: v.string(),
  /** Where the OS facts come from: the host's osinfo-db XML, or the app's built-in profiles. */
  source: osSource,
  /** "q35" for guests with PCIe-era drivers, "pc" (i440fx) for older ones. */
  machine: v.picklist(['q35', 'pc']),
  firmware: v.picklist(['bios', 'efi']),
  secureBoot: v.boolean(),
  tpm: v.boolean(),
  diskBus: v.picklist(['virtio', 'sata', 'ide', 'scsi']),
  cdromBus: v.picklist(['sata', 'ide']),
  nicModel: v.picklist(['virtio', 'e1000e', 'e1000', 'rtl8139']),
  video: v.picklist(['virtio', 'qxl', 'bochs', 'vga']),
  /** USB tablet, so the pointer follows the console without grabs. */
  tablet: v.boolean(),
  usbController: v.picklist(['qemu-xhci', 'ich9-ehci1']),
  rng: v.boolean(),
  guestAgent: v.boolean(),
  balloon: v.boolean(),
  sound: v.picklist(['ich9', 'ich6']),
  /** Windows guests: Hyper-V enlightenments and a localtime clock. */
  windows: v.boolean(),
  memoryMiB: v.number(),
  minMemoryMiB: v.optional(v.number()),
  vcpus: v.number(),
  diskGiB: v.number(),
  minDiskGiB: v.optional(v.number()),
});
export type OsDefaults = v.InferOutput<typeof osDefaults>;

/** The wizard's pages; a FieldError names fields as "<page>.<field>". */
export const NEW_VM_PAGES = ['source', 'os', 'resources', 'storage', 'network', 'name'] as const;
export type NewVmPage = (typeof NEW_VM_PAGES)[number];

/** The host facts the wizard bounds its fields with. */
export const newVmHostFacts = v.object({
  memoryMiB: v.number(),
  cpus: v.number(),
  maxVcpus: v.number(),
  /** How this host can run x86_64 guests: "kvm" first when it can. */
  virtTypes: v.array(v.picklist(['kvm', 'qemu'])),
  pools: v.array(
    v.object({
      name: v.string(),
      active: v.boolean(),
      availableBytes: v.number(),
      path: v.optional(v.string()),
    }),
  ),
  networks: v.array(v.object({ name: v.string(), active: v.boolean() })),
  /** Host interfaces: bridges (for bridge networking) and others (for macvtap). */
  bridges: v.array(v.string()),
  interfaces: v.array(v.string()),
  vmNames: v.array(v.string()),
});
export type NewVmHostFacts = v.InferOutput<typeof newVmHostFacts>;

export const hostDirListing = v.object({
  dir: v.string(),
  parent: v.optional(v.string()),
  entries: v.array(
    v.object({
      name: v.string(),
      path: v.string(),
      type: v.picklist(['file', 'directory']),
      size: v.number(),
    }),
  ),
});
export type HostDirListing = v.InferOutput<typeof hostDirListing>;

export const detectedOs = v.object({
  /** The OS id, when the media says which OS it is. */
  shortId: v.optional(v.string()),
  /** How it was found: osinfo-detect on the host, the ISO's .disk/info, or its volume label. */
  method: v.optional(v.picklist(['osinfo-detect', 'disk-info', 'volume-label'])),
  volumeLabel: v.optional(v.string()),
});
export type DetectedOs = v.InferOutput<typeof detectedOs>;

export const createVmStarted = v.object({
  jobId: v.string(),
  uuid: v.string(),
  name: v.string(),
});
export type CreateVmStarted = v.InferOutput<typeof createVmStarted>;

// The wizard's options, each part checked for shape here; what they mean (a free name, a path
// that exists, memory the host has) is checked by services/newVm, naming the page and field.
// Text fields the user types may arrive empty: the service says what is missing.

/** Where the install comes from. */
const installSource = v.variant(
  'kind',
  [
    /** An ISO already on the host: a file path, or a volume of a pool. */
    v.object({ kind: v.literal('iso'), path: formText() }),
    /** Network install: kernel and initrd are fetched from the tree into the pool. */
    v.object({
      kind: v.literal('url'),
      url: v.pipe(
        formText(),
        v.transform((url) => url.trim()),
      ),
      kernelArgs: optionalText('kernelArgs'),
    }),
    /** An existing disk image (path on the host, or a volume path) booted as is. */
    v.object({ kind: v.literal('import'), path: formText() }),
    /** No media: PXE boot from the network. */
    v.object({ kind: v.literal('pxe') }),
  ],
  unknownKind('install source', 'kind'),
);

const newVmDisk = v.variant(
  'kind',
  [
    v.object({
      kind: v.literal('new'),
      pool: text('disk.pool'),
      sizeGiB: numberIn('disk.sizeGiB'),
    }),
    v.object({ kind: v.literal('existing'), path: formText() }),
    v.object({ kind: v.literal('none') }),
  ],
  unknownKind('disk', 'kind'),
);

export const newVmNetwork = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('network'), name: formText() }),
    v.object({ kind: v.literal('bridge'), name: formText() }),
    v.object({ kind: v.literal('direct'), device: formText() }),
    v.object({ kind: v.literal('none') }),
  ],
  unknownKind('network', 'kind'),
);

export const newVmOptions = v.object(
  {
    connectionId,
    name: formText(),
    osId: text('osId'),
    source: installSource,
    memoryMiB: numberIn('memoryMiB'),
    vcpus: numberIn('vcpus'),
    disk: newVmDisk,
    network: newVmNetwork,
    /** Define the VM and open its page without starting the install. */
    customize: v.optional(v.boolean('Expected true or false')),
    /** KVM (the default where the host has it) or QEMU's software emulation (TCG). */
    virtType: v.optional(
      v.picklist(['kvm', 'qemu'], (i) => `Unknown virtType "${String(i.input)}"`),
    ),
  },
  'options',
);

/** The wizard's options as the service gets them, checked for shape. */
export type NewVmOptions = v.InferOutput<typeof newVmOptions>;
