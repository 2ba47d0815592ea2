/**
 * The VM details page's methods: each reads its parameters through ../params, opens the VM on
 * its connection and hands over to services/vmDetails, which checks the rest before any change.
 */
import type { VmDetailsMethods } from '../../../shared/api/methods/vmDetails';
import { NEW_DEVICE_KINDS, type VmEdit } from '../../../shared/api/vmDetailsTypes';
import { VirtdeckError } from '../../../shared/errors';
import { applyEdit } from '../../services/vmDetails/applyEdit';
import { readVmDetails } from '../../services/vmDetails/readDetails';
import {
  listHostDevices,
  renameVm,
  resizeDisk,
  setVmTags,
} from '../../services/vmDetails/vmSettings';
import { openVm } from '../../services/vmDetails/vmXml';
import { defineXmlFromTab } from '../../services/vmDetails/xmlTab';
import { numberIn, record, text } from '../params';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

const EDIT_KINDS: readonly VmEdit['kind'][] = [
  'memory',
  'vcpus',
  'cpuMode',
  'bootOrder',
  'bootDevs',
  'bootMenu',
  'addDevice',
  'removeDevice',
  'media',
  'interface',
  'metadata',
  'disk',
  'graphics',
  'deviceSettings',
  'charSource',
  'kernelBoot',
  'cpuTopology',
  'sharedMemory',
];

/**
 * The edit's kind is checked here; its fields are checked by the XML edits and builders (each
 * value through checkInt / checkOneOf / checkMac...), which throw invalid-input before a change.
 */
function asEdit(value: unknown): VmEdit {
  const edit = record(value, 'edit');
  if (!EDIT_KINDS.includes(edit.kind as VmEdit['kind'])) {
    throw new VirtdeckError('invalid-input', `Unknown edit "${String(edit.kind)}"`);
  }
  if (edit.kind === 'addDevice') {
    const device = record(edit.device, 'device');
    if (!(NEW_DEVICE_KINDS as readonly string[]).includes(String(device.kind))) {
      throw new VirtdeckError('invalid-input', `Unknown device kind "${String(device.kind)}"`);
    }
  }
  return edit as unknown as VmEdit;
}

function tags(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) {
    throw new VirtdeckError('invalid-input', 'Tags must be a list of words');
  }
  return value as string[];
}

export function vmDetailsHandlers({ sessions }: HandlerDeps): HandlersOf<VmDetailsMethods> {
  const open = async (p: { connectionId?: unknown; uuid?: unknown } | undefined) => {
    const uuid = text(p?.uuid, 'uuid');
    const { rpc } = sessions.get(text(p?.connectionId, 'connectionId')).libvirt();
    return { vm: await openVm(rpc, uuid), uuid };
  };
  return {
    'vms.details': async (p) => {
      const { vm, uuid } = await open(p);
      return readVmDetails(vm, uuid);
    },
    'vms.edit': async (p) => {
      const edit = asEdit(p?.edit);
      const { vm, uuid } = await open(p);
      return applyEdit(vm, edit, uuid);
    },
    'vms.defineXml': async (p) => {
      const xml = text(p?.xml, 'xml');
      const { vm, uuid } = await open(p);
      return defineXmlFromTab(vm, uuid, xml);
    },
    'vms.rename': async (p) => {
      const name = text(p?.name, 'name');
      const { vm } = await open(p);
      return renameVm(vm, name);
    },
    'vms.resizeDisk': async (p) => {
      const key = text(p?.key, 'key');
      const capacity = numberIn(p?.capacityBytes, 'capacityBytes', 1);
      const { vm } = await open(p);
      return resizeDisk(vm, key, capacity);
    },
    'vms.setTags': async (p) => {
      const list = tags(p?.tags);
      const { vm } = await open(p);
      return setVmTags(vm, list);
    },
    'vms.hostDevices': async (p) => {
      const { rpc } = sessions.get(text(p?.connectionId, 'connectionId')).libvirt();
      return listHostDevices(rpc);
    },
  };
}
