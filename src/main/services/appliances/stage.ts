/**
 * The appliance read job behind newVm.appliance.open / info / discard. A read takes the bytes of
 * an .ova, a .box, or an .ovf with its disks (uploaded by the page through a one-time transfer
 * URL, or read on the host), hands the archive's entries to the format the first file claims
 * (formats.ts), and that reader stages the disks into the chosen pool as they stream by
 * (StagingContext.stageVolume). A failed or cancelled read deletes every volume it made.
 *
 * What a read staged is kept here, in memory, per connection and stageId, until a create uses it
 * (takeStagedAppliance) or the wizard discards it. A dropped connection keeps the records: the
 * volumes are on the host, and the same session reconnects. A read running when the connection
 * drops fails, and its volumes (named "virtdeck-stage-...") may stay in the pool if libvirt could
 * not be reached to delete them; quitting the app also leaves staged volumes behind, visible in
 * the Storage tab.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ApplianceInfo } from '../../../shared/api/newVmTypes';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import { jobTitle } from '../jobTypes';
import type { Host } from '../../hosts/host';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { refreshPool } from '../../libvirt/storagePool';
import {
  createVolume,
  getVolumeXml,
  lookupVolumeByName,
  uploadVolume,
} from '../../libvirt/storageVolume';
import { readVolumeXml, storageVolumeXml } from '../../xml/build/storageVolumeXml';
import {
  errCode,
  removeVolume,
  type TransferDeps,
  untilAborted,
  waitForRequest,
} from '../storage/transfers';
import { activePool, checkRoomFor } from '../storage/volumes';
import {
  APPLIANCE_FIELD,
  type ApplianceFormat,
  type ArchiveEntries,
  type StagedVolume,
  type StagingContext,
} from './applianceTypes';
import { formatClaiming } from './formats';
import { archiveEntries, counted, hostOrigin } from './origin';
import { entryBaseName } from './tarReader';

export type ApplianceOrigin =
  { from: 'upload'; name: string; size: number } | { from: 'host'; path: string };

export interface OpenApplianceRequest {
  connectionId: string;
  host: Host;
  rpc: RpcClient;
  pool: string;
  origin: ApplianceOrigin;
}

interface StagedRead {
  stageId: string;
  jobId: string;
  /** Every volume this read made, oldest first; `keep` ones survive a discard. */
  volumes: { vol: StorageVolumeRef; keep: boolean }[];
  reader?: ApplianceFormat;
  info?: ApplianceInfo;
  failure?: Error;
  /** Settles when the read job has ended (its volumes deleted if it failed). */
  ended: Promise<void>;
}

/** What a create takes from a finished read. */
export interface TakenAppliance {
  info: ApplianceInfo;
  reader: ApplianceFormat;
  volumes: { vol: StorageVolumeRef; keep: boolean }[];
}

const reads = new Map<string, Map<string, StagedRead>>();

function readsOf(connectionId: string): Map<string, StagedRead> {
  let map = reads.get(connectionId);
  if (!map) reads.set(connectionId, (map = new Map<string, StagedRead>()));
  return map;
}

/** A volume name made of the entry's own name, kept to what every file system takes. */
function stagedVolumeName(stageId: string, entryName: string): string {
  const base = entryBaseName(entryName).split('/').pop() ?? 'disk';
  const safe = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '') || 'disk';
  return `virtdeck-stage-${stageId.slice(0, 8)}-${safe}`;
}

