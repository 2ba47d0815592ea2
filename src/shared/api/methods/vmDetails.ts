import * as v from 'valibot';
import { connectionId, numberIn, text, vmRef, type ParamsIn } from '../schema';
import type { EditResult, HostDeviceView, VmDetails } from '../vmDetailsTypes';
import { vmEdit } from './vmEdits';

const onVm = <E extends v.ObjectEntries>(entries: E) => v.object({ ...vmRef, ...entries });

export const vmDetailsParams = {
  'vms.details': onVm({}),
  'vms.edit': onVm({ edit: vmEdit }),
  'vms.defineXml': onVm({ xml: text('xml') }),
  'vms.rename': onVm({ name: text('name') }),
  'vms.resizeDisk': onVm({ key: text('key'), capacityBytes: numberIn('capacityBytes', 1) }),
  'vms.setTags': onVm({
    tags: v.array(v.string('Tags must be a list of words'), 'Tags must be a list of words'),
  }),
  'vms.hostDevices': v.object({ connectionId }),
};
type In<M extends keyof typeof vmDetailsParams> = ParamsIn<(typeof vmDetailsParams)[M]>;

/** The VM details page: every device read from the XML, edits, the XML tab, rename, resize, tags. */
export interface VmDetailsMethods {
  /** The VM's devices and settings from its persistent and live XML (no secrets). */
  'vms.details': { params: In<'vms.details'>; result: VmDetails };
  /** One change; applied live where libvirt can and to the persistent config. */
  'vms.edit': { params: In<'vms.edit'>; result: EditResult };
  /** Defines the XML tab's edited XML with libvirt's validation; nothing changes on an error. */
  'vms.defineXml': { params: In<'vms.defineXml'>; result: EditResult };
  /** Renames a shut-off VM. */
  'vms.rename': { params: In<'vms.rename'>; result: void };
  /** Grows a disk (volume resize, or block resize of the running guest's disk). */
  'vms.resizeDisk': { params: In<'vms.resizeDisk'>; result: EditResult };
  /** Tags, stored in the domain's <metadata> under Virtdeck's namespace. */
  'vms.setTags': { params: In<'vms.setTags'>; result: void };
  /** Host PCI and USB devices, for Add hardware. */
  'vms.hostDevices': { params: In<'vms.hostDevices'>; result: HostDeviceView[] };
}
