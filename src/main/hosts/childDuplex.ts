import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { Duplex } from 'node:stream';

const MAX_STDERR = 16 * 1024;

/**
 * The stdin/stdout of a child process as one Duplex: what is written goes to the child, what it
 * prints is read. Destroying the Duplex kills the child. When the child fails (`failure` returns
 * an error for its exit status and stderr), the Duplex is destroyed with that error.
 */
export function childDuplex(
  child: ChildProcessWithoutNullStreams,
  failure: (
    code: number | null,
    signal: NodeJS.Signals | null,
    stderr: string,
  ) => Error | undefined,
): Duplex {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
  });
  // A write racing the child's exit gives EPIPE; the exit status explains it better.
  child.stdin.on('error', () => {});

  const duplex = new Duplex({
    read() {
      child.stdout.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (!child.stdin.writable) {
        callback(new Error('the process has exited'));
        return;
      }
      child.stdin.write(chunk, (err) => callback(err ?? null));
    },
    final(callback) {
      child.stdin.end();
      callback();
    },
    destroy(err, callback) {
      const outputDone = child.stdout.readableEnded;
      child.stdout.destroy();
      child.stdin.destroy();
      const stop = (): void => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      };
      // A child that has closed its output is exiting by itself; give it a moment to do so.
      if (outputDone) setTimeout(stop, 1000).unref();
      else stop();
      callback(err);
    },
  });
  child.stdout.on('data', (chunk: Buffer) => {
    if (!duplex.push(chunk)) child.stdout.pause();
  });
  child.stdout.on('end', () => duplex.push(null));
  child.on('close', (code, signal) => {
    if (duplex.destroyed) return;
    const err = failure(code, signal, stderr);
    if (err) {
      duplex.destroy(err);
      return;
    }
    // The child is gone, so nothing written could arrive: end once the reader has the output.
    if (duplex.readableEnded) duplex.destroy();
    else duplex.once('end', () => duplex.destroy());
  });
  return duplex;
}
