/**
 * What the move tests share: the app's HostSessions over SSH, a recording job, the UEFI guest,
 * removal of the guests (NVRAM included) and readers of the moved VM's XML and files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  destroyDomain,
  lookupDomainByName,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { virDomainUndefineFlagsValues } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import { HostSession } from '../../../src/main/services/hostSession';
import type { JobContext } from '../../../src/main/services/jobTypes';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import { xmlEscape } from '../../support/libvirtFixtures';
import type { LibvirtGeneration } from '../../support/transports';
import { englishText } from '../../../src/shared/messages/message';

export const OVMF_VARS = '/usr/share/OVMF/OVMF_VARS_4M.fd';

/** A HostSession as the backend makes one (api/sessions.ts), over SSH. */
export function session(id: string, gen: LibvirtGeneration): HostSession {
  return new HostSession(
    {
      id: `${id}-${process.pid}`,
      uri: `qemu+ssh://${gen.remoteUser}@${gen.name.replace(/\W+/g, '-')}/system`,
      label: gen.name,
      autoconnect: false,
    },
    {
      emit: () => {},
      createHost: () => gen.makeHost(),
      onClosed: () => {},
      statsIntervalMs: () => 5000,
      statsActive: () => false,
    },
  );
}

export interface TestJob {
  controller: AbortController;
  steps: string[];
  progress: [number, number | undefined][];
  /** Called on each progress report (a test cancels from here). */
  onProgress(done: number, total?: number): void;
  ctx: JobContext;
}

/** The job interface as api/jobs.ts gives it to a service, recording what the service reports. */
export function testJob(): TestJob {
  const controller = new AbortController();
  const job: TestJob = {
    controller,
    steps: [],
    progress: [],
    onProgress: () => {},
    ctx: {
      signal: controller.signal,
      stepProgress: () => {},
      progress: (done, total) => {
        job.progress.push([done, total]);
        job.onProgress(done, total);
      },
      step: (name) => job.steps.push(typeof name === 'string' ? name : englishText(name)),
      migration: () => {},
    },
  };
  return job;
}

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** removeLeftovers keeps a guest's NVRAM and so cannot undefine a UEFI one: all go here first. */
export async function removeGuests(rpc: RpcClient, names: string[]): Promise<void> {
  const { VIR_DOMAIN_UNDEFINE_NVRAM, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE } =
    virDomainUndefineFlagsValues;
  for (const name of names) {
    const dom = await lookupDomainByName(rpc, name).catch(() => undefined);
    if (!dom) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(rpc, dom, VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_MANAGED_SAVE);
  }
}

/** UEFI (OVMF, both hosts have it) with the NVRAM file given: a volume of the temp pool. */
export function uefiGuestXml(name: string, diskPath: string, nvramPath: string): string {
  return `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>
    <nvram template='${OVMF_VARS}'>${xmlEscape(nvramPath)}</nvram>
  </os>
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='${xmlEscape(diskPath)}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>`;
}

export function nvramPath(xml: string): string | undefined {
  const os = firstChild(parseXml(xml).documentElement!, 'os');
  const nvram = os && firstChild(os, 'nvram');
  return attribute(nvram && firstChild(nvram, 'source'), 'file') ?? nvram?.textContent?.trim();
}

/** Each disk's source file by its target dev. */
export function diskSources(xml: string): Record<string, string | undefined> {
  const devices = firstChild(parseXml(xml).documentElement!, 'devices');
  return Object.fromEntries(
    childElements(devices!, 'disk').map((d) => [
      attribute(firstChild(d, 'target'), 'dev') ?? '',
      attribute(firstChild(d, 'source'), 'file'),
    ]),
  );
}
