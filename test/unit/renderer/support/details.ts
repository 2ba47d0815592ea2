import type { DeviceView, VmDetails } from '../../../../src/shared/api/vmDetailsTypes';

type NicView = Extract<DeviceView, { kind: 'interface' }>;

/** One VM's details as vms.details sends them: a stopped 1-vCPU, 1 GiB guest, no devices. */
export function vmDetails(patch: Partial<VmDetails> = {}): VmDetails {
  return {
    uuid: 'uuid-web',
    name: 'web',
    title: '',
    description: '',
    state: 'shutoff',
    running: false,
    persistent: true,
    autostart: false,
    hypervisor: 'kvm',
    firmware: 'bios',
    memory: { maximumKiB: 1048576, currentKiB: 1048576, sharedMemory: false },
    cpu: { maximum: 1, current: 1 },
    boot: { devices: ['hd'], menu: false },
    tags: [],
    devices: [],
    inactiveXml: '<domain/>',
    host: { memoryKiB: 8388608, maxVcpus: 8 },
    ...patch,
  };
}

/** A NIC on the network "default", as the backend reads it. */
export function nicView(patch: Partial<NicView> = {}): NicView {
  return {
    key: 'interface:52:54:00:12:34:56',
    kind: 'interface',
    element: 'interface',
    label: '52:54:00:12:34:56',
    type: 'network',
    source: 'default',
    model: 'virtio',
    mac: '52:54:00:12:34:56',
    linkUp: true,
    inConfig: true,
    inLive: false,
    xml: '<interface type="network"/>',
    ...patch,
  };
}
