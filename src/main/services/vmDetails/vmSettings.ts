/**
 * Rename (shut-off VMs only, as libvirt requires), tags in Virtdeck's metadata namespace, disk
 * resize, and the host devices a guest may take. Each checks its input before anything changes.
 */
import type { EditResult, HostDeviceView } from '../../../shared/api/vmDetailsTypes';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { renameDomain, resizeBlockDevice } from '../../libvirt/domainConfig';
import { listNodeDevices, getNodeDeviceXml } from '../../libvirt/nodeDevice';
import type { RpcClient } from '../../libvirt/rpc/client';
import { getVolumeInfo, lookupVolumeByPath, resizeVolume } from '../../libvirt/storageVolume';
import { diskByTarget } from '../../xml/edits/domain/disks';
import { setDomainTags } from '../../xml/edits/domain/metadata';
import { checkObjectName, invalidInput } from '../../../shared/inputChecks';
import { attribute, firstChild, parseXml } from '../../xml/xmlDocument';
import { defineEdited, secureConfigXml, secureLiveXml, type VmHandle } from './vmXml';
import { virConnectListAllNodeDeviceFlags } from '../../libvirt/rpc/generated/libvirtEnums';

export async function renameVm(vm: VmHandle, name: string): Promise<void> {
  checkObjectName(name, 'The name', 'name');
  if (vm.active) {
    throw new VirtdeckError('invalid-input', msg('vmDetails.renameRunning'));
  }
  if (name === vm.dom.name) return;
  await renameDomain(vm.rpc, vm.dom, name);
}

export async function setVmTags(vm: VmHandle, tags: string[]): Promise<void> {
  await defineEdited(vm, (xml) => setDomainTags(xml, tags));
}

/**
 * Grows a disk. A shut-off guest's volume is resized by libvirt (STORAGE_VOL_RESIZE); a running
 * guest's image is open in QEMU, which grows it itself and tells the guest (DOMAIN_BLOCK_RESIZE).
 */
export async function resizeDisk(
  vm: VmHandle,
  key: string,
  capacityBytes: number,
): Promise<EditResult> {
  const target = /^disk:(.+)$/.exec(key)?.[1];
  if (!target) throw invalidInput(msg('vmDetails.notADisk', { disk: key }), 'key');
  const domain = parseXml(
    vm.active ? await secureLiveXml(vm) : await secureConfigXml(vm),
  ).documentElement;
  if (!domain) throw invalidInput(msg('vmDetails.emptyXml'));
  const disk = diskByTarget(domain, target);
  if (disk.getAttribute('device') !== 'disk')
    throw invalidInput(msg('vmDetails.notADisk', { disk: target }), 'key');
  const path =
    attribute(firstChild(disk, 'source'), 'file') ?? attribute(firstChild(disk, 'source'), 'dev');
  if (!path) throw invalidInput(msg('vmDetails.noSource', { disk: target }), 'key');
  if (!Number.isSafeInteger(capacityBytes) || capacityBytes <= 0) {
    throw invalidInput(msg('vmDetails.sizeWhole'), 'capacityBytes');
  }
  const vol = await lookupVolumeByPath(vm.rpc, path).catch(() => undefined);
  if (vol) {
    const { capacity } = await getVolumeInfo(vm.rpc, vol);
    if (capacityBytes <= capacity) {
      throw invalidInput(msg('vmDetails.sizeLarger', { capacity }), 'capacityBytes');
    }
    if (!vm.active) {
      await resizeVolume(vm.rpc, vol, capacityBytes);
      return { needsRestart: false };
    }
  } else if (!vm.active) {
    throw invalidInput(msg('vmDetails.notAVolume', { path }), 'key');
  }
  await resizeBlockDevice(vm.rpc, vm.dom, target, capacityBytes);
  return { needsRestart: false };
}

export async function listHostDevices(rpc: RpcClient): Promise<HostDeviceView[]> {
  const { VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV, VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV } =
    virConnectListAllNodeDeviceFlags;
  const names = await listNodeDevices(
    rpc,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV | VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV,
  );
  const views = await Promise.all(
    names.map(async (name): Promise<HostDeviceView | undefined> => {
      const dev = parseXml(await getNodeDeviceXml(rpc, name)).documentElement;
      const cap = dev ? firstChild(dev, 'capability') : undefined;
      const type = attribute(cap, 'type');
      if (!cap || (type !== 'pci' && type !== 'usb_device')) return undefined;
      const vendor = firstChild(cap, 'vendor')?.textContent?.trim() ?? '';
      const product = firstChild(cap, 'product')?.textContent?.trim() ?? '';
      return {
        name,
        kind: type === 'pci' ? 'pci' : 'usb',
        label: `${vendor} ${product}`.trim() || name,
      };
    }),
  );
  return views.filter((v): v is HostDeviceView => v !== undefined);
}
