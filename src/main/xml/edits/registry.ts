/**
 * Every XML edit the app offers, in one list: the round trip (scripts/xml-roundtrip.ts) applies
 * each to every document it applies to, and a new edit is not finished until it is listed here.
 */
import { register, type RegisteredEdit } from './editTypes';
import { memoryEdit } from './domain/memory';
import { vcpusEdit } from './domain/vcpus';
import { deviceBootOrderEdit, osBootOrderEdit } from './domain/boot';
import { bootMenuEdit } from './domain/bootMenu';
import { cpuModeEdit } from './domain/cpuMode';
import { addDiskEdit, diskSettingsEdit, removeDiskEdit } from './domain/disks';
import { ejectCdromEdit, insertCdromEdit } from './domain/cdrom';
import { addNicEdit, nicLinkEdit, nicSourceEdit, removeNicEdit } from './domain/interfaces';
import { addTpmEdit, removeTpmEdit } from './domain/tpm';
import { descriptionEdit, tagsEdit, titleEdit } from './domain/metadata';
import { addGraphicsEdit, graphicsListenEdit, graphicsPasswordEdit } from './domain/graphics';
import { addVirtiofsEdit } from './domain/filesystem';
import { addMountEdit, containerInitEdit, mountSettingsEdit } from './domain/container';
import { genericDeviceEdits } from './domain/devices';
import { deviceSettingsEdits } from './domain/deviceSettings';
import { serialTypeEdit } from './domain/serialType';
import { graphicsTypeEdit } from './domain/graphicsType';
import { kernelBootEdit } from './domain/directKernelBoot';
import { cpuTopologyEdit } from './domain/cpuTopology';
import { sharedMemoryEdit } from './domain/sharedMemory';
import {
  channelXml,
  controllerXml,
  inputXml,
  rngXml,
  serialXml,
  soundXml,
  usbHostdevXml,
  videoXml,
  watchdogXml,
} from './domain/deviceBuilders';
import { networkEdits } from './network/networkEdits';
import { addIpv6Edit, networkIpEdit } from './network/ipAddress';
import { bridgeEdit, domainNameEdit } from './network/bridgeAndDomain';
import { poolSourceEdit, poolTargetPathEdit } from './storagePool/poolEdits';
import {
  volumeBackingEdit,
  volumeCapacityEdit,
  volumeFormatEdit,
} from './storageVolume/volumeEdits';

const domainEdits: RegisteredEdit[] = [
  register(memoryEdit),
  register(vcpusEdit),
  register(osBootOrderEdit),
  register(deviceBootOrderEdit),
  register(bootMenuEdit),
  register(cpuModeEdit),
  register(addDiskEdit),
  register(removeDiskEdit),
  register(diskSettingsEdit),
  register(ejectCdromEdit),
  register(insertCdromEdit),
  register(addNicEdit),
  register(removeNicEdit),
  register(nicSourceEdit),
  register(nicLinkEdit),
  register(addTpmEdit),
  register(removeTpmEdit),
  register(titleEdit),
  register(descriptionEdit),
  register(tagsEdit),
  register(addGraphicsEdit),
  register(graphicsListenEdit),
  register(graphicsPasswordEdit),
  register(addVirtiofsEdit),
  register(containerInitEdit),
  register(addMountEdit),
  register(mountSettingsEdit),
  ...deviceSettingsEdits.map((edit) => register(edit)),
  register(serialTypeEdit),
  register(graphicsTypeEdit),
  register(kernelBootEdit),
  register(cpuTopologyEdit),
  register(sharedMemoryEdit),
  ...genericDeviceEdits({
    rng: rngXml(),
    watchdog: watchdogXml({ model: 'i6300esb', action: 'reset' }),
    sound: soundXml('ich9'),
    input: inputXml({ type: 'tablet', bus: 'usb' }),
    channel: channelXml('guest-agent'),
    serial: serialXml({ kind: 'serial' }),
    hostdev: usbHostdevXml({ vendor: '046d', product: 'c52b' }),
    controller: controllerXml({ type: 'scsi', index: 7, model: 'virtio-scsi' }),
    video: videoXml({ model: 'virtio' }),
  }),
];

const moreNetworkEdits: RegisteredEdit[] = [
  register(networkIpEdit),
  register(addIpv6Edit),
  register(bridgeEdit),
  register(domainNameEdit),
];

const storageEdits: RegisteredEdit[] = [
  register(poolTargetPathEdit),
  register(poolSourceEdit),
  register(volumeCapacityEdit),
  register(volumeFormatEdit),
  register(volumeBackingEdit),
];

export const XML_EDITS: readonly RegisteredEdit[] = [
  ...domainEdits,
  ...networkEdits,
  ...moreNetworkEdits,
  ...storageEdits,
];
