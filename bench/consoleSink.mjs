// The "display" on the host for bench/consoleThroughput.ts, in its own process as QEMU would be:
// port A counts what it receives and answers one byte after every `total` bytes; port B echoes;
// port C sends `total` bytes to whoever connects (a display's updates: the console's bulk
// direction), in 64 KiB writes that wait for 'drain' when the socket's buffer is full.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:net';
import process from 'node:process';

const total = Number(process.argv[2]);
const sink = createServer((socket) => {
  let count = 0;
  socket.on('data', (chunk) => {
    count += chunk.length;
    while (count >= total) {
      count -= total;
      socket.write('!');
    }
  });
});
const echo = createServer((socket) => socket.pipe(socket));
const chunk = Buffer.alloc(64 * 1024, 9);
const source = createServer(async (socket) => {
  socket.on('error', () => {});
  for (let sent = 0; sent < total && !socket.destroyed; sent += chunk.length) {
    if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
  }
});
sink.listen(0, '127.0.0.1', () =>
  echo.listen(0, '127.0.0.1', () =>
    source.listen(0, '127.0.0.1', () => {
      const ports = {
        sink: sink.address().port,
        echo: echo.address().port,
        source: source.address().port,
      };
      process.stdout.write(`${JSON.stringify(ports)}\n`);
    }),
  ),
);
