/**
 * One edit of the details page, applied as libvirt allows: to a shut-off VM by defining its edited
 * persistent XML; to a running one live AND persistent where libvirt can (setmem, setvcpus,
 * attach / detach / update device with LIVE|CONFIG, the device XML from the same builder as the
 * persistent edit), else to the persistent config only, and the result says the change waits for
 * the next guest shutdown. Every check runs before anything changes.
 */
import type { EditResult, VmEdit } from '../../../shared/api/vmDetailsTypes';
import { VirtdeckError } from '../../../shared/errors';
import { updateDevice } from '../../libvirt/domain';
import { setDomainMemoryFlags, setDomainVcpusFlags } from '../../libvirt/domainConfig';
import { readDomainMemory, setDomainMemory } from '../../xml/edits/domain/memory';
import { readDomainVcpus, setDomainVcpus } from '../../xml/edits/domain/vcpus';
import { setDomainDescription, setDomainTitle } from '../../xml/edits/domain/metadata';
import { cdromWithMedia, setCdromMedia, type CdromMedia } from '../../xml/edits/domain/cdrom';
import { invalidInput } from '../../../shared/inputChecks';
import { parseXml } from '../../xml/xmlDocument';
import { deviceRef } from '../../xml/edits/domain/deviceKeys';
import { setKernelBoot } from '../../xml/edits/domain/directKernelBoot';
import { setCpuTopology } from '../../xml/edits/domain/cpuTopology';
import { setSharedMemory } from '../../xml/edits/domain/sharedMemory';
import {
  BOOTABLE,
  setDeviceBootOrder,
  setOsBootOrder,
  type BootableKind,
} from '../../xml/edits/domain/boot';
import { setBootMenu } from '../../xml/edits/domain/bootMenu';
import { setCpuMode } from '../../xml/edits/domain/cpuMode';
import { setContainerInit, setMountFilesystem } from '../../xml/edits/domain/container';
import { addHardware } from './addHardware';
import {
  editCharSource,
  editDeviceSettings,
  editDisk,
  editGraphics,
  editInterface,
} from './deviceEdits';
import { removeDevice } from './removeDevice';
import { hostLimits } from './hostLimits';
import { defineEdited, liveFlags, secureConfigXml, secureLiveXml, type VmHandle } from './vmXml';

const APPLIED: EditResult = { needsRestart: false };

function domainOf(xml: string) {
  const root = parseXml(xml).documentElement;
  if (!root) throw invalidInput('Empty domain XML');
  return root;
}

/** A config-only change: applied by define; a running guest sees it after its next start. */
async function configOnly(vm: VmHandle, edit: (xml: string) => string): Promise<EditResult> {
  await defineEdited(vm, edit);
  return { needsRestart: vm.active };
}

export async function applyEdit(vm: VmHandle, edit: VmEdit, uuid: string): Promise<EditResult> {
  switch (edit.kind) {
    case 'memory':
      return editMemory(vm, edit);
    case 'vcpus':
      return editVcpus(vm, edit);
    case 'cpuMode':
      return configOnly(vm, (xml) => setCpuMode(xml, edit.mode, edit.model));
    case 'bootOrder':
      return configOnly(vm, (xml) => setDeviceBootOrder(xml, bootRefs(xml, edit.devices)));
    case 'bootDevs':
      return configOnly(vm, (xml) => setOsBootOrder(xml, edit.devs));
    case 'bootMenu':
      return configOnly(vm, (xml) => setBootMenu(xml, edit.enabled));
    case 'metadata':
      return configOnly(vm, (xml) => {
        let out = xml;
        if (edit.title !== undefined) out = setDomainTitle(out, edit.title);
        if (edit.description !== undefined) out = setDomainDescription(out, edit.description);
        return out;
      }).then(() => APPLIED);
    case 'addDevice':
      return addHardware(vm, edit.device, uuid);
    case 'removeDevice':
      return removeDevice(vm, edit.key, edit.configOnly === true);
    case 'media':
      return changeMedia(vm, edit.key, edit.source);
    case 'interface':
      return editInterface(vm, edit);
    case 'disk':
      return editDisk(vm, edit);
    case 'graphics':
      return editGraphics(vm, edit);
    case 'deviceSettings':
      return editDeviceSettings(vm, edit);
    case 'charSource':
      return editCharSource(vm, edit);
    case 'kernelBoot':
      return configOnly(vm, (xml) => setKernelBoot(xml, edit));
    case 'cpuTopology':
      return editTopology(vm, edit);
    case 'sharedMemory':
      return configOnly(vm, (xml) => setSharedMemory(xml, edit.enabled));
    // libvirt's LXC driver changes neither live: the container sees them at its next start.
    case 'containerInit':
      return configOnly(vm, (xml) => setContainerInit(xml, edit));
    case 'mountFilesystem':
      return configOnly(vm, (xml) => setMountFilesystem(xml, edit));
    default:
      throw invalidInput('Unknown edit');
  }
}

