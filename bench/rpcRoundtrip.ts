/**
 * One lookup call over the SSH transport through the RPC client, against the same lookup done the
 * way tools without a protocol client do it: one `virsh` exec per call over the same connection.
 */
import { LibvirtConnection } from '../src/main/libvirt/connection';
import { lookupDomainByName } from '../src/main/libvirt/domain';
import { sshHostFor } from '../test/support/transports';
import { ensureTestEnvironment, percentile, round } from './support';

export async function rpcRoundtrip(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  const host = sshHostFor(env, env.user);
  const conn = await LibvirtConnection.open(host, 'test:///default');
  try {
    for (let i = 0; i < 200; i++) await lookupDomainByName(conn.rpc, 'test'); // warm-up
    const rpc: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = performance.now();
      await lookupDomainByName(conn.rpc, 'test');
      rpc.push(performance.now() - t);
    }
    const virsh: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await host.exec(['virsh', '-c', 'test:///default', 'domuuid', 'test']);
      if (r.code !== 0) throw new Error(`virsh failed: ${r.stderr.toString()}`);
      virsh.push(performance.now() - t);
    }
    rpc.sort((a, b) => a - b);
    virsh.sort((a, b) => a - b);
    const median = percentile(rpc, 50);
    const virshMedian = percentile(virsh, 50);
    return {
      name: 'rpc-roundtrip',
      calls: rpc.length,
      median_ms: round(median),
      p95_ms: round(percentile(rpc, 95)),
      virsh_calls: virsh.length,
      virsh_median_ms: round(virshMedian),
      ratio: round(virshMedian / median, 1),
    };
  } finally {
    await conn.close();
    await host.close();
  }
}
