/**
 * Real libvirt objects for integration tests: a temporary dir pool, a qcow2 volume, a tiny
 * bootable ISO uploaded into the pool through the RPC stream, and a TCG domain using them.
 */
import { createReadStream, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RpcClient } from '../../src/main/libvirt/rpc/client';
import type { StoragePoolRef, StorageVolumeRef } from '../../src/main/libvirt/refs';
import { destroyDomain, lookupDomainByName, undefineDomain } from '../../src/main/libvirt/domain';
import {
  buildPool,
  isPoolActive,
  listAllStoragePools,
  definePool,
  deletePoolStorage,
  startPool,
  stopPool,
  undefinePool,
} from '../../src/main/libvirt/storagePool';
import {
  createVolume,
  deleteVolume,
  getVolumePath,
  listVolumes,
  uploadVolume,
} from '../../src/main/libvirt/storageVolume';
import { afterAll, beforeAll } from 'vitest';
import type { Host } from '../../src/main/hosts/host';
import { LibvirtConnection } from '../../src/main/libvirt/connection';
import { buildTinyIso } from './testHost';
import type { Transport } from './transports';
import { virDomainUndefineFlagsValues } from '../../src/main/libvirt/rpc/generated/libvirtEnums';

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Removes what an interrupted earlier run may have left: the named domains and every temp pool
 * (with its volumes) whose test process has gone. Tests call it first, so one crash does not fail
 * the next run, and tests running at the same time keep their pools.
 */
export async function removeLeftovers(rpc: RpcClient, domainNames: string[]): Promise<void> {
  for (const name of domainNames) {
    const dom = await lookupDomainByName(rpc, name).catch(() => null);
    if (!dom) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(
      rpc,
      dom,
      virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
        virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
    );
  }
  for (const pool of await listAllStoragePools(rpc)) {
    // A crashed run may have left the pool without its directory: remove what is there.
    if (isStaleTempPool(pool.name)) await removePool(rpc, pool, { leftover: true });
  }
}

/** Deletes a pool's volumes, stops it, deletes its directory and undefines it. */
async function removePool(
  rpc: RpcClient,
  pool: StoragePoolRef,
  { leftover = false } = {},
): Promise<void> {
  if (await isPoolActive(rpc, pool)) {
    for (const vol of await listVolumes(rpc, pool)) await deleteVolume(rpc, vol);
    await stopPool(rpc, pool);
  }
  const deleting = deletePoolStorage(rpc, pool);
  await (leftover ? deleting.catch(() => {}) : deleting);
  await undefinePool(rpc, pool);
}

export interface TempPool {
  pool: StoragePoolRef;
  path: string;
  /**
   * Deletes every volume, stops, deletes the directory and undefines the pool, through `via`
   * when the connection that created it has gone.
   */
  destroy(via?: RpcClient): Promise<void>;
}

/**
 * A temp pool's name carries the pid of the test process that made it, so that a leftover
 * cleanup removes only pools whose process has gone, never those of a test running alongside.
 */
function isStaleTempPool(name: string): boolean {
  const pid = /^virtdeck-test-(\d+)-[0-9a-f]+$/.exec(name)?.[1];
  if (!pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** `name`: another temp pool's (the same pool name on a second host); a fresh one by default. */
export async function createTempPool(
  rpc: RpcClient,
  name = `virtdeck-test-${process.pid}-${randomBytes(4).toString('hex')}`,
): Promise<TempPool> {
  const path = `/var/lib/libvirt/images/${name}`;
  const pool = await definePool(
    rpc,
    `<pool type='dir'><name>${name}</name><target><path>${path}</path></target></pool>`,
  );
  await buildPool(rpc, pool);
  await startPool(rpc, pool);
  return {
    pool,
    path,
    destroy: (via = rpc) => removePool(via, pool),
  };
}

export async function createQcow2(
  rpc: RpcClient,
  pool: StoragePoolRef,
  name: string,
  capacityMiB = 64,
): Promise<{ vol: StorageVolumeRef; path: string }> {
  const vol = await createVolume(
    rpc,
    pool,
    `<volume><name>${xmlEscape(name)}</name><capacity unit='MiB'>${capacityMiB}</capacity>` +
      `<target><format type='qcow2'/></target></volume>`,
  );
  return { vol, path: await getVolumePath(rpc, vol) };
}

/** Builds the tiny isolinux ISO locally and uploads it into the pool through libvirt's stream. */
export async function uploadTinyIso(
  rpc: RpcClient,
  pool: StoragePoolRef,
  name: string,
): Promise<{ vol: StorageVolumeRef; path: string }> {
  const local = join(tmpdir(), `virtdeck-${randomBytes(4).toString('hex')}.iso`);
  await buildTinyIso(local);
  const size = statSync(local).size;
  const vol = await createVolume(
    rpc,
    pool,
    `<volume><name>${xmlEscape(name)}</name><capacity unit='B'>${size}</capacity>` +
      `<target><format type='raw'/></target></volume>`,
  );
  await uploadVolume(rpc, vol, createReadStream(local), { length: size });
  return { vol, path: await getVolumePath(rpc, vol) };
}

export interface TcgDomainOptions {
  /** The display: VNC (the default) or SPICE, on the host's loopback. */
  graphics?: 'vnc' | 'spice';
  /** A display password, which libvirt returns only in the secure XML. */
  password?: string;
}

/**
 * A minimal TCG guest that boots the ISO, with a serial console and, when `diskPath` is given, a
 * qcow2 disk (a second guest on the same ISO must go without: QEMU locks a disk image it uses).
 */
export function tcgDomainXml(
  name: string,
  diskPath: string | undefined,
  isoPath: string,
  options: TcgDomainOptions = {},
): string {
  const passwd = options.password === undefined ? '' : ` passwd='${xmlEscape(options.password)}'`;
  const disk =
    diskPath === undefined
      ? ''
      : `
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='${xmlEscape(diskPath)}'/>
      <target dev='vda' bus='virtio'/>
    </disk>`;
  return `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='cdrom'/></os>
  <devices>${disk}
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='${xmlEscape(isoPath)}'/>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
    <serial type='pty'/>
    <console type='pty'/>
    <graphics type='${options.graphics ?? 'vnc'}' autoport='yes'${passwd}><listen type='address' address='127.0.0.1'/></graphics>
  </devices>
</domain>`;
}

/**
 * For a describe block: opens qemu:///system over `transport` with a fresh temporary pool before
 * its tests, and removes the pool and closes everything after them. Read the fields inside tests.
 */
export function qemuWithTempPool(transport: Transport): {
  conn: LibvirtConnection;
  pool: TempPool;
} {
  let host: Host | undefined;
  let conn: LibvirtConnection | undefined;
  let pool: TempPool | undefined;
  beforeAll(async () => {
    host = transport.makeHost();
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    pool = await createTempPool(conn.rpc);
  });
  afterAll(async () => {
    await pool?.destroy().catch(() => {});
    await conn?.close();
    await host?.close();
  });
  return {
    get conn() {
      if (!conn) throw new Error('qemuWithTempPool: read the connection inside a test');
      return conn;
    },
    get pool() {
      if (!pool) throw new Error('qemuWithTempPool: read the pool inside a test');
      return pool;
    },
  };
}
