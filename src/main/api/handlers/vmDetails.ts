/**
 * The VM details page's methods: each opens the VM on its connection and hands over to
 * services/vmDetails, which checks the edit against the current XML before any change (its shape
 * was checked by the method's schema, shared/api/methods/vmEdits.ts).
 */
import type { VmDetailsMethods } from '../../../shared/api/methods/vmDetails';
import { applyEdit } from '../../services/vmDetails/applyEdit';
import { checkMountSource } from '../../services/vmDetails/containerMounts';
import { readVmDetails } from '../../services/vmDetails/readDetails';
import {
  listHostDevices,
  renameVm,
  resizeDisk,
  setVmTags,
} from '../../services/vmDetails/vmSettings';
import { openVm } from '../../services/vmDetails/vmXml';
import { defineXmlFromTab } from '../../services/vmDetails/xmlTab';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function vmDetailsHandlers({ sessions }: HandlerDeps): HandlersOf<VmDetailsMethods> {
  const open = async ({ connectionId, uuid }: { connectionId: string; uuid: string }) => {
    const { rpc } = sessions.get(connectionId).libvirt();
    return { vm: await openVm(rpc, uuid), uuid };
  };
  return {
    'vms.details': async (p) => {
      const { vm, uuid } = await open(p);
      return readVmDetails(vm, uuid);
    },
    'vms.edit': async (p) => {
      if (p.edit.kind === 'mountFilesystem') {
        await checkMountSource(sessions.get(p.connectionId).libvirt().host, p.edit.source);
      }
      const { vm, uuid } = await open(p);
      return applyEdit(vm, p.edit, uuid);
    },
    'vms.defineXml': async (p) => {
      const { vm, uuid } = await open(p);
      return defineXmlFromTab(vm, uuid, p.xml);
    },
    'vms.rename': async (p) => {
      const { vm } = await open(p);
      return renameVm(vm, p.name);
    },
    'vms.resizeDisk': async (p) => {
      const { vm } = await open(p);
      return resizeDisk(vm, p.key, p.capacityBytes);
    },
    'vms.setTags': async (p) => {
      const { vm } = await open(p);
      return setVmTags(vm, p.tags);
    },
    'vms.hostDevices': async (p) => {
      const { rpc } = sessions.get(p.connectionId).libvirt();
      return listHostDevices(rpc);
    },
  };
}
