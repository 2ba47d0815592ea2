/**
 * Direct kernel boot: <os><kernel>, <initrd> and <cmdline>, what QEMU loads instead of booting
 * from a disk. A value sets the element, '' removes it, undefined leaves it as it is.
 */
import type { Element } from '@xmldom/xmldom';
import { firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, setText } from '../../xmlEdit';
import { checkAbsolutePath, hasControlChars, invalidInput } from '../../../../shared/inputChecks';
import { OS_ORDER } from './domainOrder';
import type { XmlEdit } from '../editTypes';

export interface KernelBoot {
  kernel?: string;
  initrd?: string;
  cmdline?: string;
}

export function readKernelBoot(domain: Element): KernelBoot {
  const os = firstChild(domain, 'os');
  const text = (name: string) => (os && firstChild(os, name)?.textContent?.trim()) || undefined;
  return { kernel: text('kernel'), initrd: text('initrd'), cmdline: text('cmdline') };
}

function check(next: KernelBoot): void {
  if (next.kernel) checkAbsolutePath(next.kernel, 'The kernel', 'kernel');
  if (next.initrd) checkAbsolutePath(next.initrd, 'The initrd', 'initrd');
  if (next.cmdline !== undefined && hasControlChars(next.cmdline)) {
    throw invalidInput('The kernel arguments contain control characters', 'cmdline');
  }
  // QEMU takes an initrd or arguments only together with a kernel.
  if (!next.kernel && (next.initrd || next.cmdline)) {
    throw invalidInput('An initrd or kernel arguments need a kernel', 'kernel');
  }
}

export function setKernelBoot(xml: string, change: KernelBoot): string {
  return editXml(xml, 'domain', (domain) => {
    const os = firstChild(domain, 'os');
    if (!os) throw invalidInput('The guest has no <os> element', 'kernel');
    const now = readKernelBoot(domain);
    const next: KernelBoot = {
      kernel: change.kernel ?? now.kernel,
      initrd: change.initrd ?? now.initrd,
      cmdline: change.cmdline ?? now.cmdline,
    };
    check(next);
    for (const name of ['kernel', 'initrd', 'cmdline'] as const) {
      const value = change[name];
      if (value === undefined) continue;
      const el = firstChild(os, name);
      if (value === '') {
        if (el) removeElement(el);
      } else setText(el ?? ensureChild(os, name, OS_ORDER), value);
    }
  });
}

export const kernelBootEdit: XmlEdit<KernelBoot> = {
  id: 'domain.boot.kernel',
  root: 'domain',
  scope: ['domain/os/kernel', 'domain/os/initrd', 'domain/os/cmdline'],
  applies: (domain) => firstChild(domain, 'os') !== undefined,
  sample: (domain) =>
    readKernelBoot(domain).kernel
      ? { kernel: '', initrd: '', cmdline: '' }
      : {
          kernel: '/var/lib/libvirt/boot/vmlinuz-rt',
          initrd: '/var/lib/libvirt/boot/initrd-rt.img',
          cmdline: 'console=ttyS0 root=/dev/vda1 quote="\'$(x);"',
        },
  apply: setKernelBoot,
};
