// The "display" on the host for bench/consoleThroughput.ts, in its own process as QEMU would be:
// port A counts what it receives and answers one byte after every `total` bytes; port B echoes.
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
sink.listen(0, '127.0.0.1', () =>
  echo.listen(0, '127.0.0.1', () => {
    process.stdout.write(
      `${JSON.stringify({ sink: sink.address().port, echo: echo.address().port })}\n`,
    );
  }),
);
