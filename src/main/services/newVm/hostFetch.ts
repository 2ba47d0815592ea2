/**
 * A URL fetched ON THE HOST into a new volume of a pool: the host's curl (else wget) downloads it
 * and its stdout is streamed through libvirt's volume upload, so the bytes never cross the user's
 * link and the SSH user needs no write access to the pool's directory (the test user has none).
 * Only when the host has neither tool are the bytes fetched by the app itself (Node's fetch) and
 * uploaded the same way. The size comes from a HEAD first (Content-Length) when the server says
 * it, for the progress bar's total and the pool's free-space check.
 *
 * Used by the network install (kernel + initrd) and the cloud image's "URL" base.
 *
 * `fetchOnHost(host, rpc, { url, pool, volumeName, format, signal, onProgress, onVia })`
 * resolves with the volume, its path, the bytes stored and which path ran (`via`: 'curl',
 * 'wget' or 'app', for the job's step). A failure (HTTP error, unreachable server, cancel)
 * deletes the volume it created and rejects; cancelling (the signal) rejects with `cancelled`.
 */
import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StorageVolumeRef } from '../../libvirt/refs';
import { createVolume, uploadVolume } from '../../libvirt/storageVolume';
import { storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { removeVolume, type UploadFormat } from '../storage/transfers';
import { activePool, checkRoomFor, checkVolumeName } from '../storage/volumes';

export type FetchTool = 'curl' | 'wget';
export type FetchVia = FetchTool | 'app';

/** The schemes a host tool fetches; the app's own fetch does http(s) only. */
const HOST_SCHEMES = ['http:', 'https:', 'ftp:'];
const APP_SCHEMES = ['http:', 'https:'];

/** How long a HEAD / probe may take on the host before the server counts as unreachable. */
const PROBE_SECONDS = '20';

export interface HostFetchRequest {
  url: string;
  /** The pool's name; it must be running. */
  pool: string;
  volumeName: string;
  format: UploadFormat;
  signal?: AbortSignal;
  /** Bytes stored so far, and the total when the server announced it. */
  onProgress?: (done: number, total?: number) => void;
  /** Which path runs, said before the first byte (the job step names it). */
  onVia?: (via: FetchVia) => void;
  /** The form field a bad URL is reported on ("source.url" by default). */
  urlField?: string;
}

export interface HostFetchResult {
  volume: StorageVolumeRef;
  /** The volume's path on the host. */
  path: string;
  bytes: number;
  via: FetchVia;
}

/**
 * The URL parsed and its scheme checked (http, https, ftp), or an invalid-input error on `field`.
 * Credentials in the URL are refused: they would show in the host's process list.
 */
export function checkFetchUrl(raw: string, field = 'source.url'): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw InvalidInputError.ofFields({ [field]: msg('install.notUrl', { url: raw }) });
  }
  if (!HOST_SCHEMES.includes(url.protocol)) {
    throw InvalidInputError.ofFields({ [field]: msg('install.badScheme') });
  }
  if (url.username || url.password) {
    throw InvalidInputError.ofFields({ [field]: msg('install.urlCredentials') });
  }
  return url;
}

/** curl if the host has it, else wget, else undefined (the app fetches). One exec. */
export async function hostFetchTool(
  host: Host,
  signal?: AbortSignal,
): Promise<FetchTool | undefined> {
  // A fixed script (no user text in it); `command -v` is a shell builtin, so no `which` needed.
  const found = await host.exec(['sh', '-c', 'command -v curl; command -v wget; exit 0'], {
    signal,
  });
  const paths = found.stdout
    .toString('utf8')
    .split('\n')
    .map((p) => p.trim());
  if (paths.some((p) => p.endsWith('/curl'))) return 'curl';
  if (paths.some((p) => p.endsWith('/wget'))) return 'wget';
  return undefined;
}

