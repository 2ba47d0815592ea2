// The page's side of bench/consoleThroughput.ts, in a process of its own as a browser (or
// virt-viewer) is. Every path is driven by this one loop:
//   node consoleClient.mjs ws|tcp|ssh2 SINK TOTAL ROUND_TRIPS [ORIGIN]
// SINK is a ws:// URL (through the gateway), a TCP port on 127.0.0.1 (direct, or `ssh -L`'s
// listening port), or for ssh2 the sink's port on the host, reached by a bare ssh2 forward of a
// connection this process makes itself (VDK_SSH: {host, port, username, privateKey path}).
// Pushes TOTAL bytes to the sink, honouring backpressure (a write that filled the stream's buffer
// waits for 'drain'), until it acknowledges them; then prints "source?", reads the source's
// address from stdin and counts the TOTAL bytes it sends (the display's direction); then prints
// "echo?", reads the echo server's address (fresh tickets: they expire unused), and times one-byte
// round trips through it. Prints {"mbps":..,"rtt":[..],"cpu":s,"downMbps":..,"downCpu":s}.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { Client } from 'ssh2';
import WebSocket from 'ws';

const [mode, sinkAt, totalArg, tripsArg, origin] = process.argv.slice(2);
const TOTAL = Number(totalArg);
const CHUNK = 64 * 1024;

/** The bare ssh2 path's one connection, made on first use. */
let ssh;
async function sshClient() {
  if (ssh) return ssh;
  const o = JSON.parse(process.env.VDK_SSH ?? '{}');
  const client = new Client();
  await new Promise((resolve, reject) => {
    client.once('ready', resolve).once('error', reject);
    client.connect({
      host: o.host,
      port: o.port,
      username: o.username,
      privateKey: readFileSync(o.privateKey),
    });
  });
  ssh = client;
  return client;
}

/** A writable byte stream and what queues in this process in front of it. */
function byteChannel(writable, send, onData, close) {
  return {
    send,
    onData,
    // Same rule for every path, Node's own: a write that found the stream's buffer full
    // (past its highWaterMark) waits for 'drain'.
    waitForRoom: async () => {
      if (writable.writableNeedDrain) await new Promise((r) => writable.once('drain', r));
    },
    close,
  };
}

/** send(), onData(), waitForRoom() and close() over a WebSocket, a TCP socket or an ssh2 channel. */
async function open(at) {
  if (mode === 'ws') {
    const ws = new WebSocket(at, { headers: { Origin: origin }, perMessageDeflate: false });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    // ws writes each frame straight to its socket: the socket's queue is the WebSocket's.
    const socket = ws._socket.setNoDelay(true);
    return byteChannel(
      socket,
      (data) => ws.send(data),
      (listener) => ws.on('message', listener),
      () => ws.close(),
    );
  }
  if (mode === 'ssh2') {
    const client = await sshClient();
    const channel = await new Promise((resolve, reject) =>
      client.forwardOut('127.0.0.1', 0, '127.0.0.1', Number(at), (err, ch) =>
        err ? reject(err) : resolve(ch),
      ),
    );
    return byteChannel(
      channel,
      (data) => channel.write(data),
      (listener) => channel.on('data', listener),
      () => channel.destroy(),
    );
  }
  const socket = connect(Number(at), '127.0.0.1').setNoDelay(true);
  await new Promise((resolve) => socket.once('connect', resolve));
  return byteChannel(
    socket,
    (data) => socket.write(data),
    (listener) => socket.on('data', listener),
    () => socket.destroy(),
  );
}

const sink = await open(sinkAt);
const chunk = Buffer.alloc(CHUNK, 7);
const acked = new Promise((resolve) => sink.onData(resolve));
const cpu0 = process.cpuUsage();
const started = performance.now();
for (let sent = 0; sent < TOTAL; sent += CHUNK) {
  sink.send(chunk);
  await sink.waitForRoom();
}
await acked;
const mbps = TOTAL / (1 << 20) / ((performance.now() - started) / 1000);
const cpuUsed = process.cpuUsage(cpu0);
sink.close();

// The other direction, a display's updates: TOTAL bytes from the source, counted as they come.
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
process.stdout.write('source?\n');
const source = await open((await lines.next()).value);
const downCpu0 = process.cpuUsage();
const downStarted = performance.now();
await new Promise((resolve) => {
  let received = 0;
  source.onData((data) => {
    received += data.length;
    if (received >= TOTAL) resolve();
  });
});
const downMbps = TOTAL / (1 << 20) / ((performance.now() - downStarted) / 1000);
const downCpuUsed = process.cpuUsage(downCpu0);
source.close();

process.stdout.write('echo?\n');
const echoAt = (await lines.next()).value;
const echo = await open(echoAt);
let waiting;
echo.onData(() => waiting?.());
const rtt = [];
for (let i = 0; i < Number(tripsArg); i++) {
  const t0 = performance.now();
  await new Promise((resolve) => {
    waiting = resolve;
    echo.send(Buffer.from([i & 0xff]));
  });
  rtt.push(performance.now() - t0);
}
echo.close();
ssh?.end();
const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
const downCpu = (downCpuUsed.user + downCpuUsed.system) / 1e6;
process.stdout.write(`${JSON.stringify({ mbps, rtt, cpu, downMbps, downCpu })}\n`);
process.exit(0);
