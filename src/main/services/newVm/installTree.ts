/**
 * Network install: the kernel and initrd of an install tree (the layouts of Fedora / RHEL,
 * Debian, Ubuntu and openSUSE trees) fetched ON THE HOST into volumes of a pool (hostFetch.ts:
 * the host's curl or wget, through the app only when it has neither), as virt-install stores
 * them in a pool; the VM boots them with <kernel> / <initrd> for the install only.
 */
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StorageVolumeRef } from '../../libvirt/refs';
import { removeVolume } from '../storage/transfers';
import {
  fetchOnHost,
  probeUrl,
  refusesHead,
  type FetchTool,
  type FetchVia,
  type UrlProbe,
} from './hostFetch';

const LAYOUTS: [kernel: string, initrd: string][] = [
  ['images/pxeboot/vmlinuz', 'images/pxeboot/initrd.img'],
  [
    'main/installer-amd64/current/images/netboot/debian-installer/amd64/linux',
    'main/installer-amd64/current/images/netboot/debian-installer/amd64/initrd.gz',
  ],
  [
    'install/netboot/ubuntu-installer/amd64/linux',
    'install/netboot/ubuntu-installer/amd64/initrd.gz',
  ],
  ['boot/x86_64/loader/linux', 'boot/x86_64/loader/initrd'],
];

export interface InstallKernelFetch {
  host: Host;
  rpc: RpcClient;
  poolName: string;
  vmName: string;
  treeUrl: string;
  /** The host's fetch tool (hostFetchTool), undefined when the app fetches. */
  tool: FetchTool | undefined;
  signal: AbortSignal;
  /** Bytes of both files stored so far, over both sizes when the server gave them. */
  onProgress?: (done: number, total?: number) => void;
}

function treeBase(treeUrl: string): string {
  return treeUrl.endsWith('/') ? treeUrl : `${treeUrl}/`;
}

/** The first layout whose kernel and initrd both answer, with their sizes when known. */
async function findLayout(
  request: Pick<InstallKernelFetch, 'host' | 'treeUrl' | 'tool'> & { signal?: AbortSignal },
) {
  const base = treeBase(request.treeUrl);
  const options = { tool: request.tool ?? null, signal: request.signal };
  for (const [kernel, initrd] of LAYOUTS) {
    const kernelUrl = new URL(kernel, base);
    // A server that refuses HEAD is taken at its word for the first layout: the GET decides.
    const answers = (probe: UrlProbe) => probe.ok || refusesHead(probe);
    const k = await probeUrl(request.host, kernelUrl, options);
    if (!answers(k)) continue;
    const initrdUrl = new URL(initrd, base);
    const i = await probeUrl(request.host, initrdUrl, options);
    if (answers(i)) return { kernelUrl, initrdUrl, kernelSize: k.size, initrdSize: i.size };
  }
  return undefined;
}

/**
 * What is wrong with the tree at `treeUrl` for a network install, undefined when its kernel and
 * initrd answer. Asked with the tool that will fetch them (undefined: the app).
 */
export async function installTreeProblem(
  host: Host,
  treeUrl: string,
  tool: FetchTool | undefined,
): Promise<string | undefined> {
  const url = new URL(treeBase(treeUrl));
  if (!tool && url.protocol === 'ftp:') {
    return 'The host has neither curl nor wget, and the app cannot fetch ftp://: use http(s)';
  }
  const probe = await probeUrl(host, url, { tool: tool ?? null });
  // An http(s) tree need not answer for its folder (no index page): its files decide.
  if (!probe.ok && url.protocol === 'ftp:') return `Cannot fetch ${url.href}: ${probe.problem}`;
  const layout = await findLayout({ host, treeUrl, tool });
  return layout ? undefined : `No kernel and initrd found in the tree at ${treeUrl}`;
}

export async function fetchInstallKernel(request: InstallKernelFetch): Promise<{
  volumes: StorageVolumeRef[];
  paths: { kernel: string; initrd: string };
  via: FetchVia;
}> {
  const { host, rpc, signal } = request;
  const layout = await findLayout(request);
  if (!layout) {
    throw new VirtdeckError('invalid-input', msg('install.noKernel', { url: request.treeUrl }));
  }
  const total =
    layout.kernelSize !== undefined && layout.initrdSize !== undefined
      ? layout.kernelSize + layout.initrdSize
      : undefined;
  const safe = request.vmName.replace(/\//g, '_');
  const volumes: StorageVolumeRef[] = [];
  const paths: string[] = [];
  let before = 0;
  let via: FetchVia = request.tool ?? 'app';
  try {
    for (const [suffix, url] of [
      ['kernel', layout.kernelUrl],
      ['initrd', layout.initrdUrl],
    ] as const) {
      const fetched = await fetchOnHost(host, rpc, {
        url: url.href,
        pool: request.poolName,
        volumeName: `${safe}-${suffix}`,
        format: 'raw',
        signal,
        onProgress: (done) => request.onProgress?.(before + done, total),
      });
      volumes.push(fetched.volume);
      paths.push(fetched.path);
      before += fetched.bytes;
      via = fetched.via;
    }
  } catch (err) {
    for (const vol of volumes) await removeVolume(rpc, vol);
    throw err;
  }
  const [kernel, initrd] = paths;
  if (kernel === undefined || initrd === undefined) throw new Error('kernel and initrd missing');
  return { volumes, paths: { kernel, initrd }, via };
}
