/**
 * Vagrant boxes for the libvirt provider (a tar, usually gzipped: metadata.json, Vagrantfile,
 * box.img). The read checks the provider and format before anything is staged, when
 * metadata.json comes first as vagrant-libvirt writes it (a box.img met first is staged, and
 * deleted with the failed read when the metadata then refuses the box). box.img is kept in the
 * pool as the box's base volume, "<box>.box.img"; each VM from the box is a qcow2 overlay on it,
 * so a second VM from the same box costs no upload and no copy (how the same box is recognised:
 * vagrantBoxBase.ts).
 */
import { VirtdeckError } from '../../../shared/errors';
import { InvalidInputError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { ApplianceInfo } from '../../../shared/api/newVmTypes';
import { createVolume, lookupVolumeByPath } from '../../libvirt/storageVolume';
import { storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { findPool, volumeIfExists } from '../storage/lookups';
import { diskVolumeName } from '../newVm/volumeNames';
import type { ApplianceFormat, ArchiveEntries, StagingContext } from './applianceTypes';
import { entryBaseName } from './tarReader';
import { stageBoxBase } from './vagrantBoxBase';
import {
  boxName,
  parseBoxMetadata,
  readQcow2Header,
  readVagrantfile,
  refuse,
  type BoxMetadata,
  type VagrantfileSettings,
} from './vagrantBoxFiles';

/** metadata.json and the Vagrantfile are a few hundred bytes; more is not a box. */
const SMALL_FILE_LIMIT = 1024 * 1024;

async function smallText(name: string, size: number, body: AsyncIterable<Buffer>) {
  if (size > SMALL_FILE_LIMIT) throw refuse(msg('appliances.boxFileTooLarge', { name, size }));
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

/** The first `n` bytes of a body (or all, when shorter), and the whole body to read on. */
async function peek(body: AsyncIterable<Buffer>, n: number) {
  const chunks = body[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let length = 0;
  while (length < n) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    length += next.value.length;
  }
  const whole = (async function* () {
    yield* head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  return { head: Buffer.concat(head), whole };
}

interface ReadState {
  metadata?: BoxMetadata;
  settings: VagrantfileSettings;
  disk?: { file: string; path: string; virtualSizeBytes: number; reused: boolean };
  /** The disk file met before metadata.json said which one it is (kept to check after). */
  diskSeenAs?: string;
}

async function readDisk(
  file: string,
  size: number,
  body: AsyncIterable<Buffer>,
  ctx: StagingContext,
  state: ReadState,
): Promise<void> {
  const { head, whole } = await peek(body, 32);
  const header = readQcow2Header(head, file);
  const base = await stageBoxBase(
    ctx,
    boxName(ctx.fileName),
    file,
    size,
    header.virtualSizeBytes,
    whole,
  );
  state.disk = { file, ...base, virtualSizeBytes: header.virtualSizeBytes };
}

export const vagrantBox: ApplianceFormat = {
  format: 'box',

  claims(firstFileName) {
    const name = entryBaseName(firstFileName);
    return ['metadata.json', 'Vagrantfile', 'box.img', 'info.json'].includes(name);
  },

  async read(entries: ArchiveEntries, ctx: StagingContext) {
    const state: ReadState = { settings: {} };
    for await (const { entry, body } of entries) {
      if (ctx.signal.aborted) throw new VirtdeckError('cancelled', msg('common.cancelled'));
      if (entry.type !== 'file') continue;
      const name = entryBaseName(entry.name);
      if (name === 'metadata.json') {
        state.metadata = parseBoxMetadata(await smallText(name, entry.size, body));
        if (state.diskSeenAs !== undefined && state.diskSeenAs !== state.metadata.diskFile) {
          throw refuse(
            msg('appliances.boxDiskName', {
              named: state.metadata.diskFile,
              seen: state.diskSeenAs,
            }),
          );
        }
      } else if (name === 'Vagrantfile') {
        state.settings = readVagrantfile(await smallText(name, entry.size, body));
      } else if (name === (state.metadata?.diskFile ?? 'box.img') && !state.disk) {
        state.diskSeenAs = name;
        await readDisk(name, entry.size, body, ctx, state);
      }
    }
    if (!state.metadata) {
      throw refuse(msg('appliances.boxNoMetadata'));
    }
    const disk = state.disk;
    if (!disk) throw refuse(msg('appliances.boxNoDisk', { file: state.metadata.diskFile }));
    const settings = state.settings;
    return {
      format: 'box' as const,
      name: boxName(ctx.fileName),
      memoryMiB: settings.memoryMiB,
      vcpus: settings.vcpus,
      disks: [
        {
          file: disk.file,
          path: disk.path,
          format: 'qcow2',
          // The VM's disk: the box's virtual_size, or the image's own when that is larger.
          capacityBytes: Math.max(disk.virtualSizeBytes, state.metadata.virtualSizeBytes ?? 0),
          bus: settings.diskBus ?? 'virtio',
        },
      ],
      nics: [{ model: settings.nicModel }],
      base: { path: disk.path, reused: disk.reused },
    } satisfies Omit<ApplianceInfo, 'stageId'>;
  },

  async makeDisks(job, info, spec) {
    const base = info.base;
    const disk = info.disks[0];
    if (!base || !disk) throw new VirtdeckError('invalid-input', msg('appliances.boxNoBase'));
    const rpc = job.rpc;
    const baseVol = await lookupVolumeByPath(rpc, base.path).catch((err: unknown) => {
      throw new VirtdeckError('not-found', msg('appliances.boxBaseGone', { path: base.path }), {
        cause: err,
      });
    });
    // The VM's disk goes where the wizard's disk says (the checks looked for its name there),
    // else beside the base.
    const options = job.options;
    const pool = await findPool(
      rpc,
      options.disk.kind === 'new' ? options.disk.pool : baseVol.pool,
    );
    const name = diskVolumeName(options.name);
    if (await volumeIfExists(rpc, pool, name)) {
      throw InvalidInputError.ofFields({
        'name.name': msg('common.volumeTaken', { pool: pool.name, volume: name }),
      });
    }
    const overlay = await createVolume(
      rpc,
      pool,
      storageVolumeXml({
        name,
        capacity: disk.capacityBytes,
        format: 'qcow2',
        backing: { path: base.path, format: 'qcow2' },
      }),
    );
    job.undo.volume(overlay);
    spec.disks.push({ path: overlay.key, format: 'qcow2', bus: disk.bus ?? 'virtio' });
  },
};