/** Reads the entries with the reader the first file entry picks. */
async function readArchive(
  entries: ArchiveEntries,
  ctx: StagingContext,
  onReader: (reader: ApplianceFormat) => void,
): Promise<Omit<ApplianceInfo, 'stageId'>> {
  const iterator = entries[Symbol.asyncIterator]();
  let first = await iterator.next();
  // Folders before the first file say nothing about the format.
  while (!first.done && first.value.entry.type !== 'file') first = await iterator.next();
  if (first.done) {
    throw refuseFile(msg('appliances.noFile'));
  }
  const firstEntry = first.value;
  const reader = formatClaiming(entryBaseName(firstEntry.entry.name));
  if (!reader) {
    throw refuseFile(msg('appliances.unknownFormat', { first: firstEntry.entry.name }));
  }
  onReader(reader);
  const all = (async function* () {
    yield firstEntry;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  return reader.read(all, ctx);
}

/**
 * Starts a read: checks the pool, then (for an upload) hands out the URL the page PUTs the file
 * to. The job's progress is the bytes read of the file.
 */
export async function openAppliance(
  request: OpenApplianceRequest,
  deps: TransferDeps,
): Promise<{ stageId: string; jobId: string; url?: string }> {
  const { rpc, host, origin } = request;
  const pool = await activePool(rpc, request.pool).catch((err: unknown) => {
    const said =
      err instanceof VirtdeckError && err.text
        ? err.text
        : err instanceof Error
          ? err.message
          : String(err);
    throw InvalidInputError.ofFields({ 'source.pool': said });
  });
  const stageId = randomUUID();
  const originName = origin.from === 'upload' ? origin.name : origin.path;
  const record: StagedRead = { stageId, jobId: '', volumes: [], ended: Promise.resolve() };

  const arrival = waitForRequest<{ body: Readable; length?: number }, number>();
  const ticket =
    origin.from === 'upload'
      ? deps.gateway.issueTransfer({
          kind: 'upload',
          describe: `appliance ${origin.name} into ${pool.name}`,
          receive: (body, length) => arrival.arrive({ body, length }),
          expired: () => arrival.expire(new VirtdeckError('timeout', msg('appliances.uploadLate'))),
        })
      : undefined;
  // A host file's size is known once the job has looked at it.
  const total = origin.from === 'upload' ? origin.size : undefined;

  const finish = (info: Omit<ApplianceInfo, 'stageId'>) => {
    const format = info.format === 'ova' && /\.ovf$/i.test(originName) ? 'ovf' : info.format;
    record.info = { ...info, format, stageId };
    return record.info;
  };
  const job = deps.jobs.start(
    {
      ...jobTitle(
        msg('appliances.readTitle', {
          file: entryBaseName(originName.split('/').pop() ?? originName),
        }),
      ),
      connectionId: request.connectionId,
      unit: 'bytes',
      total,
    },
    async (jobCtx) => {
      let received = 0;
      const onBytes = (n: number) => {
        received += n;
        jobCtx.progress(received);
      };
      const fileName = originName.split('/').pop() ?? originName;
      const ctx = stagingContext(host, rpc, pool, jobCtx.signal, stageId, record, fileName);
      const revoke = () => ticket?.revoke();
      jobCtx.signal.addEventListener('abort', revoke, { once: true });
      try {
        if (origin.from === 'host') {
          const opened = await hostOrigin(await host.files(), origin.path, onBytes);
          jobCtx.progress(received, opened.total);
          const info = await readArchive(opened.entries, ctx, (r) => (record.reader = r));
          return finish(info);
        }
        const { value: req, answer } = await untilAborted(arrival.request, jobCtx.signal);
        const dropBody = () => req.body.destroy();
        jobCtx.signal.addEventListener('abort', dropBody, { once: true });
        try {
          if (req.length !== undefined && req.length !== origin.size) {
            throw refuseFile(
              msg('appliances.lengthMismatch', { length: req.length, size: origin.size }),
            );
          }
          const bytes = counted(req.body as AsyncIterable<Buffer>, onBytes);
          const info = await readArchive(archiveEntries(bytes), ctx, (r) => (record.reader = r));
          // What follows the archive's end (its zero blocks, padding) is read to the last byte.
          for await (const _rest of bytes);
          if (received !== origin.size) {
            throw refuseFile(msg('appliances.shortUpload', { received, size: origin.size }));
          }
          answer.resolve(received);
          return finish(info);
        } catch (err) {
          // The page aborted its request: that is the user's Cancel, not a failure.
          if (errCode(err) === 'ECONNRESET' && !jobCtx.signal.aborted) deps.jobs.cancel(job.jobId);
          answer.reject(
            jobCtx.signal.aborted
              ? new VirtdeckError('cancelled', msg('appliances.readCancelled'))
              : err,
          );
          throw err;
        } finally {
          jobCtx.signal.removeEventListener('abort', dropBody);
        }
      } catch (err) {
        record.failure = jobCtx.signal.aborted
          ? new VirtdeckError('cancelled', msg('appliances.readCancelled'))
          : err instanceof Error
            ? err
            : new Error(String(err));
        for (const { vol } of [...record.volumes].reverse()) await removeVolume(rpc, vol);
        record.volumes = [];
        throw err;
      } finally {
        jobCtx.signal.removeEventListener('abort', revoke);
      }
    },
  );
  record.jobId = job.jobId;
  record.ended = job.result.then(
    () => {},
    () => {},
  );
  readsOf(request.connectionId).set(stageId, record);
  return { stageId, jobId: job.jobId, url: ticket?.url };
}

function stagingContext(
  host: Host,
  rpc: RpcClient,
  pool: StoragePoolRef,
  signal: AbortSignal,
  stageId: string,
  record: StagedRead,
  fileName: string,
): StagingContext {
  return {
    host,
    rpc,
    pool,
    signal,
    fileName,
    async stageVolume(name, size, body, options): Promise<StagedVolume> {
      const keep = options?.keep === true;
      // A kept volume (a box's base) has the name its reader chose, to be found again.
      const volName = keep ? name : stagedVolumeName(stageId, name);
      if (!(size > 0)) throw refuseFile(msg('appliances.emptyFile', { name }));
      await checkRoomFor(rpc, pool, volName, size, {
        name: APPLIANCE_FIELD,
        size: APPLIANCE_FIELD,
      });
      const vol = await createVolume(
        rpc,
        pool,
        storageVolumeXml({ name: volName, capacity: size, format: 'raw' }),
      );
      record.volumes.push({ vol, keep });
      const bytes = await uploadVolume(rpc, vol, Readable.from(body), { length: size, signal });
      if (bytes !== size) {
        throw refuseFile(msg('appliances.fileShort', { name, bytes, size }));
      }
      // libvirt probes the file again on a refresh: the volume's format is what it holds.
      await refreshPool(rpc, pool);
      const fresh = await lookupVolumeByName(rpc, pool, volName);
      const facts = readVolumeXml(await getVolumeXml(rpc, fresh));
      return {
        path: facts.path ?? fresh.key,
        format: facts.format ?? 'raw',
        capacityBytes: facts.capacity,
      };
    },
  };
}

function recordOf(connectionId: string, stageId: string): StagedRead {
  const record = reads.get(connectionId)?.get(stageId);
  if (!record) {
    throw refuseFile(msg('appliances.readGone'));
  }
  return record;
}

/** What a finished read found; fails while it runs, and with its error when it failed. */
export async function stagedAppliance(
  connectionId: string,
  stageId: string,
): Promise<ApplianceInfo> {
  const record = recordOf(connectionId, stageId);
  if (record.info) return record.info;
  if (record.failure !== undefined) throw record.failure;
  throw new VirtdeckError('invalid-input', msg('appliances.stillReading'));
}

/** For the create's checks: the finished read, left in place. */
export function finishedAppliance(connectionId: string, stageId: string): TakenAppliance {
  const record = recordOf(connectionId, stageId);
  if (!record.info || !record.reader) {
    throw refuseFile(msg('appliances.notReadYet'));
  }
  return { info: record.info, reader: record.reader, volumes: record.volumes };
}

/**
 * For the create job: the finished read, forgotten here (its volumes are the create's now: used,
 * converted, or deleted by it).
 */
export function takeStagedAppliance(connectionId: string, stageId: string): TakenAppliance {
  const taken = finishedAppliance(connectionId, stageId);
  reads.get(connectionId)?.delete(stageId);
  return taken;
}

/** Deletes the staged volumes that are not kept (already gone ones are fine). */
export async function deleteStagedVolumes(
  rpc: RpcClient,
  volumes: TakenAppliance['volumes'],
): Promise<void> {
  for (const { vol, keep } of [...volumes].reverse()) {
    if (!keep) await removeVolume(rpc, vol);
  }
}

/**
 * The wizard was left or another file chosen: a running read is cancelled (it deletes what it
 * made), a finished one's staged volumes are deleted, a box's kept base stays.
 */
export async function discardAppliance(
  rpc: RpcClient,
  jobs: TransferDeps['jobs'],
  connectionId: string,
  stageId: string,
): Promise<void> {
  const record = reads.get(connectionId)?.get(stageId);
  if (!record) return;
  reads.get(connectionId)?.delete(stageId);
  if (!record.info && record.failure === undefined) {
    jobs.cancel(record.jobId);
    await record.ended;
    return;
  }
  await deleteStagedVolumes(rpc, record.volumes);
}

/** What is wrong with the chosen file, said beside the appliance field. */
function refuseFile(message: Message): InvalidInputError {
  return InvalidInputError.ofFields({ [APPLIANCE_FIELD]: message });
}
