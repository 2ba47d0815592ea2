/**
 * Two real HostSessions for the migration tests, both over SSH as the test user: this machine
 * (libvirt 9.0) as the source and the modern host (libvirt 11.3) as the target; a dir pool at the
 * same path on both (the path a copied disk keeps), the tiny ISO in both, and the cleanup of every
 * vd-migrate-* domain, volume and pool on both hosts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobRunner } from '../../../src/main/api/jobs';
import type { Host } from '../../../src/main/hosts/host';
import {
  defineDomain,
  destroyDomain,
  listAllDomains,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import {
  isNetworkActive,
  listAllNetworks,
  stopNetwork,
  undefineNetwork,
} from '../../../src/main/libvirt/network';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { virDomainUndefineFlagsValues } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import {
  buildPool,
  definePool,
  deletePoolStorage,
  isPoolActive,
  listAllStoragePools,
  startPool,
  stopPool,
  undefinePool,
} from '../../../src/main/libvirt/storagePool';
import { deleteVolume, listVolumes } from '../../../src/main/libvirt/storageVolume';
import { HostSession } from '../../../src/main/services/hostSession';
import type { JobProgress } from '../../../src/shared/api/types';
import { loadModernHost } from '../../support/modernHost';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';
import { uploadTinyIso } from '../../support/libvirtFixtures';

export const PREFIX = 'vd-migrate-';

export function session(id: string, uri: string, createHost: () => Host): HostSession {
  return new HostSession(
    { id, uri, label: id, autoconnect: false },
    {
      emit: () => {},
      createHost,
      onClosed: () => {},
      statsIntervalMs: () => 1000,
      statsActive: () => false,
      reconnect: { initialDelayMs: 200, maxDelayMs: 1000 },
    },
  );
}

export interface MigrationEnv {
  source: HostSession;
  target: HostSession;
  jobs: JobRunner;
  /** Every progress event of every job, oldest first. */
  progress: JobProgress[];
  /** The directory of the pool both hosts have (same path, same name). */
  poolPath: string;
  poolName: string;
  isoPath: string;
  /** A libvirt URI the source's (root) libvirtd can open the modern host's at, for --tunnelled. */
  tunnelUri: string;
}

export async function openMigrationEnv(): Promise<MigrationEnv> {
  const env = loadTestHost();
  const modern = loadModernHost();
  const source = session(
    `${PREFIX}source`,
    `qemu+ssh://${env.user}@${env.sshHost}:${env.sshPort}/system`,
    () => sshHostFor(env, env.user),
  );
  const target = session(
    `${PREFIX}target`,
    `qemu+ssh://${modern.user}@${modern.sshHost}/system`,
    () => sshHostFor(modern, modern.user),
  );
  await Promise.all([source.connect(), target.connect()]);
  for (const s of [source, target]) {
    if (s.status.phase !== 'connected') {
      throw new Error(`${s.config.id}: ${s.status.phase} ${s.status.reason ?? ''}`);
    }
  }
  await removeMigrationLeftovers(source.libvirt().rpc);
  await removeMigrationLeftovers(target.libvirt().rpc);

  const poolName = `${PREFIX}${process.pid}-${randomBytes(3).toString('hex')}`;
  const poolPath = `/var/lib/libvirt/images/${poolName}`;
  let isoPath = '';
  for (const s of [source, target]) {
    const { rpc } = s.libvirt();
    const pool = await definePool(
      rpc,
      `<pool type='dir'><name>${poolName}</name><target><path>${poolPath}</path></target></pool>`,
    );
    await buildPool(rpc, pool);
    await startPool(rpc, pool);
    isoPath = (await uploadTinyIso(rpc, pool, `${PREFIX}tiny.iso`)).path;
  }

  // libvirt's libssh transport checks the host key against this file and logs in with the key.
  const knownHosts = join(mkdtempSync(join(tmpdir(), `${PREFIX}kh-`)), 'known_hosts');
  writeFileSync(knownHosts, `${modern.knownHostsLine}\n`);
  const query = new URLSearchParams({
    keyfile: modern.clientKey,
    known_hosts: knownHosts,
    sshauth: 'privkey',
  });
  const tunnelUri = `qemu+libssh://${modern.user}@${modern.sshHost}/system?${query.toString()}`;

  const progress: JobProgress[] = [];
  const jobs = new JobRunner((p) => progress.push(p));
  return { source, target, jobs, progress, poolPath, poolName, isoPath, tunnelUri };
}

export async function closeMigrationEnv(env: MigrationEnv | undefined): Promise<void> {
  if (!env) return;
  for (const s of [env.source, env.target]) {
    await removeMigrationLeftovers(s.libvirt().rpc).catch(() => {});
    await s.disconnect();
  }
}

/** Every vd-migrate-* domain (stopped, undefined), network and pool (volumes and directory too). */
export async function removeMigrationLeftovers(rpc: RpcClient): Promise<void> {
  for (const dom of await listAllDomains(rpc)) {
    if (!dom.name.startsWith(PREFIX)) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(
      rpc,
      dom,
      virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
        virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
    ).catch(() => {});
  }
  for (const net of await listAllNetworks(rpc)) {
    if (!net.name.startsWith(PREFIX)) continue;
    if (await isNetworkActive(rpc, net)) await stopNetwork(rpc, net);
    await undefineNetwork(rpc, net);
  }
  for (const pool of await listAllStoragePools(rpc)) {
    if (!pool.name.startsWith(PREFIX)) continue;
    if (await isPoolActive(rpc, pool)) {
      for (const vol of await listVolumes(rpc, pool)) await deleteVolume(rpc, vol);
      await stopPool(rpc, pool);
    }
    await deletePoolStorage(rpc, pool).catch(() => {});
    await undefinePool(rpc, pool);
  }
}

/** Defines a domain from XML on a session's host. */
export async function define(s: HostSession, xml: string) {
  return defineDomain(s.libvirt().rpc, xml);
}
