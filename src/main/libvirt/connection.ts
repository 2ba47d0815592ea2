/**
 * An open libvirt connection on a Host: the RPC client plus the questions about the host itself
 * (versions, capabilities, node info and stats), as virsh's version / capabilities / nodeinfo.
 */
import type { Host } from '../hosts/host';
import type { LibvirtTransport } from '../../shared/api/hostTypes';
import { parseLibvirtUri, type LibvirtUri } from '../../shared/libvirtUri';
import type { RpcClient } from './rpc/client';
import { openRpcConnection } from './rpc/handshake';
import { versionToString } from './refs';

export interface NodeInfo {
  cpuModel: string;
  memoryKiB: number;
  cpus: number;
  mhz: number;
  numaNodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

export interface VersionInfo {
  hypervisorType: string;
  hypervisorVersion: string;
  libvirtVersion: string;
}

export class LibvirtConnection {
  private constructor(
    readonly rpc: RpcClient,
    readonly uri: LibvirtUri,
    readonly host: Host,
    /** How the RPC stream reaches the daemon (socket straight, or through virt-ssh-helper). */
    readonly transport: LibvirtTransport,
  ) {}

  /**
   * Opens `uriText` on `host`. The URI is validated before anything connects; the host-local form
   * (e.g. qemu:///system) is what the daemon on the host is asked for.
   */
  static async open(host: Host, uriText: string): Promise<LibvirtConnection> {
    const uri = parseLibvirtUri(uriText);
    await host.connect();
    const stream = await host.openLibvirtStream(uri.localUri);
    const rpc = await openRpcConnection(stream, uri.localUri, { label: host.label });
    return new LibvirtConnection(rpc, uri, host, stream.libvirtTransport);
  }

  close(): Promise<void> {
    return this.rpc.close();
  }

  async hostname(): Promise<string> {
    return (await this.rpc.call('CONNECT_GET_HOSTNAME', null)).hostname;
  }

  async versions(): Promise<VersionInfo> {
    const [type, hv, lib] = await Promise.all([
      this.rpc.call('CONNECT_GET_TYPE', null),
      this.rpc.call('CONNECT_GET_VERSION', null),
      this.rpc.call('CONNECT_GET_LIB_VERSION', null),
    ]);
    return {
      hypervisorType: type.type,
      hypervisorVersion: versionToString(hv.hv_ver),
      libvirtVersion: versionToString(lib.lib_ver),
    };
  }

  async capabilitiesXml(): Promise<string> {
    return (await this.rpc.call('CONNECT_GET_CAPABILITIES', null)).capabilities;
  }

  async domainCapabilitiesXml(
    options: { emulator?: string; arch?: string; machine?: string; virtType?: string } = {},
  ): Promise<string> {
    const ret = await this.rpc.call('CONNECT_GET_DOMAIN_CAPABILITIES', {
      emulatorbin: options.emulator ?? null,
      arch: options.arch ?? null,
      machine: options.machine ?? null,
      virttype: options.virtType ?? null,
      flags: 0,
    });
    return ret.capabilities;
  }

  async nodeInfo(): Promise<NodeInfo> {
    const info = await this.rpc.call('NODE_GET_INFO', null);
    // The model travels as one XDR int per C char, NUL-terminated.
    const end = info.model.indexOf(0);
    const model = String.fromCharCode(...info.model.slice(0, end < 0 ? undefined : end));
    return {
      cpuModel: model,
      memoryKiB: Number(info.memory),
      cpus: info.cpus,
      mhz: info.mhz,
      numaNodes: info.nodes,
      sockets: info.sockets,
      cores: info.cores,
      threads: info.threads,
    };
  }

  /** Host CPU time counters in ns (user, kernel, idle, iowait), summed over all CPUs. */
  nodeCpuStats(): Promise<Record<string, number>> {
    // Asked twice, as virsh does: first how many fields there are, then their values.
    return askCounted((nparams) =>
      this.rpc.call('NODE_GET_CPU_STATS', { cpuNum: -1, nparams, flags: 0 }),
    );
  }

  /** Host memory in KiB (total, free, buffers, cached). */
  nodeMemoryStats(): Promise<Record<string, number>> {
    return askCounted((nparams) =>
      this.rpc.call('NODE_GET_MEMORY_STATS', { cellNum: -1, nparams, flags: 0 }),
    );
  }
}

async function askCounted(
  ask: (
    nparams: number,
  ) => Promise<{ nparams: number; params: { field: string; value: bigint }[] }>,
): Promise<Record<string, number>> {
  const { nparams } = await ask(0);
  const { params } = await ask(nparams);
  return Object.fromEntries(params.map((p) => [p.field, Number(p.value)]));
}
