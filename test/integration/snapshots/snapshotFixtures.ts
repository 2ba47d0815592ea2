/**
 * What the snapshot tests share: a connection and temp pool on one libvirt generation, a TCG
 * guest with a qcow2 (or raw) disk booting the tiny ISO, the VM handle the service takes, and
 * commands run as root on that host's own file system (the modern host's through its namespace:
 * qemu-io must resolve an overlay's backing file by the path libvirt wrote in it).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  getDomainXml,
  lookupDomainByName,
  startDomain,
  DomainXmlFlags,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { refreshPool } from '../../../src/main/libvirt/storagePool';
import { createVolume, getVolumePath } from '../../../src/main/libvirt/storageVolume';
import { SnapshotThumbnails } from '../../../src/main/services/snapshots/thumbnails';
import { openVm, type VmHandle } from '../../../src/main/services/vmDetails/vmXml';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import {
  createQcow2,
  createTempPool,
  removeLeftovers,
  tcgDomainXml,
  uploadTinyIso,
  xmlEscape,
  type TempPool,
} from '../../support/libvirtFixtures';
import { loadModernHost } from '../../support/modernHost';
import type { LibvirtGeneration } from '../../support/transports';

const run = promisify(execFile);

/** Names with every character that must work: spaces, quotes, `$(...)`, `;`, unicode. */
export const ODD = ` "q" 'a' $(echo pwned); ü ☃`;

export interface SnapshotBench {
  conn: LibvirtConnection;
  pool: TempPool;
  iso: string;
  thumbnails: SnapshotThumbnails;
  gen: LibvirtGeneration;
  /** Runs argv as root on the host's own file system; resolves with its stdout. */
  onHost(argv: string[]): Promise<string>;
  /** Starts argv as root on the host and leaves it running. */
  startOnHost(argv: string[]): ChildProcess;
  /** A path on the host as this machine sees it. */
  hostPath(path: string): string;
  /** Defines (and with `start`, starts) a guest; its disk in the pool, qcow2 unless `raw`. */
  makeVm(name: string, options?: { raw?: boolean; start?: boolean }): Promise<VmHandle>;
  /** The VM of that name, opened as an API call opens it. */
  findVm(name: string): Promise<VmHandle>;
  /** Opens the VM again, as each API call does (its state read afresh). */
  reopen(vm: VmHandle): Promise<VmHandle>;
  /** The path of the VM's vda as its current (inactive) definition names it. */
  diskPath(vm: VmHandle): Promise<string>;
}

function isModern(gen: LibvirtGeneration): boolean {
  return gen.name === 'Debian 13 host';
}

/** For a describe block: everything above, cleaned up after its tests. */
export function snapshotBench(gen: LibvirtGeneration, vmNames: string[]): SnapshotBench {
  let host: Host | undefined;
  let conn: LibvirtConnection | undefined;
  let pool: TempPool | undefined;
  let iso = '';
  const dir = mkdtempSync(join(tmpdir(), 'vd-snapbe-thumbs-'));
  const thumbnails = new SnapshotThumbnails(dir);
  const modernPid = () => readFileSync(loadModernHost().initPidFile, 'utf8').trim();
  // nsenter without -p execs the command: its pid is the command's own.
  const onHostArgv = (argv: string[]) =>
    isModern(gen) ? ['nsenter', '-t', modernPid(), '-m', '-n', '--', ...argv] : argv;
  const onHost = async (argv: string[]) => {
    const [cmd, ...args] = onHostArgv(argv);
    return (await run(cmd!, args, { maxBuffer: 16 << 20 })).stdout;
  };
  const startOnHost = (argv: string[]) => {
    const [cmd, ...args] = onHostArgv(argv);
    return spawn(cmd!, args, { stdio: 'ignore' });
  };
  const hostPath = (path: string) =>
    isModern(gen) ? join('/proc', modernPid(), 'root', path) : path;

  beforeAll(async () => {
    host = gen.makeHost();
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    await removeLeftovers(conn.rpc, vmNames);
    pool = await createTempPool(conn.rpc);
    iso = (await uploadTinyIso(conn.rpc, pool.pool, 'tiny.iso')).path;
  });
  afterAll(async () => {
    if (conn) await removeLeftovers(conn.rpc, vmNames).catch(() => {});
    // Overlays and memory files libvirt made are in the directory, not yet in the pool's list.
    if (conn && pool) await refreshPool(conn.rpc, pool.pool).catch(() => {});
    await pool?.destroy().catch(() => {});
    await conn?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const bench: SnapshotBench = {
    get conn() {
      if (!conn) throw new Error('read the connection inside a test');
      return conn;
    },
    get pool() {
      if (!pool) throw new Error('read the pool inside a test');
      return pool;
    },
    get iso() {
      return iso;
    },
    thumbnails,
    gen,
    onHost,
    startOnHost,
    hostPath,
    async makeVm(name, { raw = false, start = false } = {}) {
      const rpc = bench.conn.rpc;
      const volName = `vd-snapbe-${vmNames.indexOf(name)}-${Date.now()}.${raw ? 'img' : 'qcow2'}`;
      let disk: string;
      if (raw) {
        const vol = await createVolume(
          rpc,
          bench.pool.pool,
          `<volume><name>${xmlEscape(volName)}</name><capacity unit='MiB'>16</capacity>` +
            `<target><format type='raw'/></target></volume>`,
        );
        disk = await getVolumePath(rpc, vol);
      } else {
        disk = (await createQcow2(rpc, bench.pool.pool, volName, 16)).path;
      }
      let xml = tcgDomainXml(name, disk, iso);
      if (raw) xml = xml.replace(`type='qcow2'`, `type='raw'`);
      let dom = await defineDomain(rpc, xml);
      if (start) dom = await startDomain(rpc, dom);
      return openVm(rpc, uuidToString(dom.uuid));
    },
    findVm: async (name) =>
      openVm(bench.conn.rpc, uuidToString((await lookupDomainByName(bench.conn.rpc, name)).uuid)),
    reopen: (vm) => openVm(vm.rpc, uuidToString(vm.dom.uuid)),
    async diskPath(vm) {
      const xml = await getDomainXml(vm.rpc, vm.dom, DomainXmlFlags.Inactive);
      const devices = firstChild(parseXml(xml).documentElement!, 'devices')!;
      const vda = childElements(devices, 'disk').find(
        (d) => attribute(firstChild(d, 'target'), 'dev') === 'vda',
      );
      return attribute(firstChild(vda!, 'source'), 'file')!;
    },
  };
  return bench;
}

/** Writes `pattern` into the first 64 KiB of a shut-off VM's disk image, through qemu-io. */
export async function writePattern(b: SnapshotBench, image: string, pattern: number) {
  const out = await b.onHost(['qemu-io', '-c', `write -P ${pattern} 0 64k`, image]);
  if (!/wrote 65536\/65536 bytes/.test(out)) throw new Error(`qemu-io write: ${out}`);
}

/** Whether the first 64 KiB of the image (read through its backing chain) are all `pattern`. */
export async function holdsPattern(b: SnapshotBench, image: string, pattern: number) {
  const out = await b.onHost(['qemu-io', '-r', '-c', `read -P ${pattern} 0 64k`, image]);
  if (!/read 65536\/65536 bytes/.test(out)) throw new Error(`qemu-io read: ${out}`);
  return !/Pattern verification failed/.test(out);
}
