/**
 * The console path's cost: bytes per second and round-trip latency to a TCP server on the host
 * (consoleSink.mjs, the "display"), by four paths, in one run:
 *   direct   a local TCP connection to the server (no SSH at all);
 *   ssh2     a bare ssh2 forward (forwardOut) over the private sshd: SSH's own part of the cost;
 *   ssh -L   OpenSSH's tunnel to the same sshd, the path a virt-viewer user gets;
 *   gateway  Virtdeck's console gateway (WebSocket -> this process -> the app's ssh2 forward).
 * The client side of every path is the same loop (consoleClient.mjs) in a child process of its
 * own, as a browser or virt-viewer is, pushing 64 KiB writes with the same backpressure rule.
 * Each path runs ROUNDS times, interleaved; its best throughput and its lowest median round trip
 * count, so one scheduling hiccup on a shared machine does not decide a ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ConsoleGateway } from '../src/main/consoles/consoleGateway';
import { sshHostFor } from '../test/support/transports';
import { cpuSeconds } from './procStats';
import { ensureTestEnvironment, percentile, round } from './support';

const ORIGIN = 'http://127.0.0.1:1';
const TOTAL = 256 * 1024 * 1024;
const ROUND_TRIPS = 300;
const ROUNDS = 2;

interface ClientResult {
  mbps: number;
  /** Median round trip, ms. */
  rtt: number;
  /** CPU seconds of the client process while pushing. */
  cpu: number;
}

/** The client loop in its own process: MB/s to the sink, then round trips to the echo server. */
async function clientProcess(
  mode: 'ws' | 'tcp' | 'ssh2',
  sink: string,
  echo: () => string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClientResult> {
  const child = spawn(
    process.execPath,
    [
      join(import.meta.dirname, 'consoleClient.mjs'),
      ...[mode, sink, String(TOTAL), String(ROUND_TRIPS), ORIGIN],
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], env },
  );
  const stuck = setTimeout(() => child.kill(), 120_000);
  let result: { mbps: number; rtt: number[]; cpu: number } | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'echo?') child.stdin.write(`${echo()}\n`);
    else result = JSON.parse(line) as { mbps: number; rtt: number[]; cpu: number };
  }
  clearTimeout(stuck);
  if (!result) throw new Error(`the bench client (${mode}) printed no result`);
  const sorted = [...result.rtt].sort((a, b) => a - b);
  return { mbps: result.mbps, rtt: percentile(sorted, 50), cpu: result.cpu };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForListener(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`ssh -L exited (${child.exitCode})`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1')
        .once('connect', () => {
          s.destroy();
          resolve(true);
        })
        .once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('ssh -L did not listen');
}

