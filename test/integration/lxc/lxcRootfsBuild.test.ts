/**
 * An OS container's root file system made on the host by debootstrap, as a job, on the real LXC
 * driver (this machine as root; the SSH test user is not root and is refused in words). The
 * target's path has spaces, quotes, `$(...)`, `;` and unicode in it.
 *
 * - Bad input (suite, mirror, an existing target, an unreachable mirror) is refused on its field
 *   before any job starts, with nothing made or defined.
 * - Cancel while debootstrap downloads: the job ends `cancelled`, no debootstrap process is left,
 *   and neither the target, the directories made for it, nor the staging directory remain.
 * - A whole `--variant=minbase` run of the host's own suite from the host's apt mirror: every
 *   phase seen in order, the tree given to the idmap's ids (setuid kept), then the container
 *   defined with the new tree as its root. This takes
 *   about two minutes on an idle machine (longer on a busy one): it runs only with
 *   VIRTDECK_DEBOOTSTRAP_FULL=1, the cancel test always.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/api/jobs';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { getDomainXml, listAllDomains } from '../../../src/main/libvirt/domain';
import { startBuildContainer } from '../../../src/main/services/lxc/buildContainer';
import { containerHostFacts } from '../../../src/main/services/lxc/containerHostFacts';
import type { ContainerOptions } from '../../../src/shared/api/methods/lxc';
import type { JobProgress } from '../../../src/shared/api/types';
import { InvalidInputError } from '../../../src/shared/errors';
import { englishText } from '../../../src/shared/messages/message';
import { attribute, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { removeContainers } from '../../support/lxcFixtures';
import { transports } from '../../support/transports';

const FULL = process.env.VIRTDECK_DEBOOTSTRAP_FULL === '1';

function debootstrapProcesses(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', marker], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('debootstrap') || line.includes('virtdeck-rootfs'));
  } catch {
    return [];
  }
}

const stagingDirs = () => readdirSync('/var/tmp').filter((n) => n.startsWith('.virtdeck-rootfs-'));

describe('New container with debootstrap (local, as root)', () => {
  const name = `lxc-debootstrap 'ü' $(x); y`;
  const [local] = transports();
  let host: Host;
  let conn: LibvirtConnection;
  let dir: string;
  let mirror: string;
  let suite: string;
  const events: JobProgress[] = [];
  const jobs = new JobRunner((e) => events.push(e));
  const target = () => join(dir, `a "b" $(c); d ü`, 'rootfs');
  const options = (over: Partial<ContainerOptions> = {}): ContainerOptions => ({
    connectionId: 'c',
    kind: 'os',
    name,
    rootfs: target(),
    init: undefined,
    initArgs: [],
    memoryMiB: 128,
    vcpus: 1,
    network: { kind: 'none' },
    idmap: false,
    start: false,
    build: { suite, mirror, variant: 'minbase' },
    ...over,
  });
  const fieldsOf = async (run: Promise<unknown>) => {
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidInputError);
    return Object.fromEntries(
      Object.entries((err as InvalidInputError).fieldTexts).map(([f, m]) => [f, englishText(m)]),
    );
  };
  const defined = async () => (await listAllDomains(conn.rpc)).map((d) => d.name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "lxc build 'ü' "));
    host = local!.makeHost();
    conn = await LibvirtConnection.open(host, 'lxc:///system');
    await removeContainers(conn.rpc, [name]);
    const facts = await containerHostFacts(host, conn.rpc);
    expect(facts).toMatchObject({ debootstrap: true, root: true });
    mirror = facts.mirror!;
    suite = facts.suite ?? 'bookworm';
  });

  afterAll(async () => {
    if (conn) {
      await removeContainers(conn.rpc, [name]);
      await conn.close();
    }
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("offers the host's own apt mirror and suite", () => {
    expect(mirror).toMatch(/^https?:\/\//);
    expect(suite).toMatch(/^[a-z]+$/);
  });

  it('refuses bad input on its field before any job starts', async () => {
    const bad = await fieldsOf(
      startBuildContainer(
        host,
        conn,
        jobs,
        'c',
        options({ build: { suite: 'no suite!', mirror: 'ftp://x/debian', variant: 'minbase' } }),
      ),
    );
    expect(bad['build.suite']).toBe('"no suite!" is not a suite name (like bookworm or stable)');
    expect(bad['build.mirror']).toContain('is not an http:// or https:// URL');
    const exists = await fieldsOf(
      startBuildContainer(host, conn, jobs, 'c', options({ rootfs: dir })),
    );
    expect(exists.rootfs).toBe(
      `${dir} already exists on the host: debootstrap makes a new directory`,
    );
    const unreachable = await fieldsOf(
      startBuildContainer(
        host,
        conn,
        jobs,
        'c',
        options({ build: { suite, mirror: 'http://127.0.0.1:9/debian', variant: 'minbase' } }),
      ),
    );
    expect(unreachable['build.mirror']).toContain('The host cannot fetch');
    expect(events).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    expect(await defined()).not.toContain(name);
  });

  it('Cancel stops debootstrap and removes everything it made', async () => {
    const before = stagingDirs();
    const started = await startBuildContainer(host, conn, jobs, 'c', options());
    const ended = started.result.then(
      () => 'done',
      (e: unknown) => e,
    );
    // Cancelled once packages are coming in: debootstrap has made a tree by then.
    const deadline = Date.now() + 120_000;
    while (
      !events.some((e) => e.jobId === started.jobId && e.stepText?.key === 'lxc.stepDownload') &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(events.some((e) => e.stepText?.key === 'lxc.stepRelease')).toBe(true);
    jobs.cancel(started.jobId);
    const err = await ended;
    expect(err).toMatchObject({ code: 'cancelled' });
    expect(events.at(-1)).toMatchObject({ jobId: started.jobId, phase: 'cancelled' });
    expect(readdirSync(dir)).toEqual([]);
    expect(stagingDirs()).toEqual(before);
    expect(debootstrapProcesses('virtdeck-rootfs')).toEqual([]);
    expect(await defined()).not.toContain(name);
  }, 180_000);

  it.runIf(FULL)(
    'makes a minbase root file system and defines the container on it',
    async () => {
      events.length = 0;
      // Unprivileged: the new tree is given to the mapped ids before the container is defined.
      const started = await startBuildContainer(host, conn, jobs, 'c', options({ idmap: true }));
      const made = await started.result;
      expect(made.name).toBe(name);
      const steps = [...new Set(events.map((e) => e.stepText?.key).filter(Boolean))];
      expect(steps).toEqual([
        'lxc.stepRelease',
        'lxc.stepIndexes',
        'lxc.stepResolve',
        'lxc.stepDownload',
        'lxc.stepExtract',
        'lxc.stepInstall',
        'lxc.stepConfigure',
        'lxc.stepShiftIds',
        'lxc.stepDefine',
      ]);
      expect(events.at(-1)).toMatchObject({ phase: 'done', done: 9, total: 9 });
      const facts = await containerHostFacts(host, conn.rpc);
      const apt = statSync(join(target(), 'usr/bin/apt'));
      expect(apt.isFile()).toBe(true);
      expect(apt.uid).toBe(facts.idmap!.uid.start);
      // chown clears setuid: it is put back.
      const passwd = statSync(join(target(), 'usr/bin/passwd'));
      expect([passwd.uid, passwd.mode & 0o4000]).toEqual([facts.idmap!.uid.start, 0o4000]);
      const dom = (await listAllDomains(conn.rpc)).find((d) => d.name === name)!;
      const fs = firstChild(
        firstChild(parseXml(await getDomainXml(conn.rpc, dom)).documentElement!, 'devices')!,
        'filesystem',
      )!;
      expect(attribute(firstChild(fs, 'source'), 'dir')).toBe(target());
    },
    900_000,
  );
});

describe('New container with debootstrap over SSH as a user who is not root', () => {
  it('is refused in words, nothing made', async () => {
    const ssh = transports()[1]!;
    const host = ssh.makeHost();
    const conn = await LibvirtConnection.open(host, 'lxc:///system');
    try {
      const facts = await containerHostFacts(host, conn.rpc);
      expect(facts.root).toBe(false);
      const err = await startBuildContainer(host, conn, new JobRunner(() => {}), 'c', {
        connectionId: 'c',
        kind: 'os',
        name: 'never-made',
        rootfs: '/var/tmp/virtdeck-never-made/rootfs',
        initArgs: [],
        memoryMiB: 128,
        vcpus: 1,
        network: { kind: 'none' },
        idmap: false,
        start: false,
        build: { suite: 'bookworm', mirror: facts.mirror!, variant: 'minbase' },
      }).catch((e: unknown) => e);
      expect((err as InvalidInputError).fields.rootfs).toContain('debootstrap needs root');
    } finally {
      await conn.close();
      await host.close();
    }
  });
});
