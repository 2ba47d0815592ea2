/**
 * What the disk import tests share: foreign images made with qemu-img from a qcow2 holding known
 * bytes (written by qemu-io), in a temp pool (mode 0600, as libvirt's own volumes: the SSH test
 * user cannot read them) and in a directory outside any pool that the SSH user can read; the
 * create job run to its end with its events; and removal of everything named diskimport-*.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { JobRunner } from '../../../src/main/api/jobs';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  destroyDomain,
  listAllDomains,
  lookupDomainByName,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import type { DomainRef } from '../../../src/main/libvirt/refs';
import { virDomainUndefineFlagsValues } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { refreshPool } from '../../../src/main/libvirt/storagePool';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import type { NewVmOptions } from '../../../src/shared/api/newVmTypes';
import type { JobProgress } from '../../../src/shared/api/types';
import { createTempPool, type TempPool } from '../../support/libvirtFixtures';
import type { Transport } from '../../support/transports';

export const PREFIX = 'diskimport-';

/** The formats "Import existing disk" converts, as qemu-img names them. */
export const FOREIGN_FORMATS = ['vmdk', 'vdi', 'vpc', 'vhdx', 'qcow'] as const;

export interface ImportEnv {
  host: Host;
  conn: LibvirtConnection;
  rpc: RpcClient;
  pool: TempPool;
  /** A directory outside any pool, readable by the SSH user (a path on the host). */
  outside: string;
  /** Where a path on the host is seen from here (the modern host's root is elsewhere). */
  local(hostPath: string): string;
  events: JobProgress[];
  jobs: JobRunner;
  onEvent?: (e: JobProgress) => void;
}

export async function openImportEnv(transport: Transport, tag: string): Promise<ImportEnv> {
  const host = transport.makeHost();
  const conn = await LibvirtConnection.open(host, 'qemu:///system');
  const pool = await createTempPool(conn.rpc, `${PREFIX}${tag}-${process.pid}`);
  const outside = `/var/tmp/${PREFIX}${tag}-${process.pid}-${randomBytes(3).toString('hex')}`;
  mkdirSync(transport.localPath(outside));
  chmodSync(transport.localPath(outside), 0o755);
  const events: JobProgress[] = [];
  const env: ImportEnv = {
    host,
    conn,
    rpc: conn.rpc,
    pool,
    outside,
    local: (hostPath) => transport.localPath(hostPath),
    events,
    jobs: new JobRunner((e) => {
      events.push(e);
      env.onEvent?.(e);
    }),
  };
  return env;
}

export async function closeImportEnv(env: ImportEnv | undefined): Promise<void> {
  if (!env) return;
  await removeImportDomains(env.rpc);
  await env.pool.destroy().catch(() => {});
  rmSync(env.local(env.outside), { recursive: true, force: true });
  await env.conn.close();
  await env.host.close();
}

export async function removeImportDomains(rpc: RpcClient): Promise<void> {
  for (const dom of await listAllDomains(rpc)) {
    if (!dom.name.startsWith(PREFIX)) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(rpc, dom, virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM).catch(
      () => {},
    );
  }
}

/** A qcow2 of `sizeMiB` holding a pattern: 0x5a in its first MiB, 0xc3 in a later half MiB. */
export function patternQcow2(path: string, sizeMiB = 16, dataMiB = 1): void {
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path, `${sizeMiB}M`]);
  execFileSync('qemu-io', ['-f', 'qcow2', '-c', `write -q -P 0x5a 0 ${dataMiB}M`, path]);
  execFileSync('qemu-io', ['-f', 'qcow2', '-c', `write -q -P 0xc3 ${sizeMiB - 1}M 512k`, path]);
}

/** `from` converted by qemu-img into `format` at `to`, mode 0600 in a pool, 0644 outside. */
export function foreignImage(from: string, format: string, to: string, mode = 0o600): void {
  execFileSync('qemu-img', ['convert', '-q', '-O', format, from, to]);
  chmodSync(to, mode);
}

/** Refreshes the temp pool so files written into its directory are volumes. */
export async function refreshTempPool(env: ImportEnv): Promise<void> {
  await refreshPool(env.rpc, env.pool.pool);
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** What `qemu-img info` says of a file, as root here. */
export function qemuImgFormat(path: string): string {
  const info = JSON.parse(
    execFileSync('qemu-img', ['info', '--output=json', '-U', path], { encoding: 'utf8' }),
  ) as { format: string };
  return info.format;
}

/** `qemu-img compare` of two images as root: true when the guest sees the same bytes. */
export function sameGuestBytes(a: string, b: string): boolean {
  try {
    execFileSync('qemu-img', ['compare', '-q', '-U', a, b]);
    return true;
  } catch {
    return false;
  }
}

export function importOptions(
  name: string,
  path: string,
  pool: string,
  extra: Partial<NewVmOptions> = {},
): NewVmOptions {
  return {
    connectionId: 'test',
    name,
    osId: 'generic',
    memoryMiB: 128,
    vcpus: 1,
    source: { kind: 'import', path, pool },
    disk: { kind: 'none' },
    network: { kind: 'none' },
    virtType: 'qemu',
    customize: true,
    ...extra,
  };
}

export async function importVm(env: ImportEnv, options: NewVmOptions): Promise<DomainRef> {
  const started = await startCreateVm(env.host, env.rpc, env.jobs, options);
  await started.result;
  return lookupDomainByName(env.rpc, options.name);
}

export { join };