export interface UrlProbe {
  /** The server answered with the file (2xx after redirects; for ftp: the file exists). */
  ok: boolean;
  /** Content-Length of the last answer, when given. */
  size?: number;
  /** What went wrong, in the tool's words, when not ok. */
  problem?: string;
  via: FetchVia;
}

/**
 * Asks for the URL's headers the way the fetch will get it: with the host's tool (so an ftp://
 * URL is probed by what will fetch it), or the app's fetch when the host has no tool.
 */
export async function probeUrl(
  host: Host,
  url: URL,
  options: { tool?: FetchTool | null; signal?: AbortSignal } = {},
): Promise<UrlProbe> {
  const tool =
    options.tool === undefined ? await hostFetchTool(host, options.signal) : options.tool;
  if (!tool) return probeFromApp(url, options.signal);
  const argv =
    tool === 'curl'
      ? ['curl', '--head', '--silent', '--show-error', '--fail', '--location'].concat([
          '--max-time',
          PROBE_SECONDS,
          '--url',
          url.href,
        ])
      : ['wget', '--spider', '--server-response', '--tries=1', `--timeout=${PROBE_SECONDS}`].concat(
          ['--', url.href],
        );
  const result = await host.exec(argv, { signal: options.signal });
  // curl prints the headers on stdout, wget on stderr.
  const headers = (tool === 'curl' ? result.stdout : result.stderr).toString('utf8');
  if (result.code !== 0) {
    return { ok: false, problem: toolProblem(tool, result.code, result.stderr), via: tool };
  }
  return { ok: true, size: lastContentLength(headers), via: tool };
}

async function probeFromApp(url: URL, signal?: AbortSignal): Promise<UrlProbe> {
  if (!APP_SCHEMES.includes(url.protocol)) {
    return {
      ok: false,
      problem: `The host has neither curl nor wget, and the app fetches only http(s)`,
      via: 'app',
    };
  }
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal });
    if (!res.ok) return { ok: false, problem: `The server answered ${res.status}`, via: 'app' };
    const length = Number(res.headers.get('content-length') ?? NaN);
    return { ok: true, size: Number.isSafeInteger(length) ? length : undefined, via: 'app' };
  } catch (err) {
    if (signal?.aborted) throw cancelledError(url);
    return { ok: false, problem: err instanceof Error ? err.message : String(err), via: 'app' };
  }
}

/**
 * Some servers answer HEAD with 405 / 501 but serve GET: the fetch then goes ahead without a
 * size, and its own GET says whether the file is there.
 */
export function refusesHead(probe: UrlProbe): boolean {
  return /\b(405|501)\b/.test(probe.problem ?? '');
}

