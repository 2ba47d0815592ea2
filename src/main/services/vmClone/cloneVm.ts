/**
 * The clone job (virt-clone over the app's own connection). Everything is checked first
 * (cloneChecks: nothing exists yet when a check fails). Then one cancellable job of named steps:
 * pause a running source (consented; resumed at the end whatever happens), each disk copied
 * (cloneCopy: on the host, or through libvirt's volume streams while the source is paused) or
 * overlaid (a qcow2 volume backed by the original), the clone defined from the source's XML
 * (cloneXml), its NVRAM and TPM state copied (after the define, so that the undo's undefine takes
 * them with it), its identity reset, the
 * wizard's overrides applied, the source of a linked clone marked as a template, the clone
 * started. A failure or Cancel removes what was made: the definition, every new volume, a pool
 * made for the NVRAM. libvirt cannot stop a CREATE_XML_FROM under way: Cancel takes effect when
 * the copy returns, and that volume is deleted with the rest.
 */
import { randomUUID } from 'node:crypto';
import type { CloneOptions } from '../../../shared/api/methods/vmClone';
import type { CreateVmStarted } from '../../../shared/api/newVmTypes';
import { VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { LibvirtConnection } from '../../libvirt/connection';
import { defineDomain, resumeDomain, startDomain, suspendDomain } from '../../libvirt/domain';
import type { StorageVolumeRef } from '../../libvirt/refs';
import type { RpcClient } from '../../libvirt/rpc/client';
import { createVolume, getVolumePath } from '../../libvirt/storageVolume';
import { storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { jobCancelled, jobTitle, stepFailed, type JobContext, type Jobs } from '../jobTypes';
import { checkClone, copyBytes, type PlannedCloneDisk } from './cloneChecks';
import { copyNvram, copyTpmState } from './cloneFirmware';
import { cloneFilePath } from './cloneNames';
import { copyVolume } from './cloneCopy';
import { readCloneSource, type CloneSource } from './clonePlan';
import { applyOverrides, cloneDomainXml, type ClonedDiskSource } from './cloneXml';
import { identityResetTool, resetGuestIdentity } from './identityReset';
import { setTemplate } from './template';
import { Undo } from '../newVm/undo';

/** What the finished job says about the clone. */
export interface CloneOutcome {
  uuid: string;
  name: string;
  /** `copied`, or `fresh` when the host did not let the TPM state be read; absent without TPM. */
  tpm?: 'copied' | 'fresh';
  /** The source was paused for the copy and could not be resumed: the message says why. */
  resumeFailed?: string;
}

/** Checks everything, then starts the clone job. Fails (nothing made) when a check fails. */
export async function startCloneVm(
  host: Host,
  conn: LibvirtConnection,
  jobs: Jobs,
  options: CloneOptions,
): Promise<CreateVmStarted & { result: Promise<CloneOutcome> }> {
  const { rpc } = conn;
  const [source, identity] = await Promise.all([
    readCloneSource(conn, options.uuid),
    identityResetTool(host),
  ]);
  const checked = await checkClone(rpc, source, options, identity);
  const uuid = randomUUID();
  const reset = options.identityReset?.operations.length ? options.identityReset : undefined;
  const linked = checked.disks.some((d) => d.mode === 'linked');
  const steps = [
    checked.pauseSource,
    ...checked.disks.map((d) => d.mode !== 'share'),
    true,
    source.nvram,
    source.tpm,
    reset,
    linked,
    options.start,
  ].filter(Boolean);

  const job = jobs.start(
    {
      ...jobTitle(msg('clone.title', { source: source.name, name: checked.name })),
      connectionId: options.connectionId,
      unit: 'steps',
      total: steps.length,
      cancellable: true,
    },
    async (ctx) => {
      const run = new CloneRun(host, rpc, ctx, source, uuid, checked.name);
      const outcome = await run
        .clone(checked.disks, {
          pause: checked.pauseSource,
          reset: reset && {
            operations: reset.operations,
            hostname: reset.hostname || checked.name,
          },
          overrides: options.overrides,
          linked,
          start: options.start,
        })
        .catch(async (err: unknown) => {
          // Resumed whatever happened; a source left paused is said with the clone's error.
          const stuck = await run.resume();
          if (!stuck || !(err instanceof VirtdeckError)) throw err;
          throw new VirtdeckError(
            err.code,
            msg('clone.staysPaused', { why: err.message, name: source.name, stuck }),
            { cause: err, ...(err.detail ? { detail: err.detail } : {}) },
          );
        });
      const stuck = await run.resume();
      return stuck ? { ...outcome, resumeFailed: stuck } : outcome;
    },
  );
  return { jobId: job.jobId, uuid, name: checked.name, result: job.result };
}

function diskStep(d: PlannedCloneDisk): Message {
  const target = d.disk.target;
  return d.mode === 'copy' ? msg('clone.copyDisk', { target }) : msg('clone.overlay', { target });
}

interface CloneRunOptions {
  pause: boolean;
  reset?: {
    operations: NonNullable<CloneOptions['identityReset']>['operations'];
    hostname: string;
  };
  overrides: CloneOptions['overrides'];
  linked: boolean;
  start: boolean;
}

class CloneRun {
  private readonly undo: Undo;
  private current: Message = msg('clone.define');
  private stepsDone = -1;
  private paused = false;

  constructor(
    private readonly host: Host,
    private readonly rpc: RpcClient,
    private readonly ctx: JobContext,
    private readonly source: CloneSource,
    private readonly uuid: string,
    private readonly name: string,
  ) {
    this.undo = new Undo(rpc);
  }

  /** Names the step; a Cancel is honoured here, between steps. */
  private step(name: Message): void {
    if (this.ctx.signal.aborted) throw jobCancelled([]);
    this.current = name;
    this.stepsDone++;
    this.ctx.step(name);
  }

  async clone(disks: PlannedCloneDisk[], o: CloneRunOptions): Promise<CloneOutcome> {
    const { rpc, source } = this;
    try {
      if (o.pause) {
        this.step(msg('clone.pauseSource'));
        await suspendDomain(rpc, source.vm.dom);
        this.paused = true;
      }
      const newDisks = new Map<string, ClonedDiskSource>();
      for (const d of disks) {
        if (d.mode === 'share') continue;
        this.step(diskStep(d));
        newDisks.set(d.disk.target, await this.cloneDisk(d));
      }
      this.step(msg('clone.define'));
      const nvram = source.nvram && cloneFilePath(source.nvram, source.name, this.name);
      const xml = applyOverrides(
        cloneDomainXml(source.xml, {
          sourceName: source.name,
          name: this.name,
          uuid: this.uuid,
          disks: newDisks,
          nvram,
        }),
        o.overrides,
      );
      const dom = await defineDomain(rpc, xml);
      this.undo.defined(dom);
      if (source.nvram && nvram) {
        // After the define: the undo's undefine then removes the copy with the definition.
        this.step(msg('clone.copyNvram'));
        await copyNvram(rpc, source.nvram, nvram, {
          sourceInUse: source.vm.active,
          signal: this.ctx.signal,
        });
      }
      let tpm: CloneOutcome['tpm'];
      if (source.tpm) {
        this.step(msg('clone.copyTpm'));
        const copied = await copyTpmState(this.host, source.uuid, this.uuid, this.ctx.signal);
        tpm = copied ? 'copied' : 'fresh';
      }
      if (o.reset) {
        this.step(msg('clone.resetIdentity'));
        const paths = [...newDisks.values()].map((d) => d.path);
        await resetGuestIdentity(this.host, paths, o.reset, this.ctx.signal);
      }
      if (o.linked) {
        this.step(msg('clone.markTemplate'));
        await this.markTemplate();
      }
      if (o.start) {
        this.step(msg('clone.start'));
        await startDomain(rpc, dom);
      }
      if (this.ctx.signal.aborted) throw jobCancelled([]);
      return { uuid: this.uuid, name: this.name, tpm };
    } catch (err) {
      const problems = await this.undo.run();
      // A stream copy stopped by Cancel fails with the stream's own abort error.
      const cancelled = err instanceof VirtdeckError && err.code === 'cancelled';
      if (cancelled || this.ctx.signal.aborted) throw jobCancelled(problems);
      throw stepFailed(err, this.current, problems);
    }
  }

  /** Resumes the source this job paused (once); says why it could not, never throws. */
  async resume(): Promise<string | undefined> {
    if (!this.paused) return undefined;
    this.paused = false;
    return resumeDomain(this.rpc, this.source.vm.dom).then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
  }

  private async cloneDisk(d: PlannedCloneDisk): Promise<ClonedDiskSource> {
    const stored = d.disk.stored;
    const volume = d.volume;
    if (!stored || !volume) throw new Error(`disk ${d.disk.target} has no volume`);
    const format = d.disk.format ?? 'raw';
    const capacity = d.disk.capacityBytes ?? 0;
    let vol: StorageVolumeRef;
    if (d.mode === 'linked') {
      const path = d.disk.path ?? '';
      vol = await createVolume(
        this.rpc,
        stored.pool,
        storageVolumeXml({ name: volume, capacity, format: 'qcow2', backing: { path, format } }),
      );
    } else {
      vol = await copyVolume(this.rpc, {
        pool: stored.pool,
        source: stored.vol,
        name: volume,
        capacity,
        format,
        bytes: copyBytes(d.disk),
        sourceInUse: this.source.vm.active,
        signal: this.ctx.signal,
        onProgress: (share) => this.ctx.progress(this.stepsDone + share),
      });
    }
    this.undo.volume(vol);
    return {
      path: await getVolumePath(this.rpc, vol),
      format: d.mode === 'linked' ? 'qcow2' : format,
    };
  }

  /**
   * A linked clone's base must not change: the source becomes a template (shut off for good).
   * Until the templates slice builds the mark (its placeholder says 'not-supported'), the clone
   * stands without it; any other failure fails the clone.
   */
  private async markTemplate(): Promise<void> {
    await setTemplate(this.rpc, this.source.uuid, true).catch((err: unknown) => {
      if (err instanceof VirtdeckError && err.code === 'not-supported') return;
      throw err;
    });
  }
}
