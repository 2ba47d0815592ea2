import type { Readable, Writable } from 'node:stream';

/**
 * The file streams a HostFiles has handed out and that are still open, so that closing the
 * HostFiles (or losing the connection under it) ends them instead of leaving them dangling.
 */
export class OpenStreams {
  private readonly streams = new Set<Readable | Writable>();

  keep<S extends Readable | Writable>(stream: S): S {
    this.streams.add(stream);
    stream.once('close', () => this.streams.delete(stream));
    return stream;
  }

  destroyAll(err?: Error): void {
    for (const stream of this.streams) stream.destroy(err);
  }
}
