/**
 * A real QEMU guest (TCG) defined on the test host's qemu:///system, booting the tiny ISO, for
 * the end-to-end tests to see and drive. Created through the app's own RPC client on the local
 * socket; removed with everything it used.
 */
import { execFileSync } from 'node:child_process';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { defineDomain } from '../../../src/main/libvirt/domain';
import {
  createQcow2,
  createTempPool,
  removeLeftovers,
  tcgDomainXml,
  uploadTinyIso,
  type TcgDomainOptions,
} from '../../support/libvirtFixtures';

/** virsh on the test host's qemu:///system: what the host itself says, behind the app's back. */
export function virsh(...args: string[]): string {
  return execFileSync('virsh', ['-c', 'qemu:///system', ...args]).toString();
}

export interface DefinedVm {
  name: string;
  remove(): Promise<void>;
}

export async function defineShutOffVm(
  name: string,
  options: TcgDomainOptions = {},
): Promise<DefinedVm> {
  const host = new LocalHost();
  const conn = await LibvirtConnection.open(host, 'qemu:///system');
  await removeLeftovers(conn.rpc, [name]);
  const pool = await createTempPool(conn.rpc);
  const disk = await createQcow2(conn.rpc, pool.pool, 'disk.qcow2', 8);
  const iso = await uploadTinyIso(conn.rpc, pool.pool, 'tiny.iso');
  await defineDomain(conn.rpc, tcgDomainXml(name, disk.path, iso.path, options));
  return {
    name,
    async remove() {
      await removeLeftovers(conn.rpc, [name]);
      await pool.destroy().catch(() => {});
      await conn.close();
      await host.close();
    },
  };
}
