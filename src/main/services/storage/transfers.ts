/**
 * Volume uploads and downloads between the user's machine and a pool, through libvirt's volume
 * streams. The page's bytes travel over the loopback gateway (consoles/transferRoutes.ts): an
 * upload creates the volume and hands out a one-time URL the page PUTs the file to; a download
 * hands out a URL the page opens. Each transfer is a job (unit bytes) fed by the bytes moved, so
 * the JobProgressBar shows speed and time left, and Cancel works from the app (jobs.cancel) or
 * from the page (aborting the request). A cancelled or failed upload deletes the volume it made.
 *
 * `startVolumeUpload` is what other features call too (the new-VM wizard's ISO upload).
 */
import type { Readable, Writable } from 'node:stream';
import { UPLOAD_FORMATS, type VolumeSummary } from '../../../shared/api/methods/storage';
import { VirtdeckError } from '../../../shared/errors';
import { englishText, msg, type Message } from '../../../shared/messages/message';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import {
  createVolume,
  deleteVolume,
  downloadVolume,
  getVolumeXml,
  uploadVolume,
} from '../../libvirt/storageVolume';
import { readVolumeXml, storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { invalidInput } from '../../../shared/inputChecks';
import { findVolume } from './lookups';
import type { IssuedTransfer, PendingTransfer } from './pendingTransfer';
import { activePool, checkRoomFor, checkSize, checkVolumeName, volumeSummary } from './volumes';

/** The job runner as transfers use it (api/jobs.ts's JobRunner is one). */
export interface TransferJobs {
  start<T>(
    options: {
      title: string;
      titleText?: Message;
      connectionId?: string;
      unit: 'bytes';
      total?: number;
      cancellable?: boolean;
    },
    run: (job: { signal: AbortSignal; progress(done: number, total?: number): void }) => Promise<T>,
  ): { jobId: string; result: Promise<T> };
  cancel(jobId: string): void;
}

/** Where transfer URLs come from (the console gateway is one). */
export interface TransferGateway {
  issueTransfer(transfer: PendingTransfer): IssuedTransfer;
}

export interface TransferDeps {
  jobs: TransferJobs;
  gateway: TransferGateway;
}

/** Volume formats an upload may declare: the bytes are stored as they come. */
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

export interface VolumeUploadRequest {
  rpc: RpcClient;
  connectionId: string;
  pool: string;
  /** The new volume's name (refused when the pool has one already). */
  name: string;
  format: UploadFormat;
  /** The file's size in bytes: the volume's capacity, and exactly what the PUT must carry. */
  size: number;
  /** The job's title; "Upload <name>" by default. */
  title?: Message;
}

export interface StartedTransfer {
  jobId: string;
  /** The one-time gateway URL. */
  url: string;
}

export interface StartedVolumeUpload extends StartedTransfer {
  /** The new volume's path on the host (e.g. for a VM's CD-ROM). */
  path: string;
  /** The stored volume; rejects (after deleting the volume) when the upload fails or is cancelled. */
  result: Promise<VolumeSummary>;
}

/**
 * Checks the name and the pool's free space, creates the volume (capacity = size) and returns the
 * URL to PUT the file to and the job that follows it.
 */
export async function startVolumeUpload(
  request: VolumeUploadRequest,
  deps: TransferDeps,
): Promise<StartedVolumeUpload> {
  const { rpc } = request;
  const name = checkVolumeName(request.name);
  const size = checkSize(request.size, 'The file size', 'size');
  if (!UPLOAD_FORMATS.includes(request.format)) {
    throw invalidInput(
      msg('storage.formatOneOf', { formats: UPLOAD_FORMATS.join(', ') }),
      'format',
    );
  }
  const pool = await activePool(rpc, request.pool);
  await checkRoomFor(rpc, pool, name, size, { name: 'name', size: 'size' });
  const vol = await createVolume(
    rpc,
    pool,
    storageVolumeXml({ name, capacity: size, format: request.format }),
  );
  const path = vol.key;

  const arrival = waitForRequest<
    { body: Readable & { complete?: boolean }; length?: number },
    number
  >();
  const ticket = deps.gateway.issueTransfer({
    kind: 'upload',
    describe: `upload into ${pool.name}/${name}`,
    receive: (body, length) => arrival.arrive({ body, length }),
    expired: () => arrival.expire(new VirtdeckError('timeout', msg('storage.uploadLate'))),
  });

  let jobId = '';
  const job = deps.jobs.start(
    {
      ...titled(request.title ?? msg('storage.uploadTitle', { name })),
      connectionId: request.connectionId,
      unit: 'bytes',
      total: size,
    },
    async (ctx) => {
      const revoke = () => ticket.revoke();
      ctx.signal.addEventListener('abort', revoke, { once: true });
      try {
        const { value: req, answer } = await untilAborted(arrival.request, ctx.signal);
        try {
          if (req.length !== undefined && req.length !== size) {
            throw invalidInput(msg('storage.lengthMismatch', { length: req.length, size }), 'size');
          }
          const bytes = await uploadVolume(rpc, vol, req.body, {
            length: size,
            signal: ctx.signal,
            onProgress: (n) => ctx.progress(n),
          }).catch((err: unknown) => {
            // The page aborted its request: that is the user's Cancel, not a failure.
            if (errCode(err) === 'ECONNRESET' && !ctx.signal.aborted) deps.jobs.cancel(jobId);
            throw err;
          });
          if (bytes !== size) {
            throw new VirtdeckError(
              'invalid-input',
              msg('storage.shortUpload', { received: bytes, size }),
            );
          }
          answer.resolve(bytes);
          return await volumeSummary(rpc, pool, vol);
        } catch (err) {
          answer.reject(
            ctx.signal.aborted
              ? new VirtdeckError('cancelled', msg('storage.uploadCancelled'))
              : err,
          );
          throw err;
        }
      } catch (err) {
        await removeVolume(rpc, vol);
        throw err;
      } finally {
        ctx.signal.removeEventListener('abort', revoke);
      }
    },
  );
  jobId = job.jobId;
  return { jobId, url: ticket.url, path, result: job.result };
}

export interface VolumeDownloadRequest {
  rpc: RpcClient;
  connectionId: string;
  pool: string;
  name: string;
}

/** A URL that downloads the volume's bytes (as stored: a qcow2 file stays qcow2). */
export async function startVolumeDownload(
  request: VolumeDownloadRequest,
  deps: TransferDeps,
): Promise<StartedTransfer & { filename: string }> {
  const { rpc } = request;
  const pool: StoragePoolRef = await activePool(rpc, request.pool);
  const vol = await findVolume(rpc, pool, request.name);
  const facts = readVolumeXml(await getVolumeXml(rpc, vol));
  // The stream yields the file's own bytes: its physical size when libvirt reports it; a raw
  // volume's file is as long as its capacity.
  const size = facts.physical ?? (facts.format === 'raw' ? facts.capacity : undefined);
  const filename = request.name;

  const arrival = waitForRequest<Writable, void>();
  const ticket = deps.gateway.issueTransfer({
    kind: 'download',
    describe: `download of ${pool.name}/${request.name}`,
    filename,
    size,
    send: (out) => arrival.arrive(out),
    expired: () => arrival.expire(new VirtdeckError('timeout', msg('storage.downloadLate'))),
  });
  let jobId = '';
  const job = deps.jobs.start(
    {
      ...titled(msg('storage.downloadTitle', { name: request.name })),
      connectionId: request.connectionId,
      unit: 'bytes',
      total: size,
    },
    async (ctx) => {
      const revoke = () => ticket.revoke();
      ctx.signal.addEventListener('abort', revoke, { once: true });
      try {
        const { value: out, answer } = await untilAborted(arrival.request, ctx.signal);
        try {
          const bytes = await downloadVolume(rpc, vol, out, {
            signal: ctx.signal,
            onProgress: (n) => ctx.progress(n),
          }).catch((err: unknown) => {
            // The browser cancelled the download: the user's Cancel.
            if (errCode(err) === 'ERR_STREAM_PREMATURE_CLOSE' && !ctx.signal.aborted) {
              deps.jobs.cancel(jobId);
            }
            throw err;
          });
          answer.resolve();
          return bytes;
        } catch (err) {
          answer.reject(err);
          throw err;
        }
      } finally {
        ctx.signal.removeEventListener('abort', revoke);
      }
    },
  );
  jobId = job.jobId;
  return { jobId, url: ticket.url, filename };
}

/**
 * Deletes a volume a failed upload made; the closing stream may hold it a moment longer (the move
 * through the app removes its target volumes with it too). False when it could not.
 */
export async function removeVolume(rpc: RpcClient, vol: StorageVolumeRef): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await deleteVolume(rpc, vol);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return false;
}

export function errCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * The meeting point of a job and the gateway: the gateway hands over the request (`arrive`) and
 * waits for the job's answer; the job waits for the request, which never comes if the ticket
 * expires.
 */
export function waitForRequest<V, A>() {
  const request = deferred<{ value: V; answer: Deferred<A> }>();
  return {
    request: request.promise,
    arrive(value: V): Promise<A> {
      const answer = deferred<A>();
      request.resolve({ value, answer });
      return answer.promise;
    },
    expire(err: Error): void {
      request.reject(err);
    },
  };
}

export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted)
    return Promise.reject(new VirtdeckError('cancelled', msg('common.cancelled')));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new VirtdeckError('cancelled', msg('common.cancelled')));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** A job's title as a key, in English too (for logs). */
function titled(title: Message): { title: string; titleText: Message } {
  return { title: englishText(title), titleText: title };
}
