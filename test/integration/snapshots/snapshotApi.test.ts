/**
 * The snapshot methods as a shell calls them (createApiBackend), on this machine's qemu:///system:
 * the schema and the service's refusals arrive as API errors with their fields, a running guest's
 * snapshot keeps its thumbnail in the config directory (0700 / 0600, a hashed file name), the
 * thumbnail method returns it, and deleting the snapshot through the app removes it.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiBackend } from '../../../src/main/api/apiBackend';
import { createApiBackend } from '../../../src/main/api/createApiBackend';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { defineDomain, startDomain } from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import type { MethodName, MethodParams, MethodResult } from '../../../src/shared/api/contract';
import type { ApiErrorData } from '../../../src/shared/api/types';
import {
  createQcow2,
  createTempPool,
  removeLeftovers,
  tcgDomainXml,
  uploadTinyIso,
  type TempPool,
} from '../../support/libvirtFixtures';
import { waitFor } from '../../support/waitFor';
import { ODD } from './snapshotFixtures';

const VM = `vd-snapbe-api${ODD}`;

describe('the snapshot API on qemu:///system', () => {
  let dir: string;
  let backend: ApiBackend;
  let conn: LibvirtConnection;
  let pool: TempPool;
  let on: { connectionId: string; uuid: string };

  async function call<M extends MethodName>(m: M, p: MethodParams<M>): Promise<MethodResult<M>> {
    const reply = await backend.call(m, p);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.result as MethodResult<M>;
  }
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: ApiErrorData) => e,
    );

  beforeAll(async () => {
    conn = await LibvirtConnection.open(new LocalHost(), 'qemu:///system');
    await removeLeftovers(conn.rpc, [VM]);
    pool = await createTempPool(conn.rpc);
    const disk = await createQcow2(conn.rpc, pool.pool, 'api.qcow2', 16);
    const iso = await uploadTinyIso(conn.rpc, pool.pool, 'tiny.iso');
    const dom = await startDomain(
      conn.rpc,
      await defineDomain(conn.rpc, tcgDomainXml(VM, disk.path, iso.path)),
    );

    dir = mkdtempSync(join(tmpdir(), 'vd-snapbe-api-'));
    backend = await createApiBackend({ configDir: dir, consoleOrigins: () => [] });
    const config = await call('connections.add', {
      form: { hypervisor: 'qemu-system', remote: false, autoconnect: false },
      connect: true,
    });
    on = { connectionId: config.id, uuid: uuidToString(dom.uuid) };
    await waitFor(
      'connected',
      async () => (await call('session.snapshot', undefined)).vms.length > 0,
    );
  });

  afterAll(async () => {
    await backend?.close();
    if (conn) await removeLeftovers(conn.rpc, [VM]).catch(() => {});
    await pool?.destroy().catch(() => {});
    await conn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses bad input as API errors naming the field, with nothing made', async () => {
    expect(await call('vms.snapshots.list', on)).toEqual({
      snapshots: [],
      capability: { mode: 'internal' },
    });
    expect(
      await refusal(call('vms.snapshots.create', { ...on, name: ' ', memory: true })),
    ).toMatchObject({
      code: 'invalid-input',
      fields: { name: expect.stringMatching(/Enter a name/) },
    });
    expect(
      await refusal(call('vms.snapshots.create', { ...on, name: 'a/b', memory: true })),
    ).toMatchObject({
      fields: { name: 'A snapshot name cannot contain "/"' },
    });
    expect(await refusal(call('vms.snapshots.revert', { ...on, name: 'none' }))).toMatchObject({
      code: 'not-found',
    });
    expect((await call('vms.snapshots.list', on)).snapshots).toEqual([]);
  });

  it('keeps a private thumbnail with a running guest’s snapshot, and removes it with the snapshot', async () => {
    const name = `api ${ODD.replace(/"/g, '')}`;
    const info = await call('vms.snapshots.create', {
      ...on,
      name,
      description: 'via the API',
      memory: true,
    });
    expect(info).toMatchObject({ name, memory: true, state: 'running', hasThumbnail: true });

    const thumbs = join(dir, 'snapshot-thumbnails');
    expect(statSync(thumbs).mode & 0o777).toBe(0o700);
    const files = readdirSync(thumbs);
    expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.png$/)]);
    expect(statSync(join(thumbs, files[0]!)).mode & 0o777).toBe(0o600);
    expect(await call('vms.snapshots.thumbnail', { ...on, name })).toMatch(
      /^data:image\/png;base64,/,
    );

    expect(
      await refusal(call('vms.snapshots.create', { ...on, name, memory: true })),
    ).toMatchObject({
      code: 'invalid-input',
      fields: { name: `A snapshot named "${name}" already exists` },
    });
    await call('vms.snapshots.revert', { ...on, name });
    await call('vms.snapshots.delete', { ...on, name, children: false });
    expect((await call('vms.snapshots.list', on)).snapshots).toEqual([]);
    expect(readdirSync(thumbs)).toEqual([]);
    expect(await call('vms.snapshots.thumbnail', { ...on, name })).toBeNull();
  });
});
