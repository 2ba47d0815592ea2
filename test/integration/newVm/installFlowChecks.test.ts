/**
 * The install flow's up-front checks, over SSH as the unprivileged test user, before anything is
 * created: a bridge or macvtap device the host does not have (or an interface that is not a
 * bridge) on the Network page; an install tree URL the host's tool cannot fetch (ftp:// with
 * nothing listening, a tree with no kernel) on the Source page. A real bridge made by the test
 * passes. Nothing is defined, fetched or made when a check fails.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/api/jobs';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { listAllDomains } from '../../../src/main/libvirt/domain';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { checkNewVm } from '../../../src/main/services/newVm/newVmChecks';
import { newVmHostFacts } from '../../../src/main/services/newVm/hostFacts';
import type { NewVmOptions } from '../../../src/shared/api/newVmTypes';
import { InvalidInputError } from '../../../src/shared/errors';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';

/** A Linux bridge the test makes (names are at most 15 characters). */
const BRIDGE = `ifl-br-${randomBytes(2).toString('hex')}`;
const MISSING = 'ifl-none0';
const PREFIX = 'installflow-';
let host: Host;
let conn: LibvirtConnection;
let server: Server;
let base: string;
const requested: string[] = [];

beforeAll(async () => {
  execFileSync('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  const env = loadTestHost();
  host = sshHostFor(env, env.user);
  conn = await LibvirtConnection.open(host, 'qemu:///system');
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  execFileSync('ip', ['link', 'del', BRIDGE]);
  await new Promise((resolve) => server.close(resolve));
  await conn?.close();
  await host?.close();
});

function options(name: string, extra: Partial<NewVmOptions>): NewVmOptions {
  return {
    connectionId: 'c',
    name: `${PREFIX}${name} ü "q" $(x)`,
    osId: 'generic',
    memoryMiB: 128,
    vcpus: 1,
    source: { kind: 'pxe' },
    disk: { kind: 'none' },
    network: { kind: 'none' },
    virtType: 'qemu',
    ...extra,
  };
}

/** The fields startCreateVm refuses `opts` with; it must refuse, with no domain made. */
async function refusedFields(opts: NewVmOptions): Promise<Record<string, string>> {
  const jobs = new JobRunner(() => {});
  const err = await startCreateVm(host, conn.rpc, jobs, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof InvalidInputError))
    throw new Error(`expected a refusal, got ${String(err)}`);
  const names = (await listAllDomains(conn.rpc)).map((d) => d.name);
  expect(names).not.toContain(opts.name);
  return err.fields;
}

describe('bridged and macvtap NICs', () => {
  it('refuses a bridge the host does not have, on the Network page', async () => {
    const fields = await refusedFields(
      options('nobridge', { network: { kind: 'bridge', name: MISSING } }),
    );
    expect(fields['network.name']).toBe(`The host has no interface named ${MISSING}`);
  });

  it('refuses an interface that is not a bridge for a bridged NIC', async () => {
    const fields = await refusedFields(
      options('notbridge', { network: { kind: 'bridge', name: 'eth0' } }),
    );
    expect(fields['network.name']).toMatch(/^eth0 is not a bridge .*macvtap/);
  });

  it('refuses a macvtap device the host does not have', async () => {
    const fields = await refusedFields(
      options('nodevice', { network: { kind: 'direct', device: MISSING } }),
    );
    expect(fields['network.name']).toBe(`The host has no interface named ${MISSING}`);
  });

  it('accepts a bridge the host has, and a device for macvtap', async () => {
    const facts = await newVmHostFacts(host, conn.rpc);
    const files = await host.files();
    try {
      for (const network of [
        { kind: 'bridge', name: BRIDGE },
        { kind: 'direct', device: 'eth0' },
      ] as const) {
        await expect(
          checkNewVm(host, conn.rpc, files, facts, options('ok', { network })),
        ).resolves.toBeUndefined();
      }
    } finally {
      files.close();
    }
  });
});

describe('network install URLs', () => {
  it('refuses ftp:// when the host’s curl cannot fetch it, in curl’s words', async () => {
    const fields = await refusedFields(
      options('ftp', { source: { kind: 'url', url: 'ftp://127.0.0.1:1/tree/' } }),
    );
    expect(fields['source.url']).toMatch(
      /^Cannot fetch ftp:\/\/127\.0\.0\.1:1\/tree\/: .*connect/i,
    );
  });

  it('refuses a tree with no kernel before anything is fetched into a pool', async () => {
    const fields = await refusedFields(
      options('nokernel', { source: { kind: 'url', url: `${base}/empty/` } }),
    );
    expect(fields['source.url']).toBe(`No kernel and initrd found in the tree at ${base}/empty/`);
    // The host's curl asked for the kernel of each known layout, and fetched none.
    expect(requested).toContain('/empty/images/pxeboot/vmlinuz');
  });

  it('refuses what is not an http(s) or ftp URL', async () => {
    for (const url of ['file:///etc/hostname', 'tree/', 'http://u:p@127.0.0.1/t/']) {
      const fields = await refusedFields(options('badurl', { source: { kind: 'url', url } }));
      expect(fields['source.url']).toBeTruthy();
    }
  });
});
