/**
 * OVA / OVF appliances. The read takes the .ovf descriptor (an OVA's first file), stages every
 * disk file it names into the pool as raw bytes (libvirt then probes them: vmdk, vdi, qcow2 ...),
 * hashes each file on the way and checks the manifest (.mf) when there is one. The create
 * converts each staged disk into a qcow2 volume of the same pool (qemu-img convert, run by
 * libvirt on the host) and deletes the staged one.
 */
import { msg } from '../../../shared/messages/message';
import { createHash, type Hash } from 'node:crypto';
import { invalidInput } from '../../../shared/inputChecks';
import { lookupVolumeByPath } from '../../libvirt/storageVolume';
import { convertVolume } from '../storage/convertVolume';
import { findPool } from '../storage/lookups';
import { removeVolume } from '../storage/transfers';
import { APPLIANCE_FIELD, type ApplianceFormat, type StagedVolume } from './applianceTypes';
import { parseOvf, type OvfDescriptor } from './ovf';
import { entryBaseName } from './tarReader';

/** The most a descriptor or a manifest may weigh (read whole). */
const MAX_TEXT_BYTES = 16 * 1024 * 1024;

/** Formats a disk file's name promises, as libvirt's probe names them. */
const EXPECTED_FORMAT: Record<string, string> = {
  vmdk: 'vmdk',
  vdi: 'vdi',
  vhd: 'vpc',
  qcow2: 'qcow2',
};

interface Digests {
  sha1: Hash;
  sha256: Hash;
}

async function* hashed(body: AsyncIterable<Buffer>, digests: Digests): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    digests.sha1.update(chunk);
    digests.sha256.update(chunk);
    yield chunk;
  }
}

async function readText(body: AsyncIterable<Buffer>, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    length += chunk.length;
    if (length > MAX_TEXT_BYTES)
      throw invalidInput(msg('appliances.tooLarge', { name }), APPLIANCE_FIELD);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** "SHA256(disk1.vmdk)= abc..." lines (ovftool writes "SHA1(x)= ", VirtualBox "SHA256 (x) = "). */
export function parseManifest(text: string): Map<string, { algorithm: string; digest: string }> {
  const out = new Map<string, { algorithm: string; digest: string }>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(SHA1|SHA256|SHA512)\s*\((.+)\)\s*=\s*([0-9a-fA-F]+)\s*$/.exec(line);
    if (match) {
      out.set(entryBaseName(match[2] ?? ''), {
        algorithm: (match[1] ?? '').toLowerCase(),
        digest: (match[3] ?? '').toLowerCase(),
      });
    }
  }
  return out;
}

function checkManifest(
  manifest: Map<string, { algorithm: string; digest: string }>,
  seen: Map<string, Digests>,
): void {
  for (const [file, expected] of manifest) {
    const digests = seen.get(file);
    // A file the manifest lists but the archive does not hold is only a problem when it is a
    // disk (said before this); certificates and the like are not needed.
    if (!digests) continue;
    if (expected.algorithm === 'sha512') continue;
    const actual = (expected.algorithm === 'sha1' ? digests.sha1 : digests.sha256)
      .copy()
      .digest('hex');
    if (actual !== expected.digest) {
      throw invalidInput(
        msg('appliances.manifestMismatch', { file, algorithm: expected.algorithm.toUpperCase() }),
        APPLIANCE_FIELD,
      );
    }
  }
}

function checkProbedFormat(file: string, staged: StagedVolume): void {
  const extension = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  const expected = EXPECTED_FORMAT[extension];
  if (expected && staged.format !== expected) {
    throw invalidInput(
      msg('appliances.notDiskImage', {
        file,
        format: staged.format,
        extension: extension.toUpperCase(),
      }),
      APPLIANCE_FIELD,
    );
  }
}

const newDigests = (): Digests => ({ sha1: createHash('sha1'), sha256: createHash('sha256') });

export const ovaFormat: ApplianceFormat = {
  format: 'ova',
  claims: (firstFileName) => /\.ovf$/i.test(firstFileName),
  steps: (info) => info.disks.map((disk) => msg('newVm.convert', { file: disk.file })),

  async read(entries, ctx) {
    let descriptor: OvfDescriptor | undefined;
    let manifest: ReturnType<typeof parseManifest> | undefined;
    const seen = new Map<string, Digests>();
    const staged = new Map<string, StagedVolume>();
    for await (const { entry, body } of entries) {
      if (entry.type !== 'file') continue;
      const name = entryBaseName(entry.name);
      const digests = newDigests();
      seen.set(name, digests);
      if (!descriptor) {
        descriptor = parseOvf((await readText(hashed(body, digests), name)).toString('utf8'));
      } else if (/\.mf$/i.test(name)) {
        manifest = parseManifest((await readText(body, name)).toString('utf8'));
      } else if (descriptor.disks.some((disk) => disk.file === name) && !staged.has(name)) {
        staged.set(name, await ctx.stageVolume(name, entry.size, hashed(body, digests)));
      } else {
        for await (const chunk of body) {
          digests.sha1.update(chunk);
          digests.sha256.update(chunk);
        }
      }
    }
    if (!descriptor) throw invalidInput(msg('appliances.noDescriptor'), APPLIANCE_FIELD);
    for (const disk of descriptor.disks) {
      if (!staged.has(disk.file)) {
        throw invalidInput(msg('appliances.ovfDiskMissing', { file: disk.file }), APPLIANCE_FIELD);
      }
    }
    if (descriptor.disks.length === 0) {
      throw invalidInput(msg('appliances.ovfNoDisk'), APPLIANCE_FIELD);
    }
    if (manifest) checkManifest(manifest, seen);
    const disks = descriptor.disks.map((disk) => {
      const volume = staged.get(disk.file) as StagedVolume;
      checkProbedFormat(disk.file, volume);
      return {
        file: disk.file,
        path: volume.path,
        format: volume.format,
        capacityBytes: Math.max(volume.capacityBytes, disk.capacityBytes ?? 0),
        bus: disk.bus,
      };
    });
    return {
      format: 'ova',
      name: descriptor.name,
      memoryMiB: descriptor.memoryMiB,
      vcpus: descriptor.vcpus,
      firmware: descriptor.firmware,
      osId: descriptor.osId,
      disks,
      nics: descriptor.nics,
    };
  },

  async makeDisks(job, info, spec) {
    const { rpc } = job;
    for (const [index, disk] of info.disks.entries()) {
      job.step(msg('newVm.convert', { file: disk.file }));
      const source = await lookupVolumeByPath(rpc, disk.path);
      const pool = await findPool(rpc, source.pool);
      const base = spec.name.replace(/\//g, '_');
      const converted = await convertVolume(rpc, {
        source,
        pool,
        name: index === 0 ? `${base}.qcow2` : `${base}-${index + 1}.qcow2`,
        format: 'qcow2',
        capacity: disk.capacityBytes,
        bytes: disk.capacityBytes,
        signal: job.signal,
        onProgress: (done, total) => job.stepProgress(done, total),
      });
      job.undo.volume(converted);
      spec.disks.push({ path: converted.key, format: 'qcow2', bus: disk.bus });
      // The staged copy has served: only the converted volume is the VM's.
      await removeVolume(rpc, source);
    }
  },
};
