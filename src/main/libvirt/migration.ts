/**
 * Managed migration between two libvirt connections: the five steps of libvirt's migration
 * protocol v3 with typed parameters (begin, prepare, perform, finish, confirm: what
 * virDomainMigrateVersion3Full in libvirt-domain.c calls on each side), the running job's stats
 * and abort (virsh domjobinfo / domjobabort), and the CPU comparison a target host is asked
 * before a guest moves there (virsh hypervisor-cpu-compare, cpu-compare).
 */
import type { RpcClient } from './rpc/client';
import type { RemoteTypedParam } from './rpc/generated/remoteProtocol';
import { typedParamsToRecord, type TypedValue } from './typedParams';
import type { DomainRef } from './refs';

/** libvirt's VIR_MIGRATE_PARAM_* names (string macros in libvirt-domain.h). */
export const MIGRATE_PARAM = {
  uri: 'migrate_uri',
  destName: 'destination_name',
  destXml: 'destination_xml',
  /** MiB/s, an unsigned long long. */
  bandwidth: 'bandwidth',
} as const;

/** libvirt's VIR_DOMAIN_JOB_* job stats fields (string macros in libvirt-domain.h). */
export const JOB_STATS_FIELD = {
  processed: 'data_processed',
  remaining: 'data_remaining',
  total: 'data_total',
  memoryBps: 'memory_bps',
  diskBps: 'disk_bps',
  /** Pages per second; times memory_page_size gives bytes. */
  dirtyRate: 'memory_dirty_rate',
  pageSize: 'memory_page_size',
  iteration: 'memory_iteration',
} as const;

/** VIR_DRV_FEATURE_MIGRATE_CHANGE_PROTECTION in libvirt's libvirt_internal.h. */
const FEATURE_MIGRATE_CHANGE_PROTECTION = 7;

/** Migration parameters: strings as strings, numbers as unsigned long long (as libvirt's are). */
export type MigrationParams = Record<string, string | number>;

function encodeParams(params: MigrationParams): RemoteTypedParam[] {
  return Object.entries(params).map(([field, value]) =>
    typeof value === 'string'
      ? { field, value: { type: 7, s: value } }
      : { field, value: { type: 4, ul: BigInt(value) } },
  );
}

/** The cookie of a step that has none to pass on (a failed or skipped step). */
export const NO_COOKIE = Buffer.alloc(0);

/** Whether the source's driver can keep the domain from changing between the steps. */
export async function supportsChangeProtection(rpc: RpcClient): Promise<boolean> {
  const ret = await rpc.call('CONNECT_SUPPORTS_FEATURE', {
    feature: FEATURE_MIGRATE_CHANGE_PROTECTION,
  });
  return ret.supported !== 0;
}

/** Begin (source): the domain's XML for the target and the source's cookie. */
export async function migrateBegin(
  rpc: RpcClient,
  dom: DomainRef,
  params: MigrationParams,
  flags: number,
): Promise<{ xml: string; cookie: Buffer }> {
  const ret = await rpc.call('DOMAIN_MIGRATE_BEGIN3_PARAMS', {
    dom,
    params: encodeParams(params),
    flags,
  });
  return { xml: ret.xml, cookie: ret.cookie_out };
}

/** Prepare (target): starts the incoming domain; may name the URI the source is to use. */
export async function migratePrepare(
  rpc: RpcClient,
  params: MigrationParams,
  cookie: Buffer,
  flags: number,
): Promise<{ cookie: Buffer; uri: string | null }> {
  const ret = await rpc.call('DOMAIN_MIGRATE_PREPARE3_PARAMS', {
    params: encodeParams(params),
    cookie_in: cookie,
    flags,
  });
  return { cookie: ret.cookie_out, uri: ret.uri_out };
}

/**
 * Perform (source): sends the guest. With `dconnuri` (peer to peer) the source's daemon opens the
 * target itself and runs the other steps; resolves when the migration has ended.
 */
export async function migratePerform(
  rpc: RpcClient,
  dom: DomainRef,
  dconnuri: string | null,
  params: MigrationParams,
  cookie: Buffer,
  flags: number,
): Promise<Buffer> {
  const ret = await rpc.call('DOMAIN_MIGRATE_PERFORM3_PARAMS', {
    dom,
    dconnuri,
    params: encodeParams(params),
    cookie_in: cookie,
    flags,
  });
  return ret.cookie_out;
}

/** Finish (target): resumes the guest there, or with `cancelled` removes it. */
export async function migrateFinish(
  rpc: RpcClient,
  params: MigrationParams,
  cookie: Buffer,
  flags: number,
  cancelled: boolean,
): Promise<{ dom: DomainRef; cookie: Buffer }> {
  const ret = await rpc.call('DOMAIN_MIGRATE_FINISH3_PARAMS', {
    params: encodeParams(params),
    cookie_in: cookie,
    flags,
    cancelled: cancelled ? 1 : 0,
  });
  return { dom: ret.dom, cookie: ret.cookie_out };
}

/** Confirm (source): kills (and undefines) the source's guest, or with `cancelled` resumes it. */
export async function migrateConfirm(
  rpc: RpcClient,
  dom: DomainRef,
  params: MigrationParams,
  cookie: Buffer,
  flags: number,
  cancelled: boolean,
): Promise<void> {
  await rpc.call('DOMAIN_MIGRATE_CONFIRM3_PARAMS', {
    dom,
    params: encodeParams(params),
    cookie_in: cookie,
    flags,
    cancelled: cancelled ? 1 : 0,
  });
}

export interface DomainJobStats {
  /** virDomainJobType: none, bounded, unbounded, completed, failed, cancelled. */
  type: number;
  stats: Record<string, TypedValue>;
}

/** The domain's running job, as virsh domjobinfo. */
export async function getDomainJobStats(
  rpc: RpcClient,
  dom: DomainRef,
  flags = 0,
): Promise<DomainJobStats> {
  const ret = await rpc.call('DOMAIN_GET_JOB_STATS', { dom, flags });
  return { type: ret.type, stats: typedParamsToRecord(ret.params) };
}

/** Aborts the domain's running job (virsh domjobabort). */
export async function abortDomainJob(rpc: RpcClient, dom: DomainRef): Promise<void> {
  await rpc.call('DOMAIN_ABORT_JOB', { dom });
}

/**
 * Compares a `<cpu>` definition with what the host's hypervisor can give a guest of this arch,
 * machine and virt type (virsh hypervisor-cpu-compare); a virCPUCompareResult.
 */
export async function compareHypervisorCpu(
  rpc: RpcClient,
  cpuXml: string,
  options: { arch?: string; machine?: string; virtType?: string; emulator?: string },
): Promise<number> {
  const ret = await rpc.call('CONNECT_COMPARE_HYPERVISOR_CPU', {
    emulator: options.emulator ?? null,
    arch: options.arch ?? null,
    machine: options.machine ?? null,
    virttype: options.virtType ?? null,
    xmlCPU: cpuXml,
    flags: 0,
  });
  return ret.result;
}

/** Compares a `<cpu>` definition with the host's own CPU (virsh cpu-compare, older libvirt). */
export async function compareHostCpu(rpc: RpcClient, cpuXml: string): Promise<number> {
  return (await rpc.call('CONNECT_COMPARE_CPU', { xml: cpuXml, flags: 0 })).result;
}
