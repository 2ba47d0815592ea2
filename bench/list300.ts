/**
 * Time from nothing to a full list of 300 running domains with their state and stats, over SSH:
 * SSH connect, libvirt open, one list call and one bulk stats call.
 */
import { LibvirtConnection } from '../src/main/libvirt/connection';
import { listAllDomains } from '../src/main/libvirt/domain';
import { getAllDomainStats } from '../src/main/libvirt/domainStats';
import { sshHostFor } from '../test/support/transports';
import { testDriverHostFile } from '../test/support/testDriverHost';
import { ensureTestEnvironment, percentile, round } from './support';
import { virDomainStatsTypes } from '../src/main/libvirt/rpc/generated/libvirtEnums';

const { VIR_DOMAIN_STATS_STATE, VIR_DOMAIN_STATS_CPU_TOTAL, VIR_DOMAIN_STATS_BALLOON } =
  virDomainStatsTypes;

export async function list300(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  const uri = `test://${testDriverHostFile(env, 300)}`;
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    const host = sshHostFor(env, env.user);
    const conn = await LibvirtConnection.open(host, uri);
    const [domains, stats] = await Promise.all([
      listAllDomains(conn.rpc),
      getAllDomainStats(
        conn.rpc,
        VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON,
      ),
    ]);
    runs.push((performance.now() - t) / 1000);
    if (domains.length !== 300 || stats.length !== 300) {
      throw new Error(`expected 300 domains, got ${domains.length} and ${stats.length} stats`);
    }
    await conn.close();
    await host.close();
  }
  runs.sort((a, b) => a - b);
  return {
    name: 'list-300',
    runs: runs.length,
    seconds: round(percentile(runs, 50)),
    max_seconds: round(runs.at(-1)!),
  };
}
