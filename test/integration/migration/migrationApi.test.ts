/**
 * `vms.migrationCheck` and `vms.migrate` as a shell calls them (createApiBackend), with the app's
 * two saved SSH connections (this machine and the modern host, keys and known hosts in the
 * user's ~/.ssh): the check's problems as data, then a live migration with copied storage whose
 * job reports libvirt's figures and ends with the VM in the target's list, gone from the source's.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiBackend } from '../../../src/main/api/apiBackend';
import { createApiBackend } from '../../../src/main/api/createApiBackend';
import { startDomain } from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { lookupPoolByName } from '../../../src/main/libvirt/storagePool';
import type {
  ApiEvents,
  MethodName,
  MethodParams,
  MethodResult,
} from '../../../src/shared/api/contract';
import type { JobProgress, VmSummary } from '../../../src/shared/api/types';
import { createQcow2, tcgDomainXml } from '../../support/libvirtFixtures';
import { loadModernHost } from '../../support/modernHost';
import { loadTestHost } from '../../support/testHost';
import { waitFor } from '../../support/waitFor';
import {
  closeMigrationEnv,
  define,
  openMigrationEnv,
  PREFIX,
  type MigrationEnv,
} from './migrationFixtures';

let env: MigrationEnv;
let dir: string;
let backend: ApiBackend;
const saved = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };
const jobs: JobProgress[] = [];
const vms = new Map<string, VmSummary>();

async function call<M extends MethodName>(
  method: M,
  params: MethodParams<M>,
): Promise<MethodResult<M>> {
  const reply = await backend.call(method, params);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result as MethodResult<M>;
}

async function addConnection(host: string, port: number, user: string): Promise<string> {
  const config = await call('connections.add', {
    form: {
      hypervisor: 'qemu-system',
      remote: true,
      host,
      port: String(port),
      user,
      autoconnect: false,
    },
    connect: true,
  });
  return config.id;
}

beforeAll(async () => {
  env = await openMigrationEnv();
  const local = loadTestHost();
  const modern = loadModernHost();
  // A user whose ~/.ssh holds the test key and both hosts' keys: no prompt on either host.
  dir = mkdtempSync(join(tmpdir(), `${PREFIX}api-`));
  mkdirSync(join(dir, '.ssh'), { mode: 0o700 });
  copyFileSync(local.clientKey, join(dir, '.ssh', 'id_ed25519'));
  chmodSync(join(dir, '.ssh', 'id_ed25519'), 0o600);
  writeFileSync(
    join(dir, '.ssh', 'known_hosts'),
    `${local.knownHostsLine}\n${modern.knownHostsLine}\n`,
  );
  process.env.HOME = dir;
  delete process.env.SSH_AUTH_SOCK;
  backend = await createApiBackend({ configDir: join(dir, 'config'), consoleOrigins: () => [] });
  backend.subscribe((name, payload) => {
    if (name === 'jobs.progress') jobs.push(payload as JobProgress);
    if (name === 'vms.delta') {
      const d = payload as ApiEvents['vms.delta'];
      for (const vm of d.upsert) vms.set(`${vm.connectionId}/${vm.uuid}`, vm);
      for (const uuid of d.remove) vms.delete(`${d.connectionId}/${uuid}`);
    }
  });
}, 300_000);

afterAll(async () => {
  await backend?.close();
  process.env.HOME = saved.HOME;
  if (saved.SSH_AUTH_SOCK !== undefined) process.env.SSH_AUTH_SOCK = saved.SSH_AUTH_SOCK;
  await closeMigrationEnv(env);
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

describe('the migration methods through the API backend', () => {
  it('checks, then migrates live with the job reporting libvirt figures', async () => {
    const local = loadTestHost();
    const modern = loadModernHost();
    const sourceId = await addConnection(local.sshHost, local.sshPort, local.user);
    const targetId = await addConnection(modern.sshHost, modern.sshPort, modern.user);

    const rpc = env.source.libvirt().rpc;
    const pool = await lookupPoolByName(rpc, env.poolName);
    const disk = await createQcow2(rpc, pool, `${PREFIX}api.qcow2`, 64);
    const name = `${PREFIX}api`;
    const dom = await startDomain(
      rpc,
      await define(env.source, tcgDomainXml(name, disk.path, env.isoPath)),
    );
    const uuid = uuidToString(dom.uuid);
    await waitFor('the VM listed on the source', () => vms.get(`${sourceId}/${uuid}`), 60_000);

    const params = {
      connectionId: sourceId,
      uuid,
      targetConnectionId: targetId,
      mode: 'offline' as const,
      storage: 'copy' as const,
      transport: 'direct' as const,
    };
    // The check says what is wrong, as data; migrate refuses with the same, by field. (An offline
    // copy goes through Virtdeck, whose plan of the disks is made for a shut-off VM only.)
    expect(await call('vms.migrationCheck', params)).toEqual({
      problems: [{ field: 'mode', message: expect.stringMatching(/is running/) as string }],
      disks: [],
    });
    expect(await call('vms.migrationCheck', { ...params, mode: 'live' })).toEqual({
      problems: [],
      disks: [{ target: 'vda', path: disk.path, bytes: expect.any(Number) as number }],
    });
    await expect(call('vms.migrate', params)).rejects.toMatchObject({
      code: 'invalid-input',
      fields: { mode: expect.stringMatching(/is running/) as string },
    });

    // 8 MiB/s: slow enough for a few job-stats readings, fast enough for a short test.
    const { jobId } = await call('vms.migrate', { ...params, mode: 'live', bandwidthMiBs: 8 });
    const end = await waitFor(
      'the job to end',
      () => jobs.find((j) => j.jobId === jobId && j.phase !== 'running'),
      180_000,
    );
    expect(end.phase).toBe('done');
    expect(jobs.some((j) => j.jobId === jobId && (j.migration?.processedBytes ?? 0) > 0)).toBe(
      true,
    );
    await waitFor('the VM listed on the target', () => vms.get(`${targetId}/${uuid}`), 60_000);
    await waitFor('the VM gone from the source', () => !vms.has(`${sourceId}/${uuid}`), 60_000);
    expect(vms.get(`${targetId}/${uuid}`)).toMatchObject({ name, state: 'running' });
  }, 300_000);
});
