import type { EditResult, HostDeviceView, VmDetails, VmEdit } from '../vmDetailsTypes';

interface VmRef {
  connectionId: string;
  uuid: string;
}

/** The VM details page: every device read from the XML, edits, the XML tab, rename, resize, tags. */
export interface VmDetailsMethods {
  /** The VM's devices and settings from its persistent and live XML (no secrets). */
  'vms.details': { params: VmRef; result: VmDetails };
  /** One change; applied live where libvirt can and to the persistent config. */
  'vms.edit': { params: VmRef & { edit: VmEdit }; result: EditResult };
  /** Defines the XML tab's edited XML with libvirt's validation; nothing changes on an error. */
  'vms.defineXml': { params: VmRef & { xml: string }; result: EditResult };
  /** Renames a shut-off VM. */
  'vms.rename': { params: VmRef & { name: string }; result: void };
  /** Grows a disk (volume resize, or block resize of the running guest's disk). */
  'vms.resizeDisk': {
    params: VmRef & { key: string; capacityBytes: number };
    result: EditResult;
  };
  /** Tags, stored in the domain's <metadata> under Virtdeck's namespace. */
  'vms.setTags': { params: VmRef & { tags: string[] }; result: void };
  /** Host PCI and USB devices, for Add hardware. */
  'vms.hostDevices': { params: { connectionId: string }; result: HostDeviceView[] };
}

export const VM_DETAILS_METHOD_NAMES = [
  'vms.details',
  'vms.edit',
  'vms.defineXml',
  'vms.rename',
  'vms.resizeDisk',
  'vms.setTags',
  'vms.hostDevices',
] as const satisfies readonly (keyof VmDetailsMethods)[];
