/**
 * Moving a VM to another of the app's connected hosts (virsh migrate, virt-manager's Migrate
 * dialog): libvirt's managed migration when the hosts reach each other (QEMU to QEMU directly, or
 * tunnelled through the libvirt daemons), or a move through Virtdeck (volume download into volume
 * upload) for a shut-off VM when they cannot.
 */
import * as v from 'valibot';
import {
  flag,
  numberIn,
  optionalText,
  text,
  vmRef,
  type MethodsOf,
  type ResultSchemas,
} from '../schema';

export const MIGRATION_MODES = ['live', 'offline'] as const;
export const MIGRATION_STORAGE = ['copy', 'shared'] as const;
/**
 * - `direct`: libvirt's migration driven by Virtdeck over both connections (virsh migrate without
 *   --p2p); the guest's memory and disks go from the source QEMU to the target's directly.
 * - `tunnelled`: the source's libvirtd connects to the target's (`tunnelUri`) and carries the
 *   data over that connection (virsh migrate --p2p --tunnelled).
 * - `through-app`: a shut-off VM's volumes stream through Virtdeck (download into upload), for
 *   hosts that cannot reach each other.
 */
export const MIGRATION_TRANSPORTS = ['direct', 'tunnelled', 'through-app'] as const;

export const migrationOptions = v.object({
  ...vmRef,
  /** Another connected connection of the app (another host). */
  targetConnectionId: text('targetConnectionId'),
  /** `live` for a running VM, `offline` (the definition, and the disks with storage `copy`). */
  mode: v.picklist(MIGRATION_MODES, 'Unknown migration mode'),
  /** `copy`: the disks are copied to the target's pools; `shared`: both hosts see the same paths. */
  storage: v.picklist(MIGRATION_STORAGE, 'Unknown storage choice'),
  transport: v.picklist(MIGRATION_TRANSPORTS, 'Unknown migration transport'),
  /** Keep the source's definition (shut off) instead of undefining it once the target has it. */
  keepSource: flag(),
  /** Bandwidth limit in MiB/s; 0 or absent: none. */
  bandwidthMiBs: v.optional(numberIn('bandwidthMiBs')),
  /**
   * The address the source host reaches the target at (migration data, NBD for copied disks).
   * Default: the host name of the target's connection.
   */
  targetAddress: optionalText('targetAddress'),
  /** `tunnelled` only: the URI the source's libvirtd opens to the target's. */
  tunnelUri: optionalText('tunnelUri'),
});
export type MigrationOptions = v.InferOutput<typeof migrationOptions>;

/** One problem found before anything starts, with the dialog field it is about. */
const migrationProblem = v.object({
  /** `targetConnectionId`, `mode`, `storage`, `transport`, `name`... */
  field: v.string(),
  message: v.string(),
});

const migrationCheck = v.object({
  /** Empty when the migration can start. */
  problems: v.array(migrationProblem),
  /** What will be moved, for the dialog's summary: disks copied (path and bytes). */
  disks: v.array(v.object({ target: v.string(), path: v.string(), bytes: v.number() })),
});
export type MigrationCheck = v.InferOutput<typeof migrationCheck>;

export const migrationParams = {
  /** The checks `vms.migrate` runs first (CPU, machine type, networks, pools, name), as a list. */
  'vms.migrationCheck': migrationOptions,
  /**
   * Runs the checks (an InvalidInputError with one message per field when any fails), then one
   * job: bytes with libvirt's job stats (`migration` in the job's progress); Cancel aborts the
   * migration and leaves the VM where it was, running on the source, with nothing left on the
   * target.
   */
  'vms.migrate': migrationOptions,
};

export const migrationResults = {
  'vms.migrationCheck': migrationCheck,
  'vms.migrate': v.object({ jobId: v.string() }),
} satisfies ResultSchemas<typeof migrationParams>;

export type MigrationMethods = MethodsOf<typeof migrationParams, typeof migrationResults>;
