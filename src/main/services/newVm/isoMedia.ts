/**
 * What an ISO is: its ISO 9660 primary volume descriptor (sector 16: "CD001" at byte 1, the
 * volume label at byte 40) read from the host's file with a few sectors' worth of bytes, and the
 * OS it installs: `osinfo-detect` on the host when libosinfo is there, else the media's own
 * `.disk/info` (Debian, Ubuntu and their derivatives: "Debian GNU/Linux 12.5.0 "Bookworm" -
 * Official amd64 DVD Binary-1 ...") read from the ISO 9660 file system, else the volume label
 * (distributions put their name and version in it: "Debian 12.5.0 amd64 n", "Ubuntu 24.04 LTS
 * amd64", "Fedora-WS-Live-40-1-14", "CCCOMA_X64FRE_EN-US_DV9").
 */
import type { DetectedOs, OsEntry } from '../../../shared/api/newVmTypes';
import { Writable } from 'node:stream';
import type { Host, HostFiles } from '../../hosts/host';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StorageVolumeRef } from '../../libvirt/refs';
import { downloadVolume, lookupVolumeByPath } from '../../libvirt/storageVolume';
import { readIsoFile, type ReadAt } from './iso9660';

const PVD_OFFSET = 16 * 2048;
const HEAD_BYTES = PVD_OFFSET + 2048;

export interface IsoHead {
  isIso: boolean;
  volumeLabel?: string;
}

/** Reads the first 17 sectors of `path` on the host and checks the ISO 9660 magic. */
export async function readIsoHead(files: HostFiles, path: string): Promise<IsoHead> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const stream = files.createReadStream(path);
    const finish = () => {
      stream.destroy();
      resolve(Buffer.concat(chunks).subarray(0, HEAD_BYTES));
    };
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= HEAD_BYTES) finish();
    });
    stream.on('end', finish);
    stream.on('error', reject);
  });
  return parseIsoHead(head);
}

/**
 * The head of an ISO on the host: a pool's volume is read through libvirt (which can read what
 * the SSH user may not, e.g. root-owned files in /var/lib/libvirt/images); any other file over
 * the host's file access as the connecting user.
 */
export async function readIsoHeadOnHost(
  rpc: RpcClient,
  files: HostFiles,
  path: string,
): Promise<IsoHead> {
  const vol = await lookupVolumeByPath(rpc, path).catch(() => undefined);
  if (!vol) return readIsoHead(files, path);
  return parseIsoHead(await readVolumeAt(rpc, vol, 0, HEAD_BYTES));
}

async function readVolumeAt(
  rpc: RpcClient,
  vol: StorageVolumeRef,
  offset: number,
  length: number,
): Promise<Buffer> {
  if (length === 0) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await downloadVolume(rpc, vol, sink, { offset, length });
  return Buffer.concat(chunks);
}

