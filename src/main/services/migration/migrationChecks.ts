/**
 * The checks before a migration, each problem in words with the dialog field it is about, so
 * nothing starts when one would fail halfway: the target (connected, another host), the mode
 * against the VM's state, the transport, the name on the target, the CPU model and machine type
 * the target's hypervisor can give, the networks, and for copied storage a pool on the target for
 * each disk's directory with room.
 */
import type { Element } from '@xmldom/xmldom';
import type { MigrationCheck, MigrationOptions } from '../../../shared/api/methods/migration';
import { InvalidInputError, VirtdeckError } from '../../../shared/errors';
import {
  getDomainState,
  getDomainXml,
  lookupDomainByName,
  lookupDomainByUuid,
  type DomainState,
} from '../../libvirt/domain';
import { compareHostCpu, compareHypervisorCpu } from '../../libvirt/migration';
import { isNetworkActive, lookupNetworkByName } from '../../libvirt/network';
import { undefinedIfNotFound } from '../../libvirt/rpc/errors';
import { virCPUCompareResult } from '../../libvirt/rpc/generated/libvirtEnums';
import { uuidFromString, type DomainRef } from '../../libvirt/refs';
import { readInterface } from '../../xml/edits/domain/interfaces';
import { elementXml } from '../../xml/xmlEdit';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import type { HostSession } from '../hostSession';
import { planDiskCopies, type DiskCopy } from './migrationDisks';
import { moveEnd, planMove } from './movePlan';

/** The session the VM is on and the one it moves to. */
export interface MigrationEnds {
  source: HostSession;
  target: HostSession;
}

type Problem = MigrationCheck['problems'][number];

/** What the checks found, and what the migration needs of it. */
export interface MigrationPlan {
  problems: Problem[];
  dom: DomainRef;
  name: string;
  state: DomainState;
  /** The volumes to make on the target (storage `copy`). */
  copies: DiskCopy[];
}

export async function checkMigration(
  ends: MigrationEnds,
  options: MigrationOptions,
): Promise<MigrationCheck> {
  const plan = await planMigration(ends, options);
  return {
    problems: plan.problems,
    disks: plan.copies.map((c) => ({ target: c.target, path: c.path, bytes: c.bytes })),
  };
}

const RUNNING_STATES: readonly DomainState[] = ['running', 'paused'];

/** Every check, against the hosts as they are now. */
export async function planMigration(
  ends: MigrationEnds,
  options: MigrationOptions,
): Promise<MigrationPlan> {
  const source = ends.source.libvirt();
  const dom = await lookupDomainByUuid(source.rpc, uuidFromString(options.uuid));
  const { state } = await getDomainState(source.rpc, dom);
  const xml = await getDomainXml(source.rpc, dom);
  const plan: MigrationPlan = { problems: [], dom, name: dom.name, state, copies: [] };
  const problem = (field: string, message: string) => plan.problems.push({ field, message });

  checkModeAndTransport(options, state, problem);
  const target = targetOf(ends, options, problem);
  if (!target) return plan;
  const targetLabel = ends.target.config.label ?? ends.target.config.uri;
  if (await sameHost(source.connection, target.connection)) {
    problem('targetConnectionId', `${targetLabel} is the host the VM is on: pick another host`);
    return plan;
  }

  const domain = parseXml(xml).documentElement as unknown as Element;
  const [byName, byUuid] = await Promise.all([
    lookupDomainByName(target.rpc, dom.name).catch(undefinedIfNotFound),
    lookupDomainByUuid(target.rpc, dom.uuid).catch(undefinedIfNotFound),
  ]);
  if (byName) problem('name', `${targetLabel} already has a VM named "${dom.name}"`);
  else if (byUuid) {
    problem('name', `${targetLabel} already has this VM's UUID, as "${byUuid.name}"`);
  }
  const machine = await machineProblems(target.connection, domain, targetLabel);
  const hostProblems = [
    ...machine,
    // The CPU is compared for the VM's machine type only where the target has that type.
    ...(await cpuProblems(target.rpc, domain, targetLabel, machine.length === 0)),
    ...(await networkProblems(target.rpc, domain, targetLabel)),
  ];
  for (const message of hostProblems) problem('targetConnectionId', message);

  if (goesThroughApp(options)) {
    // A VM that is not shut off is already refused for this (checkModeAndTransport).
    if (state === 'shutoff') await moveProblems(ends, options, plan, problem);
    return plan;
  }
  const disks = await planDiskCopies(source.rpc, target.rpc, domain, options.storage, targetLabel);
  plan.copies = disks.copies;
  for (const message of disks.problems) problem('storage', message);
  return plan;
}

