/**
 * Create a VM from the wizard's options as one job with named steps. Everything is checked first
 * (checkNewVm: nothing exists yet when it fails). Then: create the disk volume, define the
 * install-time XML (media first, destroyed at the first reboot), start it, and define the final XML
 * (boot from disk), as virt-install does; when the first reboot stops the domain, installRestarter
 * starts it again from that final XML (the pending restart is marked in the domain's metadata, so
 * a session connecting later finishes it too). If any step fails, what was made so far (the domain with
 * its NVRAM and TPM state, the volumes) is removed and the error names the step.
 */
import { randomUUID } from 'node:crypto';
import type {
  CreateVmStarted,
  NewVmHostFacts,
  NewVmOptions,
  OsDefaults,
} from '../../../shared/api/newVmTypes';
import { VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import { defineDomain, lookupDomainByName, startDomain } from '../../libvirt/domain';
import type { RpcClient } from '../../libvirt/rpc/client';
import type { StorageVolumeRef } from '../../libvirt/refs';
import { createVolume, deleteVolume } from '../../libvirt/storageVolume';
import { newDomainXml, type NewDomainSpec } from '../../xml/build/newDomain';
import { storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { randomMac } from '../../../shared/inputChecks';
import type { NicSource } from '../../xml/edits/domain/interfaces';
import { findPool } from '../storage/lookups';
import { markAwaitingInstall } from './installBegin';
import { installRestarter } from './installRestarter';
import { hostFetchTool } from './hostFetch';
import { fetchInstallKernel } from './installTree';
import { newVmHostFacts } from './hostFacts';
import { checkNewVm } from './newVmChecks';
import { diskVolumeName } from './volumeNames';
import { osCatalogue, osDefaultsFor } from './osDefaults';
import { sourceModule } from './sources';
import { Undo } from './undo';
import { existingDiskFormat } from './sources/diskImport';
import { jobCancelled, jobTitle, stepFailed, type Jobs } from '../jobTypes';

const GiB = 1024 ** 3;

export interface CreateVmRequest extends NewVmOptions {
  /** Tests force a broken emulator here to see "Define VM" fail and roll back. */
  emulator?: string;
}

function nicSource(options: NewVmOptions): NicSource | undefined {
  const net = options.network;
  if (net.kind === 'network') return { kind: 'network', network: net.name };
  if (net.kind === 'bridge') return { kind: 'bridge', bridge: net.name };
  if (net.kind === 'direct') return { kind: 'direct', device: net.device, mode: 'bridge' };
  return undefined;
}

/** The install's boot: the media, the network (PXE), the fetched kernel, or the imported disk. */
function installBoot(options: NewVmOptions): NewDomainSpec['installBoot'] {
  switch (options.source.kind) {
    case 'iso':
      return 'cdrom';
    case 'pxe':
      return 'network';
    case 'url':
      return 'kernel';
    case 'import':
    case 'cloud':
    case 'appliance':
      return 'hd';
  }
}

/**
 * Where a network install's kernel and initrd go: the new disk's pool, else `default` when it
 * runs, else the host's first running pool (a host need not have one named `default`).
 */
function bootFilesPool(request: NewVmOptions, facts: NewVmHostFacts): string {
  if (request.disk.kind === 'new') return request.disk.pool;
  const active = facts.pools.filter((p) => p.active);
  return (active.find((p) => p.name === 'default') ?? active[0])?.name ?? 'default';
}

/** Checks everything, then starts the create job. Fails (nothing made) when a check fails. */
export async function startCreateVm(
  host: Host,
  rpc: RpcClient,
  jobs: Jobs,
  request: CreateVmRequest,
): Promise<CreateVmStarted & { result: Promise<void> }> {
  const facts = await newVmHostFacts(host, rpc);
  await checkNewVm(host, rpc, await host.files(), facts, request);
  const [defaults, catalogue] = await Promise.all([
    osDefaultsFor(host, request.osId),
    osCatalogue(host),
  ]);
  const virtType = request.virtType ?? facts.virtTypes[0] ?? 'qemu';
  const uuid = randomUUID();
  const source = sourceModule(request.source);
  const steps = [
    true,
    request.source.kind === 'url',
    ...(source?.steps(request) ?? []),
    !source && request.disk.kind === 'new',
    true,
    !request.customize,
  ].filter(Boolean);

  const job = jobs.start(
    {
      ...jobTitle(msg('newVm.title', { name: request.name })),
      connectionId: request.connectionId,
      unit: 'steps',
      total: steps.length,
    },
    async (ctx) => {
      const undo = new Undo(rpc);
      const bootFiles: StorageVolumeRef[] = [];
      let current: Message = msg('newVm.check');
      const step = (name: string | Message) => {
        current = typeof name === 'string' ? { key: name } : name;
        ctx.step(name);
        if (ctx.signal.aborted) throw jobCancelled([]);
      };
      try {
        step(msg('newVm.check'));
        if (await lookupDomainByName(rpc, request.name).catch(() => null)) {
          throw new VirtdeckError(
            'invalid-input',
            msg('common.vmNameTaken', { name: request.name }),
          );
        }
        const spec = await buildSpec(rpc, request, defaults, virtType, uuid);
        spec.osinfoId = catalogue.hostIds.get(request.osId);
        if (request.source.kind === 'url') {
          // The step says which path runs: the host's own tool, or the app (no curl nor wget).
          const tool = await hostFetchTool(host, ctx.signal);
          step(tool ? msg('newVm.fetchOnHost', { tool }) : msg('newVm.fetchThroughApp'));
          const poolName = bootFilesPool(request, facts);
          const fetched = await fetchInstallKernel({
            host,
            rpc,
            poolName,
            vmName: request.name,
            treeUrl: request.source.url,
            tool,
            signal: ctx.signal,
            onProgress: (done, total) => ctx.stepProgress(done, total),
          });
          fetched.volumes.forEach((v) => undo.volume(v));
          bootFiles.push(...fetched.volumes);
          spec.kernel = { ...fetched.paths, args: request.source.kernelArgs };
        }
        const sourceJob = {
          host,
          rpc,
          options: request,
          signal: ctx.signal,
          step,
          stepProgress: (done: number, total?: number) => ctx.stepProgress(done, total),
          undo,
        };
        // A source with its own module makes the VM's disks itself (the `new` disk's pool and
        // size say where and how big).
        if (source) await source.prepare(sourceJob, spec);
        else if (request.disk.kind === 'new') {
          step(msg('newVm.createDisk'));
          const pool = await findPool(rpc, request.disk.pool);
          const vol = await createVolume(
            rpc,
            pool,
            storageVolumeXml({
              name: diskVolumeName(request.name),
              capacity: Math.round(request.disk.sizeGiB * GiB),
              format: 'qcow2',
            }),
          );
          undo.volume(vol);
          spec.disks.unshift({ path: vol.key, format: 'qcow2' });
        }
        step(msg('newVm.define'));
        // "Customize" defines the VM to be started later from its page: disk first, then the
        // media (or the network, for PXE), which the firmware falls through to while the disk
        // is empty.
        const fallback = spec.installBoot === 'network' ? 'network' : 'cdrom';
        const first = request.customize
          ? newDomainXml({ ...spec, finalBoot: ['hd', fallback] }, 'final')
          : newDomainXml(spec, 'install');
        const dom = await defineDomain(rpc, first);
        undo.defined(dom);
        if (request.customize && spec.installBoot !== 'hd' && spec.installBoot !== 'kernel') {
          // The VM's page offers "Begin installation" from this mark, in any session.
          await markAwaitingInstall(rpc, dom, spec.installBoot);
        }
        if (!request.customize) {
          step(msg('newVm.startInstall'));
          // Watched before it starts, so that even a very quick first reboot is followed.
          await installRestarter(rpc).watch(uuid);
          undo.unwatch = () => installRestarter(rpc).unwatch(uuid);
          await startDomain(rpc, dom).catch(async (err: unknown) => {
            // Some KVM hosts (nested ones especially) cannot give a guest the host's CPU model
            // ("failed to set MSR ..."): QEMU's default model still runs, so try that once.
            if (virtType !== 'kvm') throw err;
            spec.hostCpu = false;
            await defineDomain(rpc, newDomainXml(spec, 'install'));
            await startDomain(rpc, dom).catch(() => Promise.reject(err));
          });
          await defineDomain(rpc, newDomainXml(spec, 'final'));
          // In the final definition's metadata: any later session finishes the first reboot.
          await installRestarter(rpc).markPending(dom);
          // QEMU read the kernel and initrd when it started and the final XML boots the disk:
          // like virt-install, leave no copies in the pool (a failure here is not the create's).
          for (const vol of bootFiles) await deleteVolume(rpc, vol).catch(() => {});
          await source?.afterStart?.(sourceJob, spec);
        }
      } catch (err) {
        const problems = await undo.run();
        throw stepFailed(err, current, problems);
      }
    },
  );
  return { jobId: job.jobId, uuid, name: request.name, result: job.result };
}

async function buildSpec(
  rpc: RpcClient,
  request: CreateVmRequest,
  defaults: OsDefaults,
  virtType: 'kvm' | 'qemu',
  uuid: string,
): Promise<NewDomainSpec> {
  const source = request.source;
  const spec: NewDomainSpec = {
    name: request.name,
    uuid,
    virtType,
    arch: 'x86_64',
    emulator: request.emulator,
    memoryMiB: request.memoryMiB,
    vcpus: request.vcpus,
    defaults,
    disks: [],
    cdrom: source.kind === 'iso' ? source.path : undefined,
    installBoot: installBoot(request),
  };
  const nic = nicSource(request);
  if (nic) spec.nic = { source: nic, mac: randomMac() };
  if (request.disk.kind === 'existing') {
    const path = request.disk.path;
    spec.disks.push({ path, format: await existingDiskFormat(rpc, path) });
  }
  return spec;
}
