// The page's side of bench/consoleThroughput.ts, in a process of its own as a browser is:
//   node consoleClient.mjs ws|tcp SINK TOTAL ROUND_TRIPS [ORIGIN]
// SINK is a ws:// URL (through the gateway) or a TCP port (direct). Pushes TOTAL bytes to the
// sink, honouring backpressure, until it acknowledges them; then prints "echo?" and reads the
// echo server's address from stdin (a fresh ticket: they expire unused), and times one-byte round
// trips through it. Prints {"mbps":..,"rtt":[..]} on one line.
import { Buffer } from 'node:buffer';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const [mode, sinkAt, totalArg, tripsArg, origin] = process.argv.slice(2);
const TOTAL = Number(totalArg);
const CHUNK = 64 * 1024;
const QUEUED = 4 << 20;

/** send(), onData(), waitForRoom() and close() over a WebSocket or a TCP socket. */
async function open(at) {
  if (mode === 'ws') {
    const ws = new WebSocket(at, { headers: { Origin: origin }, perMessageDeflate: false });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return {
      send: (data) => ws.send(data),
      onData: (listener) => ws.on('message', listener),
      // A browser's WebSocket tells only bufferedAmount: poll it as a page would.
      waitForRoom: async () => {
        while (ws.bufferedAmount > QUEUED) await new Promise((r) => setImmediate(r));
      },
      close: () => ws.close(),
    };
  }
  const socket = connect(Number(at), '127.0.0.1').setNoDelay(true);
  await new Promise((resolve) => socket.once('connect', resolve));
  return {
    send: (data) => socket.write(data),
    onData: (listener) => socket.on('data', listener),
    waitForRoom: async () => {
      if (socket.writableLength > QUEUED) await new Promise((r) => socket.once('drain', r));
    },
    close: () => socket.destroy(),
  };
}

const sink = await open(sinkAt);
const chunk = Buffer.alloc(CHUNK, 7);
const acked = new Promise((resolve) => sink.onData(resolve));
const started = performance.now();
for (let sent = 0; sent < TOTAL; sent += CHUNK) {
  sink.send(chunk);
  await sink.waitForRoom();
}
await acked;
const mbps = TOTAL / (1 << 20) / ((performance.now() - started) / 1000);
sink.close();

process.stdout.write('echo?\n');
const echoAt = await new Promise((resolve) =>
  createInterface({ input: process.stdin }).once('line', resolve),
);
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
process.stdout.write(`${JSON.stringify({ mbps, rtt })}\n`);
process.exit(0);