type Report = (field: string, message: string) => void;

/**
 * Whether the disks stream through Virtdeck: asked for, or a shut-off VM with copied storage
 * (libvirt refuses VIR_MIGRATE_OFFLINE with VIR_MIGRATE_NON_SHARED_DISK, 9.0 and 11.3 alike:
 * "offline migration cannot handle non-shared storage").
 */
export function goesThroughApp(options: MigrationOptions): boolean {
  return (
    options.transport === 'through-app' ||
    (options.mode === 'offline' && options.storage === 'copy')
  );
}

/**
 * The move through Virtdeck copies media too and finds the target pools its own way (same name,
 * else same directory): its own plan says what is wrong, and what it copies.
 */
async function moveProblems(
  ends: MigrationEnds,
  options: MigrationOptions,
  plan: MigrationPlan,
  problem: Report,
): Promise<void> {
  try {
    const move = await planMove(moveEnd(ends.source), moveEnd(ends.target), options.uuid);
    plan.copies = [...move.disks, ...(move.nvram ? [move.nvram] : [])]
      .filter((copy) => !copy.existing)
      .map((copy) => ({
        target: copy.label,
        path: copy.vol.key,
        format: copy.format,
        bytes: copy.bytes,
        capacity: copy.capacity,
        pool: copy.targetPool,
      }));
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    const fields = Object.entries(err.fields);
    if (fields.length === 0) problem('storage', err.message);
    for (const [field, message] of fields) problem(field, message);
  }
}

function checkModeAndTransport(options: MigrationOptions, state: DomainState, problem: Report) {
  const running = RUNNING_STATES.includes(state);
  if (options.mode === 'live' && !running) {
    problem('mode', `A live migration needs a running or paused VM; this one is ${state}`);
  }
  if (options.mode === 'offline' && running) {
    // virsh migrate --offline would move only the definition and leave the guest running here.
    problem(
      'mode',
      `The VM is ${state}: shut it down for an offline migration, or migrate it live`,
    );
  }
  if (options.bandwidthMiBs !== undefined && !Number.isInteger(options.bandwidthMiBs)) {
    problem('bandwidthMiBs', 'The bandwidth limit is a whole number of MiB/s');
  }
  if (options.transport === 'through-app' && (options.mode !== 'offline' || running)) {
    problem('transport', 'Moving through Virtdeck is for a shut-off VM, with an offline migration');
  }
  if (options.transport === 'tunnelled') {
    if (!options.tunnelUri) {
      problem(
        'tunnelUri',
        'A tunnelled migration needs the URI the source host opens the target at',
      );
    }
    if (options.storage === 'copy') {
      // libvirt 9.0 fails it halfway ("argument key 'host' must not have null value"), leaving
      // the volumes it made on the target.
      problem(
        'storage',
        'A tunnelled migration cannot copy the disks: choose direct, or shared storage',
      );
    }
    if (options.mode === 'offline') {
      // libvirt refuses VIR_MIGRATE_OFFLINE with VIR_MIGRATE_TUNNELLED.
      problem('transport', 'An offline migration cannot be tunnelled: choose direct');
    }
  }
}

function targetOf(ends: MigrationEnds, options: MigrationOptions, problem: Report) {
  if (options.targetConnectionId === options.connectionId) {
    problem('targetConnectionId', 'The VM is on this connection already: pick another host');
    return undefined;
  }
  try {
    return ends.target.libvirt();
  } catch (err) {
    if (!(err instanceof VirtdeckError) || err.code !== 'disconnected') throw err;
    problem('targetConnectionId', `${err.message}: connect it first`);
    return undefined;
  }
}