function readFileAt(files: HostFiles, path: string, offset: number, length: number) {
  if (length === 0) return Promise.resolve(Buffer.alloc(0));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stream = files.createReadStream(path, { start: offset, end: offset + length - 1 });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Random access to an ISO on the host: through libvirt for a pool's volume (see above). */
async function isoReader(rpc: RpcClient, files: HostFiles, path: string): Promise<ReadAt> {
  const vol = await lookupVolumeByPath(rpc, path).catch(() => undefined);
  return vol
    ? (offset, length) => readVolumeAt(rpc, vol, offset, length)
    : (offset, length) => readFileAt(files, path, offset, length);
}

/**
 * `.disk/info` of Debian-family media: "Debian GNU/Linux 12.5.0 "Bookworm" - Official amd64 ...",
 * "Ubuntu 24.04 LTS "Noble Numbat" - Release amd64 (20240424)", "Ubuntu-Server 22.04.4 LTS ...",
 * "Linux Mint 21.3 "Virginia" - Release amd64 20240118".
 */
const DISK_INFO_RULES: { re: RegExp; id: (m: RegExpExecArray) => string }[] = [
  { re: /^Debian GNU\/Linux (\d+)(?:\.\d+)*\b/i, id: (m) => `debian${m[1]}` },
  { re: /^Ubuntu(?:-Server)? (\d+\.\d+)/i, id: (m) => `ubuntu${m[1]}` },
  { re: /^Linux Mint (\d+(?:\.\d+)?)/i, id: (m) => `linuxmint${m[1]}` },
];

export function osFromDiskInfo(text: string, known: readonly OsEntry[]): string | undefined {
  const line = text.trim();
  for (const rule of DISK_INFO_RULES) {
    const m = rule.re.exec(line);
    if (!m) continue;
    const id = rule.id(m);
    if (known.some((os) => os.shortId === id)) return id;
  }
  return undefined;
}

/** The media's `.disk/info` line, when it has one. */
export async function readDiskInfo(
  rpc: RpcClient,
  files: HostFiles,
  path: string,
): Promise<string | undefined> {
  const bytes = await readIsoFile(await isoReader(rpc, files, path), '/.disk/info', 4096);
  return bytes?.toString('utf8').trim() || undefined;
}

export function parseIsoHead(head: Buffer): IsoHead {
  if (head.length < HEAD_BYTES) return { isIso: false };
  const isIso = head.toString('latin1', PVD_OFFSET + 1, PVD_OFFSET + 6) === 'CD001';
  if (!isIso) return { isIso };
  const label = head.toString('latin1', PVD_OFFSET + 40, PVD_OFFSET + 72).trim();
  return { isIso, volumeLabel: label || undefined };
}

/** Label patterns of common install media, newest first within a family. */
const LABEL_RULES: { re: RegExp; id: (m: RegExpExecArray) => string }[] = [
  { re: /^Debian (\d+)/i, id: (m) => `debian${m[1]}` },
  { re: /^Ubuntu(?:-Server)? (\d+\.\d+)/i, id: (m) => `ubuntu${m[1]}` },
  { re: /^Fedora-[A-Za-z]+-[A-Za-z-]*?(\d+)-/i, id: (m) => `fedora${m[1]}` },
  { re: /^(\d+)_(\d+)_RELEASE_AMD64/i, id: (m) => `freebsd${m[1]}.${m[2]}` },
  { re: /^RHEL-(\d+)-(\d+)/i, id: (m) => `rhel${m[1]}.${m[2]}` },
  { re: /^AlmaLinux-(\d+)/i, id: (m) => `almalinux${m[1]}` },
  { re: /^ARCH_\d+/i, id: () => 'archlinux' },
  { re: /^alpine-[a-z]+ (\d+\.\d+)/i, id: (m) => `alpinelinux${m[1]}` },
  // Windows labels do not tell 10 from 11; CCCOMA_X64FRE (consumer, x64) is offered as 11.
  { re: /^CCCOMA_X64FRE|^CPBA_X64FRE|^CENA_X64FREV/i, id: () => 'win11' },
  { re: /^SSS_X64FRE|^CTTA_X64FRE/i, id: () => 'win2k22' },
];

export function osFromVolumeLabel(label: string, known: readonly OsEntry[]): string | undefined {
  for (const rule of LABEL_RULES) {
    const m = rule.re.exec(label);
    if (!m) continue;
    const id = rule.id(m);
    if (known.some((os) => os.shortId === id)) return id;
  }
  return undefined;
}

/** osinfo-detect prints "Media is an installer for OS 'Debian 11 (x86_64)'". */
export function osFromDetectOutput(text: string, known: readonly OsEntry[]): string | undefined {
  const m = /for OS '([^']+)'/.exec(text);
  if (!m) return undefined;
  const name = (m[1] ?? '').replace(/\s*\([^)]*\)\s*$/, '');
  return known.find((os) => os.name === name)?.shortId;
}

export async function detectOs(
  host: Host,
  rpc: RpcClient,
  path: string,
  known: readonly OsEntry[],
): Promise<DetectedOs> {
  const files = await host.files();
  const head = await readIsoHeadOnHost(rpc, files, path);
  // The path is typed by the user: after "--", and never with a leading dash, because GLib's
  // option parser keeps "--" as an argument (which osinfo-detect then opens) when one follows it.
  const operand = path.startsWith('-') ? `./${path}` : path;
  const detected = await host
    .exec(['osinfo-detect', '--format=plain', '--type=media', '--', operand])
    .catch(() => undefined);
  const byTool =
    detected?.code === 0 ? osFromDetectOutput(detected.stdout.toString(), known) : undefined;
  if (byTool) return { shortId: byTool, method: 'osinfo-detect', volumeLabel: head.volumeLabel };
  const diskInfo = head.isIso
    ? await readDiskInfo(rpc, files, path).catch(() => undefined)
    : undefined;
  const byDiskInfo = diskInfo ? osFromDiskInfo(diskInfo, known) : undefined;
  if (byDiskInfo)
    return { shortId: byDiskInfo, method: 'disk-info', volumeLabel: head.volumeLabel };
  const byLabel = head.volumeLabel ? osFromVolumeLabel(head.volumeLabel, known) : undefined;
  return {
    shortId: byLabel,
    method: byLabel ? 'volume-label' : undefined,
    volumeLabel: head.volumeLabel,
  };
}