export async function consoleThroughput(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  const server = spawn(
    process.execPath,
    [join(import.meta.dirname, 'consoleSink.mjs'), String(TOTAL)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ports = JSON.parse(
    await new Promise<string>((resolve) =>
      createInterface({ input: server.stdout }).once('line', resolve),
    ),
  ) as { sink: number; echo: number };
  const host = sshHostFor(env, env.user);
  await host.connect();
  const gateway = await ConsoleGateway.start({ allowedOrigins: () => [ORIGIN] });
  const ticket = (port: number) =>
    gateway.issue({
      describe: 'bench',
      open: () => host.forward({ kind: 'tcp', host: '127.0.0.1', port }),
    });
  // OpenSSH's tunnel: one `ssh -N -L` for both ports, as a virt-viewer user would keep open.
  const [lSink, lEcho] = [await freePort(), await freePort()];
  const tunnel = spawn(
    'ssh',
    [
      '-N',
      ...['-p', String(env.sshPort), '-i', env.clientKey],
      ...['-o', 'BatchMode=yes', '-o', 'ExitOnForwardFailure=yes'],
      ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'],
      ...['-L', `127.0.0.1:${lSink}:127.0.0.1:${ports.sink}`],
      ...['-L', `127.0.0.1:${lEcho}:127.0.0.1:${ports.echo}`],
      `${env.user}@${env.sshHost}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const sshEnv = {
    ...process.env,
    VDK_SSH: JSON.stringify({
      host: env.sshHost,
      port: env.sshPort,
      username: env.user,
      privateKey: env.clientKey,
    }),
  };

  try {
    await waitForListener(lSink, tunnel);
    await waitForListener(lEcho, tunnel);
    type Path = 'direct' | 'ssh2' | 'ssh_l' | 'gateway';
    const best: Record<Path, ClientResult & { middle_cpu: number }> = {
      direct: { mbps: 0, rtt: Infinity, cpu: 0, middle_cpu: 0 },
      ssh2: { mbps: 0, rtt: Infinity, cpu: 0, middle_cpu: 0 },
      ssh_l: { mbps: 0, rtt: Infinity, cpu: 0, middle_cpu: 0 },
      gateway: { mbps: 0, rtt: Infinity, cpu: 0, middle_cpu: 0 },
    };
    const runs: Record<Path, () => Promise<ClientResult>> = {
      direct: () => clientProcess('tcp', String(ports.sink), () => String(ports.echo)),
      ssh2: () => clientProcess('ssh2', String(ports.sink), () => String(ports.echo), sshEnv),
      ssh_l: () => clientProcess('tcp', String(lSink), () => String(lEcho)),
      gateway: () => clientProcess('ws', ticket(ports.sink), () => ticket(ports.echo)),
    };
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      for (const path of Object.keys(runs) as Path[]) {
        // CPU of the process in the middle: this one for the gateway, ssh for the tunnel.
        const here = process.cpuUsage();
        const tunnelCpu = cpuSeconds(tunnel.pid!);
        const r = await runs[path]();
        const used = process.cpuUsage(here);
        const middle =
          path === 'gateway'
            ? (used.user + used.system) / 1e6
            : path === 'ssh_l'
              ? cpuSeconds(tunnel.pid!) - tunnelCpu
              : 0;
        const b = best[path];
        if (r.mbps > b.mbps) Object.assign(b, { mbps: r.mbps, cpu: r.cpu, middle_cpu: middle });
        b.rtt = Math.min(b.rtt, r.rtt);
      }
    }
    const { direct, ssh2, ssh_l, gateway: g } = best;
    const mb = TOTAL / (1 << 20);
    return {
      name: 'console-throughput',
      megabytes: mb,
      rounds: ROUNDS,
      direct_mb_s: round(direct.mbps, 1),
      ssh2_forward_mb_s: round(ssh2.mbps, 1),
      ssh_l_mb_s: round(ssh_l.mbps, 1),
      gateway_mb_s: round(g.mbps, 1),
      ratio_to_ssh2_forward: round(g.mbps / ssh2.mbps, 3),
      ratio_to_ssh_l: round(g.mbps / ssh_l.mbps, 3),
      ratio_to_direct: round(g.mbps / direct.mbps, 3),
      direct_rtt_ms: round(direct.rtt, 3),
      ssh2_forward_rtt_ms: round(ssh2.rtt, 3),
      ssh_l_rtt_ms: round(ssh_l.rtt, 3),
      gateway_rtt_ms: round(g.rtt, 3),
      added_latency_vs_ssh2_forward_ms: round(g.rtt - ssh2.rtt, 3),
      added_latency_vs_ssh_l_ms: round(g.rtt - ssh_l.rtt, 3),
      // CPU seconds per MiB pushed: the client process, and the process in the middle.
      client_cpu_ms_per_mb: {
        direct: round((direct.cpu / mb) * 1000, 2),
        ssh2: round((ssh2.cpu / mb) * 1000, 2),
        ssh_l: round((ssh_l.cpu / mb) * 1000, 2),
        gateway: round((g.cpu / mb) * 1000, 2),
      },
      middle_cpu_ms_per_mb: {
        ssh_l: round((ssh_l.middle_cpu / mb) * 1000, 2),
        gateway: round((g.middle_cpu / mb) * 1000, 2),
      },
    };
  } finally {
    tunnel.kill();
    await gateway.close();
    await host.close();
    server.kill();
  }
}
