/**
 * The Xen wizard's form as the user edits it (texts as typed), and the `xen.previewXml` /
 * `xen.create` parameters it becomes: only the chosen guest type's boot fields are sent.
 */
import type { XenGuestKind, XenGuestOptions, XenHostFacts } from '../../../shared/api/methods/xen';

export interface XenForm {
  kind: XenGuestKind;
  name: string;
  kernel: string;
  initrd: string;
  cmdline: string;
  bootloader: string;
  iso: string;
  memoryMiB: string;
  vcpus: string;
  disk: string;
  diskFormat: 'raw' | 'qcow2';
  netKind: 'bridge' | 'none';
  bridge: string;
  mac: string;
  start: boolean;
}

export const INITIAL_FORM: XenForm = {
  kind: 'pv-kernel',
  name: '',
  kernel: '',
  initrd: '',
  cmdline: '',
  bootloader: 'pygrub',
  iso: '',
  memoryMiB: '1024',
  vcpus: '1',
  disk: '',
  diskFormat: 'raw',
  netKind: 'bridge',
  bridge: '',
  mac: '',
  start: true,
};

/** Once the host is known: its xenbr0 (or first bridge) and a fresh MAC, unless already typed. */
export function withHostDefaults(form: XenForm, facts: XenHostFacts): XenForm {
  const bridge = facts.bridges.includes('xenbr0') ? 'xenbr0' : facts.bridges[0];
  return {
    ...form,
    mac: form.mac || facts.mac,
    bridge: form.bridge || (bridge ?? ''),
  };
}

export function toXenOptions(connectionId: string, form: XenForm): XenGuestOptions {
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const when = (kind: XenGuestKind, text: string) =>
    form.kind === kind ? optional(text) : undefined;
  return {
    connectionId,
    kind: form.kind,
    name: form.name,
    kernel: when('pv-kernel', form.kernel),
    initrd: when('pv-kernel', form.initrd),
    cmdline: when('pv-kernel', form.cmdline),
    bootloader: when('pv-bootloader', form.bootloader),
    iso: when('hvm', form.iso),
    memoryMiB: Number(form.memoryMiB),
    vcpus: Number(form.vcpus),
    disk: form.disk,
    diskFormat: form.diskFormat,
    network:
      form.netKind === 'none'
        ? { kind: 'none' }
        : { kind: 'bridge', name: form.bridge, mac: form.mac },
    start: form.start,
  };
}
