/**
 * The console path's cost: bytes per second and round-trip latency through the console gateway
 * (WebSocket -> ssh2 forward over the private sshd -> a TCP server on the host), beside a direct
 * local TCP connection to the same server, in one run. The page's side runs in a process of its
 * own (consoleClient.mjs), as the browser does, for both paths alike. The bare ssh2 forward is
 * measured in this process too (the part of the gateway's cost that is SSH's).
 */
import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ConsoleGateway } from '../src/main/consoles/consoleGateway';
import { sshHostFor } from '../test/support/transports';
import { ensureTestEnvironment, percentile, round } from './support';

const ORIGIN = 'http://127.0.0.1:1';
const CHUNK = 64 * 1024;
const TOTAL = 256 * 1024 * 1024;
const ROUND_TRIPS = 300;

/** A byte channel as the benchmark drives it: send, and hear what comes back. */
interface Channel {
  send(data: Buffer): void;
  onData(listener: (data: Buffer) => void): void;
  close(): void;
}

function streamChannel(stream: Duplex): Channel {
  return {
    send: (data) => void stream.write(data),
    onData: (listener) => void stream.on('data', listener),
    close: () => stream.destroy(),
  };
}

/** The page's side in its own process: MB/s to the sink, then round trips to the echo server. */
async function clientProcess(
  mode: 'ws' | 'tcp',
  sink: string,
  echo: () => string,
): Promise<{ mbps: number; rtt: number[] }> {
  const child = spawn(
    process.execPath,
    [
      join(import.meta.dirname, 'consoleClient.mjs'),
      ...[mode, sink, String(TOTAL), String(ROUND_TRIPS), ORIGIN],
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let result: { mbps: number; rtt: number[] } | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'echo?') child.stdin.write(`${echo()}\n`);
    else result = JSON.parse(line) as { mbps: number; rtt: number[] };
  }
  if (!result) throw new Error(`the bench client (${mode}) printed no result`);
  return { mbps: result.mbps, rtt: [...result.rtt].sort((a, b) => a - b) };
}

/** MB/s to push TOTAL bytes to the sink, until it acknowledges them all. */
async function throughput(channel: Channel): Promise<number> {
  const chunk = Buffer.alloc(CHUNK, 7);
  const acked = new Promise<void>((resolve) => channel.onData(() => resolve()));
  const started = performance.now();
  // Write in bursts and yield, so that the queues do not grow without bound.
  for (let sent = 0; sent < TOTAL; sent += CHUNK) {
    channel.send(chunk);
    if ((sent / CHUNK) % 64 === 63) await new Promise((r) => setImmediate(r));
  }
  await acked;
  return TOTAL / (1 << 20) / ((performance.now() - started) / 1000);
}

/** Median and p95 of one-byte round trips through an echo server, in ms. */
async function latency(channel: Channel): Promise<number[]> {
  let waiting: (() => void) | undefined;
  channel.onData(() => waiting?.());
  const times: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      waiting = resolve;
      channel.send(Buffer.from([i & 0xff]));
    });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export async function consoleThroughput(): Promise<Record<string, unknown>> {
  const env = ensureTestEnvironment();
  const server = spawn(
    process.execPath,
    [join(import.meta.dirname, 'consoleSink.mjs'), String(TOTAL)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ports = JSON.parse(
    await new Promise<string>((resolve) =>
      createInterface({ input: server.stdout }).once('line', resolve),
    ),
  ) as { sink: number; echo: number };
  const host = sshHostFor(env, env.user);
  await host.connect();
  const gateway = await ConsoleGateway.start({ allowedOrigins: () => [ORIGIN] });
  const forward = (port: number) => () => host.forward({ kind: 'tcp', host: '127.0.0.1', port });
  const ticket = (port: number) => gateway.issue({ describe: 'bench', open: forward(port) });
  const sshForward = async (port: number) => streamChannel(await forward(port)());

  try {
    const d = await clientProcess('tcp', String(ports.sink), () => String(ports.echo));
    const g = await clientProcess('ws', ticket(ports.sink), () => ticket(ports.echo));
    const sink = await sshForward(ports.sink);
    const sshMbps = await throughput(sink);
    sink.close();
    const echo = await sshForward(ports.echo);
    const sshRtt = await latency(echo);
    echo.close();
    const median = (xs: number[]) => percentile(xs, 50);
    return {
      name: 'console-throughput',
      megabytes: TOTAL / (1 << 20),
      direct_mb_s: round(d.mbps, 1),
      ssh_forward_mb_s: round(sshMbps, 1),
      gateway_mb_s: round(g.mbps, 1),
      ratio_to_ssh_forward: round(g.mbps / sshMbps, 3),
      direct_rtt_ms: round(median(d.rtt), 3),
      ssh_forward_rtt_ms: round(median(sshRtt), 3),
      gateway_rtt_ms: round(median(g.rtt), 3),
      added_latency_vs_ssh_forward_ms: round(median(g.rtt) - median(sshRtt), 3),
      ratio: round(g.mbps / d.mbps, 3),
      added_latency_ms: round(median(g.rtt) - median(d.rtt), 3),
    };
  } finally {
    await gateway.close();
    await host.close();
    server.kill();
  }
}
