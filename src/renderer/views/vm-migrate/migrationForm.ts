import type {
  MIGRATION_STORAGE,
  MIGRATION_TRANSPORTS,
  MigrationCheck,
  MigrationOptions,
} from '../../../shared/api/methods/migration';
import type { ConnectionConfig, HostStatus, VmState, VmSummary } from '../../../shared/api/types';
import { parseLibvirtUri } from '../../../shared/libvirtUri';

type MigrationStorage = (typeof MIGRATION_STORAGE)[number];
type MigrationTransport = (typeof MIGRATION_TRANSPORTS)[number];

/** What the dialog's fields hold, as typed: the bandwidth is text until it is read as a number. */
export interface MigrationForm {
  targetConnectionId: string;
  storage: MigrationStorage;
  transport: MigrationTransport;
  keepSource: boolean;
  bandwidth: string;
  targetAddress: string;
  tunnelUri: string;
}

/** The fields the dialog shows: a problem or refusal naming one of them is said under it. */
const MIGRATION_FIELDS = [
  'targetConnectionId',
  'mode',
  'storage',
  'transport',
  'bandwidthMiBs',
  'targetAddress',
  'tunnelUri',
] as const;
export type MigrationField = (typeof MIGRATION_FIELDS)[number];

export const isMigrationField = (name: string): name is MigrationField =>
  (MIGRATION_FIELDS as readonly string[]).includes(name);

// A paused guest still has its memory in QEMU: it moves live, as virsh migrate --live does.
const LIVE_STATES: readonly VmState[] = ['running', 'blocked', 'paused'];

/** Live for a guest that runs (its memory moves with it), offline for one that is shut off. */
export const migrationMode = (vm: VmSummary): MigrationOptions['mode'] =>
  LIVE_STATES.includes(vm.state) ? 'live' : 'offline';

/** A connection the VM can move to: another of the app's connections, connected now. */
interface MigrationTarget {
  connection: ConnectionConfig;
  status: HostStatus;
}

export function migrationTargets(
  connections: readonly ConnectionConfig[],
  hosts: ReadonlyMap<string, HostStatus>,
  sourceConnectionId: string,
): MigrationTarget[] {
  return connections.flatMap((connection) => {
    const status = hosts.get(connection.id);
    return connection.id !== sourceConnectionId && status?.phase === 'connected'
      ? [{ connection, status }]
      : [];
  });
}

/** Through Virtdeck moves volumes of a shut-off VM only: a running guest's memory cannot go so. */
export const transportsFor = (mode: MigrationOptions['mode']): readonly MigrationTransport[] =>
  mode === 'live' ? ['direct', 'tunnelled'] : ['direct', 'tunnelled', 'through-app'];

export function initialForm(targets: readonly MigrationTarget[]): MigrationForm {
  return {
    targetConnectionId: targets[0]?.connection.id ?? '',
    storage: 'copy',
    transport: 'direct',
    keepSource: false,
    bandwidth: '',
    targetAddress: '',
    tunnelUri: '',
  };
}

/** The bandwidth as typed: empty is no limit; anything but a whole number of MiB/s is refused. */
export function readBandwidth(text: string): { value?: number; invalid: boolean } {
  const trimmed = text.trim();
  if (trimmed === '') return { invalid: false };
  if (!/^\d+$/.test(trimmed)) return { invalid: true };
  const value = Number(trimmed);
  return Number.isSafeInteger(value)
    ? { value: value || undefined, invalid: false }
    : { invalid: true };
}

/**
 * The options `vms.migrationCheck` and `vms.migrate` get from the form, or undefined while the
 * form cannot be sent as it is (no target, a bandwidth that is not a number). A transport the
 * mode does not offer falls back to direct, as the choice shown does.
 */
export function migrationOptionsOf(
  vm: VmSummary,
  form: MigrationForm,
): MigrationOptions | undefined {
  const bandwidth = readBandwidth(form.bandwidth);
  if (!form.targetConnectionId || bandwidth.invalid) return undefined;
  const mode = migrationMode(vm);
  const transport = transportsFor(mode).includes(form.transport) ? form.transport : 'direct';
  const text = (value: string) => value.trim() || undefined;
  return {
    connectionId: vm.connectionId,
    uuid: vm.uuid,
    targetConnectionId: form.targetConnectionId,
    mode,
    storage: form.storage,
    transport,
    keepSource: form.keepSource,
    bandwidthMiBs: bandwidth.value,
    targetAddress: text(form.targetAddress),
    tunnelUri: transport === 'tunnelled' ? text(form.tunnelUri) : undefined,
  };
}

/** The check's problems split: those under a field of the dialog, and the rest, above it. */
export function problemsByField(check: MigrationCheck | undefined): {
  onField: Partial<Record<MigrationField, string>>;
  general: string[];
} {
  const onField: Partial<Record<MigrationField, string>> = {};
  const general: string[] = [];
  for (const problem of check?.problems ?? []) {
    if (isMigrationField(problem.field)) {
      const before = onField[problem.field];
      onField[problem.field] = before ? `${before} ${problem.message}` : problem.message;
    } else {
      general.push(problem.message);
    }
  }
  return { onField, general };
}

/**
 * What the target address defaults to, for the field's placeholder: the host name the target's
 * connection reaches it by (the backend dials the same), else the name the host gives itself.
 */
export function defaultTargetAddress(target: MigrationTarget | undefined): string | undefined {
  if (!target) return undefined;
  try {
    return parseLibvirtUri(target.connection.uri).host ?? target.status.hostname;
  } catch {
    return target.status.hostname;
  }
}
