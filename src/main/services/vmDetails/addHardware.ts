/**
 * Add hardware: the device XML comes from the XML layer's builder, and the same XML is either
 * hot-attached with LIVE|CONFIG (running guest) or added to the persistent XML by an edit and
 * defined (shut-off guest). A device the running guest cannot take live goes to the config only,
 * and the result says it waits for the next guest shutdown. A new volume made for a disk is
 * deleted again when the disk cannot be added.
 */
import type { EditResult, NewDevice } from '../../../shared/api/vmDetailsTypes';
import { LibvirtError } from '../../libvirt/rpc/errors';
import { attachDevice } from '../../libvirt/domain';
import { lookupPoolByName } from '../../libvirt/storagePool';
import { createVolume, deleteVolume, getVolumePath } from '../../libvirt/storageVolume';
import { storageVolumeXml } from '../../xml/build/storageVolumeXml';
import { addDisk, newDiskDevice, type DiskSpec } from '../../xml/edits/domain/disks';
import { addNic, newNicDevice, type NicSpec } from '../../xml/edits/domain/interfaces';
import { addTpm, newTpmDevice } from '../../xml/edits/domain/tpm';
import { addGraphics, newGraphicsDevice } from '../../xml/edits/domain/graphics';
import { addDevice } from '../../xml/edits/domain/devices';
import { virtiofsXml } from '../../xml/edits/domain/deviceBuilders';
import { addVirtiofsShare } from '../../xml/edits/domain/filesystem';
import { specToXml } from '../../xml/xmlBuild';
import { checkMac, checkObjectName, invalidInput } from '../../../shared/inputChecks';
import { genericDeviceSpec } from './genericDevices';
import { checkMacFree } from './hostLimits';
import { defineEdited, liveFlags, secureConfigXml, secureLiveXml, type VmHandle } from './vmXml';
import { virErrorNumber } from '../../libvirt/rpc/generated/libvirtEnums';

/** virErrorNumber: the hypervisor cannot do this live (OPERATION_UNSUPPORTED, CONFIG_UNSUPPORTED). */
export const NOT_LIVE: readonly number[] = [
  virErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED,
  virErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED,
];

/** Attaches `deviceXml` live and persistent, or adds it to the config (`configEdit`) only. */
async function attachOrDefine(
  vm: VmHandle,
  deviceXml: string,
  configEdit: (xml: string) => string,
): Promise<EditResult> {
  if (!vm.active) {
    await defineEdited(vm, configEdit);
    return { needsRestart: false };
  }
  try {
    await attachDevice(vm.rpc, vm.dom, deviceXml, liveFlags(vm));
    return { needsRestart: false };
  } catch (err) {
    if (!(err instanceof LibvirtError) || !NOT_LIVE.includes(err.libvirtCode) || !vm.persistent) {
      throw err;
    }
    await defineEdited(vm, configEdit);
    return { needsRestart: true, liveError: err.message };
  }
}

/** The XML the new device is built against: the live one when it runs (its targets, its MACs). */
async function currentXml(vm: VmHandle): Promise<string> {
  return vm.active ? secureLiveXml(vm) : secureConfigXml(vm);
}

async function addStorage(
  vm: VmHandle,
  device: Extract<NewDevice, { kind: 'disk' }>,
): Promise<EditResult> {
  const base: Omit<DiskSpec, 'source'> = {
    device: device.device,
    bus: device.bus,
    readonly: device.readonly,
    format: device.device === 'cdrom' ? 'raw' : undefined,
  };
  const source = device.source;
  if ('path' in source || 'empty' in source) {
    const spec: DiskSpec = {
      ...base,
      source: 'path' in source ? { kind: 'file', path: source.path } : { kind: 'none' },
      // An existing image's format is not known here; raw is what QEMU reads safely.
      format:
        device.device === 'disk' && 'path' in source && !/\.qcow2$/.test(source.path)
          ? 'raw'
          : base.format,
    };
    const { xml, target } = newDiskDevice(await currentXml(vm), spec);
    return attachOrDefine(vm, xml, (config) => addDisk(config, { ...spec, target }));
  }
  // A new volume: checked, created, then attached; deleted again if the disk cannot be added.
  checkObjectName(source.name, 'The volume name', 'name');
  if (!Number.isSafeInteger(source.capacityBytes) || source.capacityBytes < 1024 * 1024) {
    throw invalidInput('The new volume must be at least 1 MiB', 'capacityBytes');
  }
  const pool = await lookupPoolByName(vm.rpc, source.pool);
  const probe: DiskSpec = {
    ...base,
    source: { kind: 'file', path: '/new' },
    format: source.format,
  };
  newDiskDevice(await currentXml(vm), probe);
  const vol = await createVolume(
    vm.rpc,
    pool,
    storageVolumeXml({ name: source.name, capacity: source.capacityBytes, format: source.format }),
  );
  try {
    const spec: DiskSpec = {
      ...probe,
      source: { kind: 'file', path: await getVolumePath(vm.rpc, vol) },
    };
    const { xml, target } = newDiskDevice(await currentXml(vm), spec);
    return await attachOrDefine(vm, xml, (config) => addDisk(config, { ...spec, target }));
  } catch (err) {
    await deleteVolume(vm.rpc, vol).catch(() => {});
    throw err;
  }
}

async function addInterface(
  vm: VmHandle,
  device: Extract<NewDevice, { kind: 'interface' }>,
  uuid: string,
): Promise<EditResult> {
  const source: NicSpec['source'] =
    'network' in device.source
      ? { kind: 'network', network: device.source.network }
      : { kind: 'bridge', bridge: device.source.bridge };
  const spec: NicSpec = { source, model: device.model };
  if (device.mac !== undefined && device.mac !== '') {
    spec.mac = checkMac(device.mac);
    await checkMacFree(vm.rpc, spec.mac, device.source, uuid);
  }
  const { xml, mac } = newNicDevice(await currentXml(vm), spec);
  return attachOrDefine(vm, xml, (config) => addNic(config, { ...spec, mac }));
}

export async function addHardware(
  vm: VmHandle,
  device: NewDevice,
  uuid: string,
): Promise<EditResult> {
  switch (device.kind) {
    case 'disk':
      return addStorage(vm, device);
    case 'interface':
      return addInterface(vm, device, uuid);
    case 'tpm': {
      const spec = {
        model: device.model,
        backend: { kind: 'emulator', version: device.version },
      } as const;
      const xml = newTpmDevice(await currentXml(vm), spec);
      return attachOrDefine(vm, xml, (config) => addTpm(config, spec));
    }
    case 'graphics': {
      const spec = { type: device.type, listen: device.listen, password: device.password };
      return attachOrDefine(vm, newGraphicsDevice(spec), (config) => addGraphics(config, spec));
    }
    case 'filesystem': {
      const share = { source: device.source, target: device.target, readonly: device.readonly };
      // virtiofs needs shared memory, a boot-time setting: the config takes it, then the share.
      return attachOrDefine(vm, specToXml(virtiofsXml(share)), (config) =>
        addVirtiofsShare(config, share),
      );
    }
    default: {
      const spec = await genericDeviceSpec(vm.rpc, device, () => currentXml(vm));
      return attachOrDefine(vm, specToXml(spec), (config) => addDevice(config, spec));
    }
  }
}
