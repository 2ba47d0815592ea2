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

/**
 * What the NoCloud seed says (services/newVm/cloudInit/). The password travels to the backend in
 * clear over the app's own channel and is hashed there (SHA-512 crypt) before anything is
 * written; it is never logged, never kept.
 */
export const cloudInitOptions = v.object({
  /** The user to create; empty: the image's default user only. */
  userName: v.optional(v.string()),
  password: v.optional(v.string()),
  /** OpenSSH public key lines ("ssh-ed25519 AAAA... comment"), from files or the agent. */
  sshKeys: v.array(v.string()),
  hostname: v.optional(v.string()),
  /** Raw user-data (#cloud-config YAML) that replaces the generated one when set. */
  userData: v.optional(v.string()),
});
export type CloudInitOptions = v.InferOutput<typeof cloudInitOptions>;

/** What an appliance (OVA, OVF, Vagrant box) says about its VM, once its disks are staged. */
export const applianceInfo = v.object({
  stageId: v.string(),
  format: v.picklist(['ova', 'ovf', 'box']),
  /** The VM's name from the OVF (VirtualSystem id / Name) or the box's file name. */
  name: v.string(),
  memoryMiB: v.optional(v.number()),
  vcpus: v.optional(v.number()),
  firmware: v.optional(v.picklist(['bios', 'efi'])),
  /** The osinfo short id the OVF's OperatingSystemSection maps to, where one does. */
  osId: v.optional(v.string()),
  disks: v.array(
    v.object({
      /** The file the appliance names (disk1.vmdk, box.img). */
      file: v.string(),
      /** The staged volume's path on the host. */
      path: v.string(),
      /** Its format as detected on the host (vmdk, qcow2, ...). */
      format: v.string(),
      capacityBytes: v.number(),
      bus: v.optional(v.picklist(['virtio', 'sata', 'ide', 'scsi'])),
    }),
  ),
  nics: v.array(v.object({ model: v.optional(v.string()), network: v.optional(v.string()) })),
  /** A Vagrant box's base volume (kept: each VM from the box is an overlay on it). */
  base: v.optional(v.object({ path: v.string(), reused: v.boolean() })),
});
export type ApplianceInfo = v.InferOutput<typeof applianceInfo>;

/** Where an appliance is read from: a file the page uploads, or a file on the host. */
export const applianceOrigin = v.variant(
  'from',
  [
    v.object({ from: v.literal('upload'), name: formText(), size: numberIn('size', 1) }),
    v.object({ from: v.literal('host'), path: formText() }),
  ],
  unknownKind('appliance origin', 'from'),
);

export const applianceOpened = v.object({
  stageId: v.string(),
  /** The job (bytes) that reads the appliance and stages its disks into the pool. */
  jobId: v.string(),
  /** For an upload: the one-time URL the page PUTs the file (or a tar of its files) to. */
  url: v.optional(v.string()),
});

/** A disk image on the host as `qemu-img info` (or libvirt's probe) sees it. */
export const diskImageInfo = v.object({
  format: v.string(),
  virtualSizeBytes: v.number(),
  /** Not qcow2 or raw: the import converts it to qcow2 into a pool. */
  needsConversion: v.boolean(),
  /** Who said: qemu-img on the host, or libvirt (when the SSH user cannot read the file). */
  detectedBy: v.picklist(['qemu-img', 'libvirt']),
});
export type DiskImageInfo = v.InferOutput<typeof diskImageInfo>;

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
    /**
     * An existing disk image (path on the host, or a volume path). qcow2 and raw boot as they
     * are; a foreign format (VMDK, VDI, VHD, VHDX, QCOW v1, as `qemu-img info` on the host says)
     * is converted to a new qcow2 volume in `pool` (services/newVm/sources/diskImport.ts).
     */
    v.object({ kind: v.literal('import'), path: formText(), pool: v.optional(v.string()) }),
    /**
     * A cloud image booted with a cloud-init NoCloud seed (services/newVm/sources/cloudImage.ts).
     * The VM's disk (the `new` disk's pool and size) is a qcow2 overlay on the base image, or a
     * full copy of it, grown to the chosen size.
     */
    v.object({
      kind: v.literal('cloud'),
      image: v.variant(
        'from',
        [
          /** A file or a pool volume on the host (an upload from here becomes a volume first). */
          v.object({ from: v.literal('path'), path: formText() }),
          /** Fetched on the host into the disk's pool, kept as the base image. */
          v.object({
            from: v.literal('url'),
            url: v.pipe(
              formText(),
              v.transform((url) => url.trim()),
            ),
          }),
        ],
        unknownKind('cloud image', 'from'),
      ),
      diskMode: v.picklist(['overlay', 'copy'], 'Expected "overlay" or "copy"'),
      cloudInit: cloudInitOptions,
    }),
    /**
     * An OVA / OVF appliance or a Vagrant box read by newVm.appliance.open: its staged disks
     * become the VM's (services/appliances/, services/newVm/sources/appliance.ts).
     */
    // Empty until the page has read one: the check says so on the Source page.
    v.object({ kind: v.literal('appliance'), stageId: formText() }),
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
