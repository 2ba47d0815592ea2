/**
 * A Vagrant box's base volume: box.img kept in the pool as "<box>.box.img", with a sidecar volume
 * "<box>.box.img.sha256" holding its SHA-256 (as `sha256sum` prints it). A later read of a box of
 * the same file name recognises its base without uploading box.img again.
 *
 * The archive streams by once, so whether to upload must be decided when box.img starts: a base
 * of that name whose file has exactly box.img's size in bytes, in qcow2, of the same virtual
 * size, with a sidecar, is taken as this box's. Its bytes are then hashed as they pass, and the
 * read fails if the digest differs from the sidecar's (a different box of the same name and size:
 * nothing was uploaded, the message says what to do). A base that differs in size is another
 * box (a new version): this box gets the next free name, "<box>-2.box.img" ...
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { StoragePoolRef, StorageVolumeRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { deleteVolume, downloadVolume, getVolumeXml } from '../../libvirt/storageVolume';
import { readVolumeXml } from '../../xml/build/storageVolumeXml';
import { volumeIfExists } from '../storage/lookups';
import type { StagingContext } from './applianceTypes';
import { baseVolumeNames, refuse } from './vagrantBoxFiles';

export const sidecarName = (baseName: string) => `${baseName}.sha256`;

export interface BoxBase {
  path: string;
  reused: boolean;
}

/** The sidecar's digest (its first 64 hex digits), or undefined when it holds none. */
async function sidecarDigest(rpc: RpcClient, vol: StorageVolumeRef): Promise<string | undefined> {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  await downloadVolume(rpc, vol, sink, { length: 256 });
  return /^[0-9a-f]{64}/.exec(Buffer.concat(parts).toString('latin1'))?.[0];
}

interface Candidate {
  name: string;
  path: string;
  digest: string;
}

/** The base already there for this box, if any, and else the first free name. */
async function findBase(
  rpc: RpcClient,
  pool: StoragePoolRef,
  box: string,
  fileBytes: number,
  virtualSizeBytes: number,
): Promise<{ candidate?: Candidate; free?: string }> {
  let free: string | undefined;
  for (const name of baseVolumeNames(box)) {
    const vol = await volumeIfExists(rpc, pool, name);
    const sidecar = await volumeIfExists(rpc, pool, sidecarName(name));
    if (!vol) {
      if (free === undefined) {
        // A sidecar whose base was deleted (in the Storage tab) says nothing any more.
        if (sidecar) await deleteVolume(rpc, sidecar);
        free = name;
      }
      continue;
    }
    const facts = readVolumeXml(await getVolumeXml(rpc, vol));
    const sameShape =
      facts.format === 'qcow2' &&
      facts.physical === fileBytes &&
      facts.capacity === virtualSizeBytes &&
      facts.backingPath === undefined;
    const digest = sameShape && sidecar ? await sidecarDigest(rpc, sidecar) : undefined;
    if (digest && facts.path) return { candidate: { name, path: facts.path, digest }, free };
  }
  return { free };
}

/** Hashes the bytes as they go by. */
function hashing(body: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>) {
  return (async function* () {
    for await (const chunk of body) {
      hash.update(chunk);
      yield chunk;
    }
  })();
}

/**
 * box.img's bytes (`size` of them, of `virtualSizeBytes`): the base already in the pool when it
 * is the same box, else uploaded as a new kept base with its sidecar.
 */
export async function stageBoxBase(
  ctx: StagingContext,
  box: string,
  file: string,
  size: number,
  virtualSizeBytes: number,
  body: AsyncIterable<Buffer>,
): Promise<BoxBase> {
  const { candidate, free } = await findBase(ctx.rpc, ctx.pool, box, size, virtualSizeBytes);
  const hash = createHash('sha256');
  if (candidate) {
    // The bytes pass anyway (they are in the archive's stream): hashed, uploaded nowhere.
    for await (const chunk of body) {
      if (ctx.signal.aborted) throw new VirtdeckError('cancelled', msg('common.cancelled'));
      hash.update(chunk);
    }
    if (hash.digest('hex') !== candidate.digest) {
      throw refuse(
        msg('appliances.boxDiffers', { pool: ctx.pool.name, box, volume: candidate.name }),
      );
    }
    return { path: candidate.path, reused: true };
  }
  if (free === undefined) {
    throw refuse(msg('appliances.boxTooMany', { pool: ctx.pool.name, box }));
  }
  const staged = await ctx.stageVolume(free, size, hashing(body, hash), { keep: true });
  if (staged.format !== 'qcow2') {
    throw refuse(msg('appliances.boxNotQcow2', { file, format: staged.format }));
  }
  const line = Buffer.from(`${hash.digest('hex')}  ${file}\n`);
  await ctx.stageVolume(
    sidecarName(free),
    line.length,
    (async function* () {
      yield line;
    })(),
    { keep: true },
  );
  return { path: staged.path, reused: false };
}
