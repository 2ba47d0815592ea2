/**
 * One domain lookup on qemu:///system over the SSH transport, three ways in the same run:
 * - Virtdeck's RPC client (the transport it chose: stream-local or virt-ssh-helper);
 * - the floor: a raw sender on a second stream of the same transport, writing the lookup packet
 *   encoded once and reading its reply without decoding (bench/rawRpc.ts);
 * - virsh over a real daemon connection (qemu+ssh to the same sshd): one process per call, as a
 *   script runs it, and the per-call cost inside one virsh session (N lookups minus one).
 * Client and floor alternate in blocks so load on the machine hits both alike.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LibvirtConnection } from '../src/main/libvirt/connection';
import { defineDomain, lookupDomainByName, undefineDomain } from '../src/main/libvirt/domain';
import { tcgDomainXml } from '../test/support/libvirtFixtures';
import { sshHostFor } from '../test/support/transports';
import { RawSender, rawCallPacket, replyStatus, xdrString } from './rawRpc';
import { ensureTestEnvironment, percentile, round } from './support';

const run = promisify(execFile);
const URI = 'qemu:///system';
const DOMAIN = 'perf-rt bench ü';
const PROC_CONNECT_OPEN = 1;
const PROC_AUTH_LIST = 66;
const PROC_AUTH_POLKIT = 70;
const PROC_DOMAIN_LOOKUP_BY_NAME = 23;
const BLOCKS = 30;
const PER_BLOCK = 100;
const VIRSH_BATCH = 300;

export async function rpcRoundtrip(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  const host = sshHostFor(env, env.user);
  const conn = await LibvirtConnection.open(host, URI);
  const dom = await defineDomain(
    conn.rpc,
    tcgDomainXml(DOMAIN, undefined, '/nonexistent/perf.iso'),
  );
  const rawStream = await host.openLibvirtStream(URI);
  try {
    const raw = new RawSender(rawStream);
    // The handshake as virsh does it over a polkit socket: AUTH_LIST, AUTH_POLKIT, CONNECT_OPEN.
    await raw.send(rawCallPacket(PROC_AUTH_LIST, 1, Buffer.alloc(0)));
    await raw.send(rawCallPacket(PROC_AUTH_POLKIT, 2, Buffer.alloc(0)));
    const openBody = Buffer.concat([u32(1), xdrString(URI), u32(0)]);
    if (replyStatus(await raw.send(rawCallPacket(PROC_CONNECT_OPEN, 3, openBody))) !== 0) {
      throw new Error('raw CONNECT_OPEN failed');
    }
    const lookup = rawCallPacket(PROC_DOMAIN_LOOKUP_BY_NAME, 4, xdrString(DOMAIN));
    for (let i = 0; i < 300; i++) {
      await lookupDomainByName(conn.rpc, DOMAIN); // warm-up, both
      await raw.send(lookup);
    }
    const client: number[] = [];
    const floor: number[] = [];
    for (let block = 0; block < BLOCKS; block++) {
      for (let i = 0; i < PER_BLOCK; i++) {
        const t = performance.now();
        await lookupDomainByName(conn.rpc, DOMAIN);
        client.push(performance.now() - t);
      }
      for (let i = 0; i < PER_BLOCK; i++) {
        const t = performance.now();
        const reply = await raw.send(lookup);
        floor.push(performance.now() - t);
        if (replyStatus(reply) !== 0) throw new Error('raw lookup failed');
      }
    }
    const virsh = await virshFigures(env.sshPort, env.user, env.clientKey);
    client.sort((a, b) => a - b);
    floor.sort((a, b) => a - b);
    const median = percentile(client, 50);
    const floorMedian = percentile(floor, 50);
    return {
      name: 'rpc-roundtrip',
      uri: URI,
      transport: conn.transport,
      calls: client.length,
      median_ms: round(median),
      p95_ms: round(percentile(client, 95)),
      floor_median_ms: round(floorMedian),
      floor_p95_ms: round(percentile(floor, 95)),
      ratio_to_floor: round(median / floorMedian, 2),
      p95_ratio_to_floor: round(percentile(client, 95) / percentile(floor, 95), 2),
      ...virsh,
      virsh_session_ratio: round(virsh.virsh_session_per_call_ms / median, 2),
      virsh_process_ratio: round(virsh.virsh_process_median_ms / median, 1),
      load_1min: Number((await run('cat', ['/proc/loadavg'])).stdout.split(' ')[0]),
    };
  } finally {
    rawStream.destroy();
    await undefineDomain(conn.rpc, dom).catch(() => {});
    await conn.close();
    await host.close();
  }
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value, 0);
  return b;
}

/**
 * virsh as a client on this machine over qemu+ssh to the test sshd: the median of whole processes
 * (ssh login, handshake, one lookup), and one lookup's cost inside a session (a run of N lookups
 * against a run of one, on one connection each).
 */
async function virshFigures(
  port: number,
  user: string,
  key: string,
): Promise<{ virsh_process_median_ms: number; virsh_session_per_call_ms: number }> {
  const uri = `qemu+ssh://${user}@127.0.0.1:${port}/system?keyfile=${key}&no_verify=1`;
  const command = `domuuid '${DOMAIN}'\n`;
  const session = async (count: number): Promise<number> => {
    const t = performance.now();
    await runWithInput('virsh', ['-q', '-c', uri], command.repeat(count));
    return performance.now() - t;
  };
  const processes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await run('virsh', ['-q', '-c', uri, 'domuuid', DOMAIN]);
    processes.push(performance.now() - t);
  }
  processes.sort((a, b) => a - b);
  const ones: number[] = [];
  const many: number[] = [];
  for (let i = 0; i < 3; i++) {
    ones.push(await session(1));
    many.push(await session(VIRSH_BATCH + 1));
  }
  const best = (xs: number[]) => Math.min(...xs);
  return {
    virsh_process_median_ms: round(percentile(processes, 50)),
    virsh_session_per_call_ms: round((best(many) - best(ones)) / VIRSH_BATCH),
  };
}

function runWithInput(program: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(program, args, (err) =>
      err ? reject(new Error(`${program} failed: ${err.message}`)) : resolve(),
    );
    child.stdin?.end(input);
  });
}