async function editMemory(
  vm: VmHandle,
  edit: Extract<VmEdit, { kind: 'memory' }>,
): Promise<EditResult> {
  const xml = await secureConfigXml(vm);
  const domain = domainOf(xml);
  const limits = await hostLimits(vm.rpc, domain.getAttribute('type') ?? 'qemu');
  const params = {
    maximumKiB: edit.maximumKiB,
    currentKiB: edit.currentKiB,
    hostMemoryKiB: limits.memoryKiB,
  };
  if (params.currentKiB !== undefined && params.currentKiB > limits.memoryKiB) {
    throw invalidInput(`Memory must be at most the host's ${limits.memoryKiB} KiB`, 'currentKiB');
  }
  // Checked on the current XML before anything changes (throws invalid-input).
  setDomainMemory(xml, params);
  const now = readDomainMemory(domain);
  const maxChanges = edit.maximumKiB !== undefined && edit.maximumKiB !== now.maximumKiB;
  if (!vm.active || maxChanges) return configOnly(vm, (xml) => setDomainMemory(xml, params));
  if (edit.currentKiB === undefined) return APPLIED;
  // The balloon target changes live and in the config in one call.
  await setDomainMemoryFlags(vm.rpc, vm.dom, edit.currentKiB, liveFlags(vm));
  return APPLIED;
}

async function editVcpus(
  vm: VmHandle,
  edit: Extract<VmEdit, { kind: 'vcpus' }>,
): Promise<EditResult> {
  const xml = await secureConfigXml(vm);
  const domain = domainOf(xml);
  const limits = await hostLimits(vm.rpc, domain.getAttribute('type') ?? 'qemu');
  const params = { maximum: edit.maximum, current: edit.current, hostMaxVcpus: limits.maxVcpus };
  setDomainVcpus(xml, params);
  const now = readDomainVcpus(domain);
  const maxChanges = edit.maximum !== undefined && edit.maximum !== now.maximum;
  if (!vm.active || maxChanges) return configOnly(vm, (x) => setDomainVcpus(x, params));
  const current = edit.current ?? now.maximum;
  try {
    await setDomainVcpusFlags(vm.rpc, vm.dom, current, liveFlags(vm));
    return APPLIED;
  } catch (err) {
    if (!(err instanceof VirtdeckError) || err.code !== 'libvirt') throw err;
    // The guest cannot take the vCPUs live (no hotplug here): the config gets them.
    const result = await configOnly(vm, (x) => setDomainVcpus(x, params));
    return { ...result, liveError: err.message };
  }
}

async function editTopology(
  vm: VmHandle,
  edit: Extract<VmEdit, { kind: 'cpuTopology' }>,
): Promise<EditResult> {
  const domain = domainOf(await secureConfigXml(vm));
  const limits = await hostLimits(vm.rpc, domain.getAttribute('type') ?? 'qemu');
  const topology = { sockets: edit.sockets, cores: edit.cores, threads: edit.threads };
  return configOnly(vm, (xml) => setCpuTopology(xml, topology, limits.maxVcpus));
}

function bootRefs(xml: string, keys: string[]): { kind: BootableKind; index: number }[] {
  const domain = domainOf(xml);
  return keys.map((key) => {
    const { name, index } = deviceRef(domain, key);
    if (!(BOOTABLE as readonly string[]).includes(name)) {
      throw invalidInput(`${key} cannot boot the guest`, 'devices');
    }
    return { kind: name as BootableKind, index };
  });
}

function mediaOf(source: string | null): CdromMedia | undefined {
  if (source === null) return undefined;
  const volume = /^volume:([^/]+)\/(.+)$/.exec(source);
  return volume?.[1] && volume[2]
    ? { kind: 'volume', pool: volume[1], volume: volume[2] }
    : { kind: 'file', path: source };
}

function diskTarget(key: string): string {
  const m = /^disk:(.+)$/.exec(key);
  if (!m?.[1]) throw invalidInput(`"${key}" is not a drive`, 'key');
  return m[1];
}

async function changeMedia(vm: VmHandle, key: string, source: string | null): Promise<EditResult> {
  const target = diskTarget(key);
  const media = mediaOf(source);
  if (!vm.active) return configOnly(vm, (xml) => setCdromMedia(xml, target, media));
  const device = cdromWithMedia(await secureLiveXml(vm), target, media);
  // A guest reading the disc keeps the tray locked: QEMU asks it to open, and libvirt gives up
  // before the guest has done so ("Tray of device ... is not open"). The request stands in the
  // guest, so the same change asked again a moment later goes through, as virsh users retry.
  for (let attempt = 1; ; attempt++) {
    try {
      await updateDevice(vm.rpc, vm.dom, device, liveFlags(vm));
      return APPLIED;
    } catch (err) {
      const trayClosed = err instanceof Error && /Tray of device .* is not open/.test(err.message);
      if (!trayClosed || attempt >= TRAY_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, TRAY_RETRY_MS));
    }
  }
}

// About 10 s in all: a guest still in its firmware when the change is asked (a guest started a
// moment before, slower on a busy host) holds the tray while it boots from the disc; 4 s was
// seen too short on a loaded test machine.
const TRAY_ATTEMPTS = 10;
const TRAY_RETRY_MS = 1000;
