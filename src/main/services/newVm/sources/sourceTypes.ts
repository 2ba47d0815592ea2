/**
 * One install source kind beyond the built-in ones (ISO, network tree, PXE): what it checks
 * before anything is made, the create job's steps it adds, and what it makes for the VM. Each
 * kind lives in its own file here; createVm.ts and newVmChecks.ts call them through index.ts.
 */
import type { Message } from '../../../../shared/messages/message';
import type { NewVmOptions } from '../../../../shared/api/newVmTypes';
import type { Host, HostFiles } from '../../../hosts/host';
import type { RpcClient } from '../../../libvirt/rpc/client';
import type { NewDomainSpec } from '../../../xml/build/newDomain';
import type { Undo } from '../undo';

/** What a source's `prepare` may use while the create job runs. */
export interface SourceJob {
  host: Host;
  rpc: RpcClient;
  options: NewVmOptions;
  signal: AbortSignal;
  /** Names the next step (one of those `steps` returned); throws when the job was cancelled. */
  step(name: string | Message): void;
  /** The running step's own progress, in bytes (shown under the step's name). */
  stepProgress(done: number, total?: number): void;
  /** Everything made is registered here: a failed or cancelled create removes it. */
  undo: Undo;
}

export interface InstallSourceKind<K extends NewVmOptions['source']['kind']> {
  /**
   * Problems with the source, each under "<page>.<field>" (e.g. "source.path"), found without
   * making anything.
   */
  check(
    rpc: RpcClient,
    files: HostFiles,
    options: NewVmOptions & { source: Extract<NewVmOptions['source'], { kind: K }> },
    fields: Record<string, string | Message>,
    host: Host,
  ): Promise<void>;
  /** The create job's steps this source runs before "Define VM", in order. */
  steps(
    options: NewVmOptions & { source: Extract<NewVmOptions['source'], { kind: K }> },
  ): (string | Message)[];
  /**
   * Makes the VM's disks (and any extra media) and fills them into `spec`; runs before the
   * domain is defined.
   */
  prepare(
    job: SourceJob & {
      options: NewVmOptions & { source: Extract<NewVmOptions['source'], { kind: K }> };
    },
    spec: NewDomainSpec,
  ): Promise<void>;
  /** After the install definition started and the final one is defined (e.g. drop the seed). */
  afterStart?(job: SourceJob, spec: NewDomainSpec): Promise<void>;
}
