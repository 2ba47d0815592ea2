/**
 * The contract between a transfer's owner (services/storage/transfers.ts: what to do with the
 * bytes) and the console gateway that serves it over loopback HTTP (consoles/transferRoutes.ts).
 * It lives with the service, the lower layer, so the gateway imports it and not the other way.
 */
import type { Readable, Writable } from 'node:stream';

export interface PendingUpload {
  kind: 'upload';
  /** What it is, for logs; never a secret. */
  describe: string;
  /**
   * Takes the request body; resolves with the bytes stored once all of them are, rejects (and
   * the client gets an error status) otherwise. `contentLength` is the header's value, if any.
   */
  receive(body: Readable & { complete?: boolean }, contentLength?: number): Promise<number>;
  /** The ticket expired or was revoked before a request came. */
  expired(): void;
}

export interface PendingDownload {
  kind: 'download';
  describe: string;
  /** The file name the browser saves under. */
  filename: string;
  /** Content-Length when the size is known exactly. */
  size?: number;
  /** Writes the bytes into `out` and ends it; rejects when the transfer fails. */
  send(out: Writable): Promise<void>;
  expired(): void;
}

export type PendingTransfer = PendingUpload | PendingDownload;

export interface IssuedTransfer {
  url: string;
  /** Forgets the ticket if still unused (the job was cancelled before the page came). */
  revoke(): void;
}
