import * as v from 'valibot';
import {
  connectionId,
  nothing,
  numberIn,
  text,
  vmRef,
  type MethodsOf,
  type ResultSchemas,
} from '../schema';
import { editResult, hostDeviceView, vmDetails } from '../vmDetailsTypes';
import { vmEdit } from './vmEdits';

const onVm = <E extends v.ObjectEntries>(entries: E) => v.object({ ...vmRef, ...entries });

export const vmDetailsParams = {
  /** The VM's devices and settings from its persistent and live XML (no secrets). */
  'vms.details': onVm({}),
  /** One change; applied live where libvirt can and to the persistent config. */
  'vms.edit': onVm({ edit: vmEdit }),
  /** Defines the XML tab's edited XML with libvirt's validation; nothing changes on an error. */
  'vms.defineXml': onVm({ xml: text('xml') }),
  /** Renames a shut-off VM. */
  'vms.rename': onVm({ name: text('name') }),
  /** Grows a disk (volume resize, or block resize of the running guest's disk). */
  'vms.resizeDisk': onVm({ key: text('key'), capacityBytes: numberIn('capacityBytes', 1) }),
  /** Tags, stored in the domain's <metadata> under Virtdeck's namespace. */
  'vms.setTags': onVm({
    tags: v.array(v.string('Tags must be a list of words'), 'Tags must be a list of words'),
  }),
  /** Host PCI and USB devices, for Add hardware. */
  'vms.hostDevices': v.object({ connectionId }),
};

export const vmDetailsResults = {
  'vms.details': vmDetails,
  'vms.edit': editResult,
  'vms.defineXml': editResult,
  'vms.rename': nothing,
  'vms.resizeDisk': editResult,
  'vms.setTags': nothing,
  'vms.hostDevices': v.array(hostDeviceView),
} satisfies ResultSchemas<typeof vmDetailsParams>;

/** The VM details page: every device read from the XML, edits, the XML tab, rename, resize, tags. */
export type VmDetailsMethods = MethodsOf<typeof vmDetailsParams, typeof vmDetailsResults>;