function lastContentLength(headers: string): number | undefined {
  const all = [...headers.matchAll(/^\s*content-length:\s*(\d+)\s*$/gim)];
  const last = all.at(-1)?.[1];
  if (last === undefined) return undefined;
  const n = Number(last);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The tool's own last words (curl: "curl: (22) The requested URL returned error: 404"). */
function toolProblem(tool: FetchTool, code: number | null, stderr: Buffer): string {
  const lines = stderr
    .toString('utf8')
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('Spider mode') && !/^[#\s]*[\d.]+%$/.test(l));
  const last = lines.at(-1);
  return last ?? `${tool} ended with ${code === null ? 'a signal' : `exit code ${code}`}`;
}

function cancelledError(url: URL): VirtdeckError {
  return new VirtdeckError('cancelled', msg('install.fetchCancelled', { url: url.href }));
}

export async function fetchOnHost(
  host: Host,
  rpc: RpcClient,
  request: HostFetchRequest,
): Promise<HostFetchResult> {
  const { signal } = request;
  const url = checkFetchUrl(request.url, request.urlField);
  const name = checkVolumeName(request.volumeName, 'volumeName');
  const tool = await hostFetchTool(host, signal);
  const via: FetchVia = tool ?? 'app';
  if (via === 'app' && !APP_SCHEMES.includes(url.protocol)) {
    throw InvalidInputError.ofFields({
      [request.urlField ?? 'source.url']: msg('install.noTool', {
        scheme: url.protocol.replace(':', ''),
      }),
    });
  }
  const probe = await probeUrl(host, url, { tool: tool ?? null, signal });
  if (!probe.ok && !refusesHead(probe)) {
    const problem = probe.problem ?? '';
    throw new VirtdeckError('unreachable', msg('install.cannotFetch', { url: url.href, problem }), {
      detail: problem,
    });
  }
  const total = probe.size;
  const pool = await activePool(rpc, request.pool);
  await checkRoomFor(rpc, pool, name, total ?? 0, { name: 'volumeName', size: 'size' });
  if (signal?.aborted) throw cancelledError(url);

  // Capacity = the announced size; libvirt refreshes the volume after the upload, so an unknown
  // size (0 here) ends as the bytes written.
  const volume = await createVolume(
    rpc,
    pool,
    storageVolumeXml({ name, capacity: total ?? 0, format: request.format }),
  );
  request.onVia?.(via);
  const onProgress = (done: number): void => request.onProgress?.(done, total);
  try {
    const bytes =
      via === 'app'
        ? await fetchThroughApp(rpc, volume, url, signal, onProgress)
        : await fetchWithTool(host, rpc, volume, via, url, signal, onProgress);
    if (total !== undefined && bytes !== total) {
      throw new VirtdeckError(
        'protocol',
        msg('install.fetchedShort', { bytes, url: url.href, total }),
      );
    }
    return { volume, path: volume.key, bytes, via };
  } catch (err) {
    await removeVolume(rpc, volume);
    throw signal?.aborted ? cancelledError(url) : err;
  }
}

function toolArgv(tool: FetchTool, url: URL): string[] {
  return tool === 'curl'
    ? ['curl', '--silent', '--show-error', '--fail', '--location', '--url', url.href]
    : ['wget', '--quiet', '--tries=1', '--output-document=-', '--', url.href];
}

/** The tool's stdout streamed into the volume; whichever side fails first stops the other. */
async function fetchWithTool(
  host: Host,
  rpc: RpcClient,
  volume: StorageVolumeRef,
  tool: FetchTool,
  url: URL,
  signal: AbortSignal | undefined,
  onProgress: (done: number) => void,
): Promise<number> {
  const stop = new AbortController();
  const forward = (): void => stop.abort();
  signal?.addEventListener('abort', forward, { once: true });
  if (signal?.aborted) stop.abort();
  const bytes = new PassThrough();
  let uploadError: unknown;
  const upload = uploadVolume(rpc, volume, bytes, { signal: stop.signal, onProgress }).catch(
    (err: unknown) => {
      uploadError = err;
      stop.abort();
      throw err;
    },
  );
  upload.catch(() => {});
  try {
    const result = await host
      .exec(toolArgv(tool, url), { stdout: bytes, signal: stop.signal })
      .catch((err: unknown) => {
        throw uploadError ?? err;
      });
    if (result.code !== 0) {
      const problem = toolProblem(tool, result.code, result.stderr);
      bytes.destroy();
      throw new VirtdeckError('host-tool', msg('install.cannotFetch', { url: url.href, problem }), {
        detail: problem,
      });
    }
    bytes.end();
    return await upload;
  } catch (err) {
    bytes.destroy();
    await upload.catch(() => {});
    throw err;
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}

/** The host has neither tool: the app fetches the URL and uploads the body as it comes. */
async function fetchThroughApp(
  rpc: RpcClient,
  volume: StorageVolumeRef,
  url: URL,
  signal: AbortSignal | undefined,
  onProgress: (done: number) => void,
): Promise<number> {
  const res = await fetch(url, { redirect: 'follow', signal });
  if (!res.ok || !res.body) {
    throw new VirtdeckError(
      'unreachable',
      msg('install.serverAnswered', { url: url.href, status: res.status }),
    );
  }
  const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  return uploadVolume(rpc, volume, body, { signal, onProgress });
}
