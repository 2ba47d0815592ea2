/**
 * The modern test host (Debian 13: libvirt 11.x, QEMU 10.x; scripts/test-host/modern-host.sh)
 * reached as any remote host is: the app's SshHost to its sshd on the veth address, and the RPC
 * client through virt-ssh-helper. It says it is libvirt 11, and a real TCG guest booting the tiny
 * ISO is defined, started, seen running (its serial console answers), destroyed and undefined,
 * with nothing left behind. When the host is not up, this file fails with the command to start
 * it (loadModernHost), it never skips.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshHost } from '../../../src/main/hosts/ssh/sshHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  destroyDomain,
  getDomainState,
  listAllDomains,
  lookupDomainByName,
  startDomain,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { listAllStoragePools } from '../../../src/main/libvirt/storagePool';
import {
  createQcow2,
  createTempPool,
  removeLeftovers,
  tcgDomainXml,
  uploadTinyIso,
  type TempPool,
} from '../../support/libvirtFixtures';
import { loadModernHost, type ModernHostEnv } from '../../support/modernHost';
import { sshHostFor } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

const NAME = 'virtdeck-modern-lifecycle';

/** The modern host's own file system, seen from here through its namespace's first process. */
function modernRoot(env: ModernHostEnv): string {
  return join('/proc', readFileSync(env.initPidFile, 'utf8').trim(), 'root');
}

/** QEMU processes on this machine running a guest of that name (any namespace). */
function qemuProcessesFor(name: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const args = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
        return args.some((arg) => arg.startsWith(`guest=${name},`));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('the modern test host', () => {
  // Read while collecting, as transports() reads the main host: a host that is not up fails the
  // file with the command to start it, instead of showing its tests as skipped.
  const env = loadModernHost();
  let host: SshHost;
  let conn: LibvirtConnection;
  let pool: TempPool | undefined;

  beforeAll(async () => {
    host = sshHostFor(env, env.user);
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeLeftovers(conn.rpc, [NAME]);
  });

  afterAll(async () => {
    // Clean up even after a failure, so one broken run does not poison the next.
    const dom = conn && (await lookupDomainByName(conn.rpc, NAME).catch(() => null));
    if (dom) {
      await destroyDomain(conn.rpc, dom).catch(() => {});
      await undefineDomain(conn.rpc, dom).catch(() => {});
    }
    await pool?.destroy().catch(() => {});
    await conn?.close();
    await host?.close();
  });

  it('is libvirt 11 with QEMU 10, over SSH', async () => {
    const versions = await conn.versions();
    expect(versions.libvirtVersion).toMatch(/^11\./);
    expect(versions.libvirtVersion).toBe(env.libvirtVersion);
    expect(versions.hypervisorType).toBe('QEMU');
    expect(versions.hypervisorVersion).toMatch(/^10\./);
    // Guests there must run under TCG: the host has no /dev/kvm.
    expect(existsSync(join(modernRoot(env), 'dev', 'kvm'))).toBe(false);
  });

  it('defines, boots, stops and undefines a TCG guest, leaving nothing', async () => {
    pool = await createTempPool(conn.rpc);
    const disk = await createQcow2(conn.rpc, pool.pool, `${NAME}.qcow2`);
    const iso = await uploadTinyIso(conn.rpc, pool.pool, 'tiny.iso');
    // The volumes are in the modern host's own file system, not this machine's.
    expect(existsSync(join(modernRoot(env), disk.path))).toBe(true);
    expect(existsSync(disk.path)).toBe(false);

    let dom = await defineDomain(conn.rpc, tcgDomainXml(NAME, disk.path, iso.path));
    dom = await startDomain(conn.rpc, dom);
    expect((await getDomainState(conn.rpc, dom)).state).toBe('running');
    expect(qemuProcessesFor(NAME)).toHaveLength(1);

    // It really boots: isolinux on the serial console answers what we type.
    const console = await conn.rpc.openStream('DOMAIN_OPEN_CONSOLE', {
      dom,
      dev_name: null,
      flags: 0,
    });
    let screen = '';
    console.on('data', (chunk: Buffer) => (screen += chunk.toString('latin1')));
    await waitFor(
      'the isolinux boot: prompt on the serial console',
      () => {
        console.write('hello\r');
        return /boot:/.test(screen) && /hello/.test(screen);
      },
      90_000,
      1000,
    );
    console.destroy();

    await destroyDomain(conn.rpc, dom);
    expect((await getDomainState(conn.rpc, dom)).state).toBe('shutoff');
    await undefineDomain(conn.rpc, dom);

    const poolPath = pool.path;
    const poolName = pool.pool.name;
    await pool.destroy();
    pool = undefined;

    expect((await listAllDomains(conn.rpc)).map((d) => d.name)).not.toContain(NAME);
    expect((await listAllStoragePools(conn.rpc)).map((p) => p.name)).not.toContain(poolName);
    expect(existsSync(join(modernRoot(env), poolPath))).toBe(false);
    await waitFor('the QEMU process to end', () => qemuProcessesFor(NAME).length === 0);
  });
});