/** Two connections to one machine (one local, one over SSH) share the host UUID libvirt reports. */
async function sameHost(
  a: ReturnType<HostSession['libvirt']>['connection'],
  b: ReturnType<HostSession['libvirt']>['connection'],
): Promise<boolean> {
  const hostUuid = async (c: typeof a) => {
    const caps = parseXml(await c.capabilitiesXml()).documentElement as unknown as Element;
    const host = firstChild(caps, 'host');
    return host ? firstChild(host, 'uuid')?.textContent?.trim() : undefined;
  };
  const [ua, ub] = await Promise.all([hostUuid(a), hostUuid(b)]);
  return ua !== undefined && ua === ub;
}

/** The target's hypervisor must have the domain's emulator, arch, virt type and machine type. */
async function machineProblems(
  target: ReturnType<HostSession['libvirt']>['connection'],
  domain: Element,
  targetLabel: string,
): Promise<string[]> {
  const type = firstChild(firstChild(domain, 'os') ?? domain, 'type');
  const machine = attribute(type, 'machine');
  const arch = attribute(type, 'arch');
  const emulator = firstChild(firstChild(domain, 'devices') ?? domain, 'emulator')?.textContent;
  try {
    await target.domainCapabilitiesXml({
      arch,
      machine,
      virtType: domain.getAttribute('type') ?? undefined,
      emulator: emulator?.trim() || undefined,
    });
    return [];
  } catch (err) {
    if (!(err instanceof VirtdeckError) || err.code !== 'libvirt') throw err;
    return [
      `${targetLabel} cannot run this VM's machine type ${machine ?? '(default)'} ` +
        `(${arch ?? 'its arch'}${emulator ? `, ${emulator.trim()}` : ''}): ${err.message}`,
    ];
  }
}

/** The domain's CPU model (with its features) must be one the target's hypervisor can give. */
async function cpuProblems(
  rpc: ReturnType<HostSession['libvirt']>['rpc'],
  domain: Element,
  targetLabel: string,
  withMachine: boolean,
): Promise<string[]> {
  const cpu = firstChild(domain, 'cpu');
  const model = cpu ? firstChild(cpu, 'model')?.textContent?.trim() : undefined;
  // Without a named model (host-passthrough, maximum, or none) there is nothing to compare.
  if (!cpu || !model) return [];
  const type = firstChild(firstChild(domain, 'os') ?? domain, 'type');
  const cpuXml = elementXml(cpu);
  let result: number;
  try {
    result = await compareHypervisorCpu(rpc, cpuXml, {
      arch: attribute(type, 'arch'),
      machine: withMachine ? attribute(type, 'machine') : undefined,
      virtType: domain.getAttribute('type') ?? undefined,
    });
  } catch (err) {
    // CONNECT_COMPARE_HYPERVISOR_CPU came with libvirt 4.4; before it, the host's own CPU.
    if (!(err instanceof VirtdeckError) || err.code !== 'not-supported') throw err;
    result = await compareHostCpu(rpc, cpuXml);
  }
  if (result !== virCPUCompareResult.VIR_CPU_COMPARE_INCOMPATIBLE) return [];
  const required = childElements(cpu, 'feature')
    .filter((f) => ['require', 'force'].includes(f.getAttribute('policy') ?? 'require'))
    .map((f) => f.getAttribute('name'))
    .filter((n): n is string => !!n);
  const features = required.length > 0 ? ` with ${required.join(', ')}` : '';
  return [`${targetLabel} cannot give this VM its CPU (model ${model}${features})`];
}

/** Each virtual network the VM's NICs use must exist and be active on the target. */
async function networkProblems(
  rpc: ReturnType<HostSession['libvirt']>['rpc'],
  domain: Element,
  targetLabel: string,
): Promise<string[]> {
  const devices = firstChild(domain, 'devices');
  const names = new Set(
    (devices ? childElements(devices, 'interface') : [])
      .map(readInterface)
      .filter((nic) => nic.type === 'network' && nic.source)
      .map((nic) => nic.source as string),
  );
  const problems: string[] = [];
  for (const name of names) {
    const net = await lookupNetworkByName(rpc, name).catch(undefinedIfNotFound);
    if (!net) problems.push(`${targetLabel} has no network "${name}", which the VM uses`);
    else if (!(await isNetworkActive(rpc, net))) {
      problems.push(`The network "${name}" on ${targetLabel} is not running: start it first`);
    }
  }
  return problems;
}
